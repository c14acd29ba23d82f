import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit';
import { type Database, openDatabase, queryRows } from '../src/db/database';
import { auditLog, clientKeys, organisations, reports, users } from '../src/db/schema';

/**
 * Several real server processes on one PostgreSQL schema (issue 14 item 5): three `main.ts`
 * processes started at once on an empty schema (migrations and the demo load under the start-up
 * lock), then conflicting reports in opposite orders sent to two of them, simultaneous replays
 * of one clientKey to all three, ANALYZE/VACUUM between recomputes on different processes, and a
 * kill -9 of one process while requests are in flight, then its restart. Loopback only, ports
 * chosen by the kernel, a bounded number of requests.
 */
const url = process.env.DATABASE_URL;
const serverMain = join(import.meta.dirname, '..', 'src', 'main.ts');
const secrets = { SESSION_SECRET: `mp-session-${randomBytes(16).toString('hex')}`, AUDIT_KEY: `mp-audit-${randomBytes(16).toString('hex')}`, KEK: randomBytes(32).toString('hex') };

type Server = { name: string; child: ChildProcess; base: string; output: string[]; dataDir: string };
type Reply = { status: number; body: string; json: () => unknown };

const schemaName = `t_mp_${process.pid}_${randomBytes(4).toString('hex')}`;
const servers = new Map<string, Server>();
const statuses: { server: string; route: string; status: number; body: string }[] = [];
let db: Database | null = null;

function start(name: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), `kaohe-mp-${name}-`));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: url!,
    DATABASE_SCHEMA: schemaName,
    DATABASE_POOL_SIZE: '5',
    DATA_DIR: dataDir,
    RECOMPUTE_DELAY_MS: '0',
    JOB_POLL_MS: '0',
    ...secrets,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 150 s:\n${output.join('')}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        const server = { name, child, base: m[1]!, output, dataDir };
        servers.set(name, server);
        resolve(server);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before listening:\n${output.join('')}`));
    });
  });
}

type Session = { server: Server; cookie: string; csrf: string };

async function call(s: { server: Server; cookie?: string; csrf?: string }, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${s.server.base}${path}`, {
    method,
    headers: { ...(s.cookie ? { cookie: s.cookie, 'x-csrf-token': s.csrf! } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  statuses.push({ server: s.server.name, route: `${method} ${path}`, status: res.status, body: text.slice(0, 300) });
  return { status: res.status, body: text, json: () => JSON.parse(text) };
}

async function login(server: Server, name: string, password: string): Promise<Session> {
  const res = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: name, password }) });
  const text = await res.text();
  statuses.push({ server: server.name, route: 'POST /api/auth/login', status: res.status, body: text.slice(0, 300) });
  if (res.status !== 200) throw new Error(`login ${name} on ${server.name}: ${res.status} ${text}`);
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('kaohe_session='))!;
  return { server, cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

/** The same session (cookie) used through another process: sessions live in the database. */
const via = (s: Session, server: Server): Session => ({ ...s, server });

const passwords = new Map<string, string>();
let assessmentId = '';

if (!url) console.info('concurrency-multiprocess.test.ts: skipped — it needs PostgreSQL (DATABASE_URL; npm run test:pg runs it)');

describe.skipIf(!url)('several server processes on one PostgreSQL', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schemaName}`);
    await admin.end();
  }, 30_000);

  afterAll(async () => {
    for (const s of servers.values()) {
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const s of servers.values()) rmSync(s.dataDir, { recursive: true, force: true });
    await db?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE`);
    await admin.end();
  }, 30_000);

  it('three processes started at once on an empty schema: all start, the demo is loaded once', async () => {
    const started = await Promise.allSettled(['A', 'B', 'C'].map((n) => start(n)));
    const failed = started.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason));
    expect(failed).toEqual([]);
    const loaders = [...servers.values()].filter((s) => s.output.join('').includes('演示数据已载入'));
    expect(loaders).toHaveLength(1);
    for (const line of loaders[0]!.output.join('').split('\n')) {
      const m = /^ {2}(\S+)\s+(\S+) {2}/.exec(line);
      if (m) passwords.set(m[1]!, m[2]!);
    }
    expect([...passwords.keys()]).toEqual(expect.arrayContaining(['kpb', 'reporter']));
    db = await openDatabase({ kind: 'postgres', url: url!, poolSize: 2, searchPath: schemaName, migrate: false });
    expect(await db.db.$count(organisations)).toBe(1);
    expect(await db.db.$count(users)).toBe(passwords.size);
    expect(await db.db.$count(auditLog, eq(auditLog.action, 'demo.load'))).toBe(1);
  }, 300_000);

  it('sessions cross processes; conflicting reports in opposite orders and simultaneous replays never answer 500', async () => {
    const [A, B, C] = ['A', 'B', 'C'].map((n) => servers.get(n)!) as [Server, Server, Server];
    const kpb = await login(A, 'kpb', passwords.get('kpb')!);
    const list = await call(via(kpb, B), 'GET', '/api/assessments');
    expect(list.status).toBe(200);
    assessmentId = (list.json() as { id: string }[])[0]!.id;
    const reporter = await login(B, 'reporter', passwords.get('reporter')!);
    const reports$ = `/api/assessments/${assessmentId}/reports`;
    expect((await call(via(reporter, A), 'GET', '/api/auth/session')).status).toBe(200);
    const unitId = (await queryRows<{ id: string }>(db!.db, sql`SELECT id FROM units WHERE code = 'xizhen'`))[0]!.id;

    // 8 pairs: the same two facts, in opposite orders, to two processes at once (drafts: a draft
    // takes over another draft's fact; a submitted one would be a business 409)
    const pairs = Array.from({ length: 8 }, (_, i) => i);
    const facts = (i: number) => [
      { id: `mp-${i}-a`, type: 'value', value: 100 + i },
      { id: `mp-${i}-b`, type: 'value', value: 200 + i },
    ];
    const pairReplies = await Promise.all(
      pairs.flatMap((i) => [
        call(via(reporter, A), 'POST', reports$, { clientKey: `pair-${i}-1`, unitId, clauseKey: 'NY.LSMJ.p', facts: facts(i), submit: false }),
        call(via(reporter, B), 'POST', reports$, { clientKey: `pair-${i}-2`, unitId, clauseKey: 'NY.LSMJ.p', facts: facts(i).reverse(), submit: false }),
      ]),
    );
    expect(pairReplies.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body}`)).toEqual([]);

    // one clientKey, one body, to all three processes at once, 5 times over
    for (let round = 0; round < 5; round++) {
      const body = { clientKey: `replay-${round}`, unitId, clauseKey: 'NY.LSCL.p', narrative: `第 ${round} 轮`, facts: [{ id: `mp-replay-${round}`, type: 'value', value: 50000 + round }], submit: true };
      const replies = await Promise.all([A, B, C].map((s) => call(via(reporter, s), 'POST', reports$, body)));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
      const first = replies.filter((r) => (r.json() as { replayed: boolean }).replayed === false);
      expect(first).toHaveLength(1);
      for (const r of replies) expect(r.body.replace('"replayed":true', '"replayed":false')).toBe(first[0]!.body);
    }
    const keys = [...pairs.flatMap((i) => [`pair-${i}-1`, `pair-${i}-2`]), ...[0, 1, 2, 3, 4].map((r) => `replay-${r}`)];
    const rows = await db!.db.select({ id: reports.id, clientKey: reports.clientKey }).from(reports).where(and(eq(reports.assessmentId, assessmentId), inArray(reports.clientKey, keys)));
    expect(rows).toHaveLength(keys.length);
    // one audit record per report created, however many times it was sent
    const audits = await db!.db.select({ objectId: auditLog.objectId }).from(auditLog).where(and(inArray(auditLog.action, ['report.submit', 'report.draft']), inArray(auditLog.objectId, rows.map((r) => r.id))));
    expect(audits.map((a) => a.objectId).sort()).toEqual(rows.map((r) => r.id).sort());
  }, 240_000);

  it('gives identical totals and input hashes from every process, across ANALYZE and VACUUM', async () => {
    const kpb = await login(servers.get('C')!, 'kpb', passwords.get('kpb')!);
    const seen: { inputSha256: string; totals: string }[] = [];
    for (const name of ['A', 'B', 'C', 'A']) {
      const s = via(kpb, servers.get(name)!);
      const done = await call(s, 'POST', `/api/assessments/${assessmentId}/recompute`, {});
      expect(done.status).toBe(200);
      const results = await call(s, 'GET', `/api/assessments/${assessmentId}/results`);
      expect(results.status).toBe(200);
      const totals = (results.json() as { unitId: string; total: string; grade: string | null }[]).map((r) => `${r.unitId}=${r.total}/${r.grade}`).sort().join(' ');
      seen.push({ inputSha256: (done.json() as { inputSha256: string }).inputSha256, totals });
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`ANALYZE ${schemaName}.facts, ${schemaName}.judgements, ${schemaName}.reports, ${schemaName}.results`);
      await admin.query(`VACUUM ${schemaName}.facts`);
      await admin.end();
    }
    expect(new Set(seen.map((s) => s.inputSha256)).size).toBe(1);
    expect(new Set(seen.map((s) => s.totals)).size).toBe(1);
  }, 180_000);

  it('kill -9 of one process with requests in flight loses nothing committed; resent after its restart, each request is done once', async () => {
    const C = servers.get('C')!;
    const reporter = await login(C, 'reporter', passwords.get('reporter')!);
    const unitId = (await queryRows<{ id: string }>(db!.db, sql`SELECT id FROM units WHERE code = 'xizhen'`))[0]!.id;
    const reports$ = `/api/assessments/${assessmentId}/reports`;
    const bodies = Array.from({ length: 12 }, (_, i) => ({ clientKey: `kill-key-${i}`, unitId, clauseKey: 'NY.SZCL.p', facts: [{ id: `mp-kill-${i}`, type: 'value', value: 1600 + i }], submit: true }));
    const inFlight = bodies.map((b, i) =>
      new Promise((r) => setTimeout(r, i * 15)).then(() =>
        call(reporter, 'POST', reports$, b).then(
          (r) => ({ key: b.clientKey, status: r.status, body: r.body }),
          () => ({ key: b.clientKey, status: 0, body: '' }), // the connection died with the process
        ),
      ),
    );
    await new Promise((r) => setTimeout(r, 60));
    C.child.kill('SIGKILL');
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.filter((o) => o.status !== 0 && o.status !== 200)).toEqual([]);
    const restarted = await start('C');
    const again = await login(restarted, 'reporter', passwords.get('reporter')!);
    const A = servers.get('A')!;
    // every request is sent again, half to the restarted process, half to another: replays or first writes
    const resent = await Promise.all(bodies.map((b, i) => call(via(again, i % 2 === 0 ? restarted : A), 'POST', reports$, b)));
    expect(resent.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body}`)).toEqual([]);
    const rows = await db!.db.select({ id: reports.id }).from(reports).where(and(eq(reports.assessmentId, assessmentId), inArray(reports.clientKey, bodies.map((b) => b.clientKey))));
    expect(rows).toHaveLength(bodies.length);
    const keyRows = await db!.db.select({ key: clientKeys.key, response: clientKeys.response }).from(clientKeys).where(and(eq(clientKeys.scope, `report:${assessmentId}`), inArray(clientKeys.key, bodies.map((b) => b.clientKey))));
    expect(keyRows).toHaveLength(bodies.length);
    expect(keyRows.filter((k) => k.response === null)).toEqual([]);
    const audits = await db!.db.select({ objectId: auditLog.objectId }).from(auditLog).where(and(eq(auditLog.action, 'report.submit'), inArray(auditLog.objectId, rows.map((r) => r.id))));
    expect(audits).toHaveLength(bodies.length);
  }, 240_000);

  it('no response at or above 500 anywhere, and the audit chain is intact', async () => {
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
    const verified = await verifyAuditChain(db!.db, secrets.AUDIT_KEY);
    expect(verified).toMatchObject({ ok: true });
    // nothing duplicated: one organisation, one account per login, one demo load
    expect(await db!.db.$count(organisations)).toBe(1);
    const logins = await queryRows<{ n: number }>(db!.db, sql`SELECT count(*)::int - count(DISTINCT login)::int AS n FROM users`);
    expect(Number(logins[0]!.n)).toBe(0);
  }, 60_000);
});
