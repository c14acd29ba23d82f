import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit';
import { isDatabaseEmpty, loadDemo } from '../src/demo/load-demo';
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

describe('loadDemo', () => {
  it('loads the 佳县 scheme, its facts and a user per role, and publishes results', async () => {
    expect(await isDatabaseEmpty(h.ctx.db)).toBe(true);
    const result = await loadDemo(h.ctx, { schemePath: join(examples, 'scheme.yaml'), factsPath: join(examples, 'facts.yaml') });
    expect(result.facts).toBeGreaterThan(50);
    expect(result.accounts.map((a) => a.role).sort()).toEqual(
      ['assessment-admin', 'audit-admin', 'division-user', 'lead-assessor', 'leader', 'security-admin', 'system-admin', 'unit-reporter'].sort(),
    );
    const publicResults = await h.app.inject({ method: 'GET', url: `/api/public/assessments/${result.assessmentId}/results` });
    expect(publicResults.statusCode).toBe(200);
    expect((publicResults.json() as { results: unknown[] }).results.length).toBe(result.units);
    const reporter = result.accounts.find((a) => a.login === 'reporter')!;
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'reporter', password: reporter.password } });
    expect(login.statusCode).toBe(200);
    expect(await isDatabaseEmpty(h.ctx.db)).toBe(false);
    expect((await verifyAuditChain(h.ctx.db, h.config.auditKey)).ok).toBe(true);
  });
});
