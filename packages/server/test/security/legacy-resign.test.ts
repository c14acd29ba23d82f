import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, integritySeals, publications, signingKeys } from '../../src/db/schema';
import { unsignedLegacyNote } from '../../src/security/result-signing';
import { securityCommands } from '../../src/security/cli-security';
import { createHarness, type Harness } from '../harness';
import { publishThroughPublicity } from '../publish-helper';
import { seedWork } from '../world-data';

// Publications written before signing existed: 未签名 (not 篡改) while intact, re-signed on the host only then.
type Verify = { ok: boolean; status: string; problems: string[] };
let h: Harness;
let publicationId = '';
const verify = async () => (await (await h.login('kpb')).request('GET', `/api/publications/${publicationId}/verify`)).json() as Verify;
/** The state an old version left: no seal, and the server's signing key created only after the upgrade. */
const makeLegacy = async () => {
  await h.ctx.db.delete(integritySeals).where(eq(integritySeals.objectId, publicationId));
  const [p] = await h.ctx.db.select().from(publications).where(eq(publications.id, publicationId));
  await h.ctx.db.update(signingKeys).set({ createdAt: new Date(p!.publishedAt.getTime() + 86_400_000) });
};
const resign = async (options: string[] = []) => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    const flags = { options: new Map<string, string | true>(options.map((o) => [o, true])) };
    const code = await securityCommands['publications re-sign']!({ flags, option: () => null, config: h.config, env: { USER: 'ops' }, withContext: (run) => run(h.ctx), usage: (m) => new Error(m) });
    return { code, lines };
  } finally {
    console.log = log;
  }
};
const resignAudits = async () => (await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'publication.re-sign'))).length;
const editScore = async (total: string) => {
  await h.ctx.db.execute(sql.raw('ALTER TABLE published_results DISABLE TRIGGER USER'));
  await h.ctx.db.execute(sql`UPDATE published_results SET total = ${total} WHERE unit_id = ${h.ids.units.U1}`);
  await h.ctx.db.execute(sql.raw('ALTER TABLE published_results ENABLE TRIGGER USER'));
};

beforeAll(async () => {
  h = await createHarness({});
  await seedWork(h);
  const res = await publishThroughPublicity(h, await h.login('kpb'), h.ids.assessmentId);
  expect(res.statusCode, res.body).toBe(200);
  publicationId = (res.json() as { id: string }).id;
}, 300_000);
afterAll(async () => {
  await h?.close();
});

describe('unsigned legacy publications', () => {
  it('an intact publication from before signing shows 未签名, not 篡改 and not ok, and the host re-signs it (audited)', async () => {
    await makeLegacy();
    expect(await verify()).toMatchObject({ ok: false, status: '未签名', problems: [unsignedLegacyNote] });
    const dry = await resign(['dry-run']);
    expect(dry.lines[0]).toMatch(/^将补签\t第 1 版/);
    expect(await resignAudits()).toBe(0);
    const run = await resign();
    expect(run.code).toBe(0);
    expect(run.lines.at(-1)).toBe('补签 1 个，拒绝 0 个（内容与摘要不符或签名被删除，须人工核查），已有签名 0 个');
    expect(await verify()).toMatchObject({ ok: true, status: '完整', problems: [] });
    expect(await resignAudits()).toBe(1);
    // a second run finds nothing to do
    expect((await resign()).lines.at(-1)).toBe('补签 0 个，拒绝 0 个（内容与摘要不符或签名被删除，须人工核查），已有签名 1 个');
  });

  it('a changed legacy snapshot is 篡改 and never re-signed', async () => {
    await makeLegacy();
    await editScore('9.5');
    const check = await verify();
    expect(check.status).toBe('篡改');
    expect(check.problems).toContain('“甲镇”的公布结果与快照不符（快照总分 9，公布 9.5）');
    const run = await resign();
    expect(run.code).toBe(1);
    expect(run.lines[0]).toMatch(/^未补签\t第 1 版\t.*公布结果与快照不符/);
    expect(await h.ctx.db.select().from(integritySeals).where(eq(integritySeals.objectId, publicationId))).toEqual([]);
    expect(await resignAudits()).toBe(1);
    await editScore('9');
  });

  it('a seal deleted from a publication written after signing began is 篡改 and is not re-signed', async () => {
    await makeLegacy();
    await h.ctx.db.update(signingKeys).set({ createdAt: new Date(0) }); // the key is older than the publication
    const check = await verify();
    expect(check.status).toBe('篡改');
    expect(check.problems.some((p) => p.startsWith('快照没有服务器签名'))).toBe(true);
    expect((await resign()).code).toBe(1);
    expect((await verify()).status).toBe('篡改');
  });
});
