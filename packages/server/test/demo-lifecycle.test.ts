import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFacts, parseScheme, parseYamlOrJson } from '@kaohe/contract';
import { evaluate, toStr } from '@kaohe/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factVersions, facts, results, units } from '../src/db/schema';
import { loadDemo } from '../src/demo/load-demo';
import { recomputeResults } from '../src/services/results.service';
import { cliActor } from '../src/services/account.service';
import { assessments } from '../src/db/schema';
import { createHarness, type Harness } from './harness';

// the demo files are project data: read from the repository's examples folder
const examples = join(import.meta.dirname, '..', '..', '..', 'examples', 'jiaxian-2020');
let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { seed: false });
});
afterAll(async () => {
  await h?.close();
});

describe('the demo year through the fact lifecycle', () => {
  it('gives every official fact its first version and scores exactly what the core scores from the files', async () => {
    const demo = await loadDemo(h.ctx, { schemePath: join(examples, 'scheme.yaml'), factsPath: join(examples, 'facts.yaml') });
    expect(await h.ctx.db.$count(facts)).toBe(demo.facts);
    expect(await h.ctx.db.$count(factVersions)).toBe(demo.facts);
    const [assessment] = await h.ctx.db.select().from(assessments).where(eq(assessments.id, demo.assessmentId));
    const outcome = await recomputeResults(h.ctx, cliActor('test'), assessment!);
    const stored = await h.ctx.db.select({ code: units.code, total: results.total, ledger: results.ledger }).from(results).innerJoin(units, eq(units.id, results.unitId));
    const scheme = parseScheme(parseYamlOrJson(readFileSync(join(examples, 'scheme.yaml'), 'utf8'), 'scheme.yaml').value, 'scheme.yaml').scheme;
    const direct = evaluate(scheme, parseFacts(readFileSync(join(examples, 'facts.yaml'), 'utf8'), 'facts.yaml', scheme));
    expect(new Map(stored.map((r) => [r.code, r.total]))).toEqual(new Map(direct.units.map((u) => [u.unit, toStr(u.total)])));
    // the demo's facts are all read by some rule: no warning
    const warnings = stored.flatMap((r) => ((r.ledger as { warnings: { message: string }[] }).warnings ?? []).map((w) => `${r.code}: ${w.message}`));
    expect(warnings).toEqual([]);
    expect(outcome.warnings).toBe(0);
  });
});
