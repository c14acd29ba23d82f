/**
 * Load benchmark (loopback only, bounded in time and count): N concurrent sessions, each a unit
 * reporter, alternately listing results and submitting a report, against the server on PGlite
 * and on PostgreSQL. Prints p50/p95/p99 latency, throughput and the server process's peak RSS.
 *
 *   npx tsx packages/server/bench/load.ts [--sessions 200] [--duration 20] [--max-requests 40000]
 *        [--engines pglite,postgres] [--url postgres://postgres@127.0.0.1:5432/test]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchPassword } from './bench-world';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const sessions = Number(args.get('sessions') ?? 200);
const duration = Number(args.get('duration') ?? 20);
const maxRequests = Number(args.get('max-requests') ?? 40_000);
/** Requests per second per session; 0 = as fast as the server answers (saturation). */
const ratePerSession = Number(args.get('rate') ?? 0.5);
const engines = (args.get('engines') ?? 'pglite,postgres').split(',');
const pgUrl = args.get('url') ?? 'postgres://postgres@127.0.0.1:5432/test';
const unitCount = Math.max(1, Math.ceil(sessions / 2));

type Figures = { engine: string; requests: number; errors: number; non2xx: number; rps: number; p50: number; p95: number; p99: number; max: number; peakRssMb: number; byRoute: Record<string, { p50: number; p95: number; p99: number; n: number }> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10 : 0);

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; assessmentId: string; reporters: { login: string; unitId: string }[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'server-child.ts'), String(unitCount), '2'], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_ON_EMPTY: 'false', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ...(JSON.parse(line) as { port: number; assessmentId: string; reporters: { login: string; unitId: string }[] }) });
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

async function login(port: number, name: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: name, password: benchPassword }) });
  if (!res.ok) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function runEngine(engine: string): Promise<Figures> {
  let cleanup = async () => {};
  let env: Record<string, string>;
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-'));
    env = { DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await admin.end();
    env = { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: '20' };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    };
  }
  console.error(`[${engine}] starting server, seeding ${unitCount} units and ${unitCount * 2} reporters…`);
  const server = await startServer(env).catch(async (error: unknown) => {
    await cleanup();
    throw error;
  });
  let peak = rssMb(server.child.pid!);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(server.child.pid!));
  }, 200);
  try {
    console.error(`[${engine}] logging in ${sessions} sessions…`);
    const reporters = server.reporters.slice(0, sessions);
    const creds: { cookie: string; csrfToken: string; unitId: string }[] = [];
    for (let i = 0; i < reporters.length; i += 10) {
      const batch = await Promise.all(reporters.slice(i, i + 10).map(async (r) => ({ ...(await login(server.port, r.login)), unitId: r.unitId })));
      creds.push(...batch);
    }
    const times: { route: string; ms: number }[] = [];
    let counter = 0;
    let requests = 0;
    let errors = 0;
    let non2xx = 0;
    const started = performance.now();
    if (ratePerSession > 0) {
      // paced: every session thinks for an exponential time (mean 1/rate) between requests, as
      // people do; autocannon's overallRate fires in once-a-second bursts, which measures bursts
      console.error(`[${engine}] paced load: ${sessions} sessions × ${ratePerSession} req/s for ${duration} s…`);
      const deadline = started + duration * 1000;
      await Promise.all(
        creds.map(async (me) => {
          let n = 0;
          const headers = { cookie: me.cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
          await sleep(Math.random() * (1000 / ratePerSession));
          while (performance.now() < deadline && requests < maxRequests) {
            const isReport = n++ % 2 === 1;
            const t0 = performance.now();
            try {
              const res = await fetch(`http://127.0.0.1:${server.port}/api/assessments/${server.assessmentId}/${isReport ? 'reports' : 'results'}`, {
                method: isReport ? 'POST' : 'GET',
                headers,
                ...(isReport ? { body: JSON.stringify({ clientKey: `bench-${process.pid}-${++counter}`, unitId: me.unitId, clauseKey: 'C1', narrative: '本月无通报', facts: [] }) } : {}),
              });
              await res.arrayBuffer();
              if (res.status >= 300) non2xx++;
            } catch {
              errors++;
            }
            requests++;
            times.push({ route: isReport ? 'report' : 'results', ms: performance.now() - t0 });
            await sleep(-Math.log(1 - Math.random()) * (1000 / ratePerSession));
          }
        }),
      );
    } else {
      let next = 0;
      console.error(`[${engine}] saturating load: ${sessions} connections, ${duration} s or ${maxRequests} requests…`);
      const instance = autocannon({
        url: `http://127.0.0.1:${server.port}`,
        connections: sessions,
        amount: maxRequests, // autocannon lets `amount` override `duration`, so time is bounded below
        timeout: 30,
        setupClient: (client: autocannon.Client) => {
          const me = creds[next++ % creds.length]!;
          const headers = { cookie: me.cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
          client.setRequests([
            { method: 'GET', path: `/api/assessments/${server.assessmentId}/results`, headers },
            {
              method: 'POST',
              path: `/api/assessments/${server.assessmentId}/reports`,
              headers,
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                body: JSON.stringify({ clientKey: `bench-${process.pid}-${++counter}`, unitId: me.unitId, clauseKey: 'C1', narrative: '本月无通报', facts: [] }),
              }),
            },
          ]);
        },
      } as autocannon.Options);
      // each connection alternates results, report, results… with one request in flight, so its
      // n-th response answers its n-th request
      const perClient = new Map<unknown, number>();
      instance.on('response', (client: unknown, _status: number, _bytes: number, ms: number) => {
        const n = perClient.get(client) ?? 0;
        perClient.set(client, n + 1);
        times.push({ route: n % 2 === 0 ? 'results' : 'report', ms });
      });
      const stopAt = setTimeout(() => instance.stop(), duration * 1000);
      const result = await instance;
      clearTimeout(stopAt);
      requests = result.requests.total;
      errors = result.errors + result.timeouts;
      non2xx = result.non2xx;
    }
    const elapsed = (performance.now() - started) / 1000;
    const all = times.map((t) => t.ms).sort((a, b) => a - b);
    const byRoute: Figures['byRoute'] = {};
    for (const route of ['results', 'report']) {
      const xs = times.filter((t) => t.route === route).map((t) => t.ms).sort((a, b) => a - b);
      byRoute[route] = { p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), n: xs.length };
    }
    return {
      engine,
      requests,
      errors,
      non2xx,
      rps: Math.round(requests / elapsed),
      p50: pct(all, 50),
      p95: pct(all, 95),
      p99: pct(all, 99),
      max: Math.round(all.at(-1) ?? 0),
      peakRssMb: Math.round(peak),
      byRoute,
    };
  } finally {
    clearInterval(sampler);
    server.child.removeAllListeners('exit');
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await cleanup();
  }
}

const figures: Figures[] = [];
for (const engine of engines) figures.push(await runEngine(engine));
console.log(`\nKaohe load benchmark: ${sessions} sessions (unit reporters), GET results + POST report alternately, ${ratePerSession > 0 ? `${ratePerSession} req/s per session (${Math.round(sessions * ratePerSession)} req/s offered)` : 'saturating (no think time)'}, ≤ ${duration} s / ≤ ${maxRequests} requests, loopback`);
console.log('engine    requests  req/s  errors  non-2xx   p50 ms  p95 ms  p99 ms  max ms  peak RSS MB');
for (const f of figures) {
  console.log(
    `${f.engine.padEnd(9)} ${String(f.requests).padStart(8)} ${String(f.rps).padStart(6)} ${String(f.errors).padStart(7)} ${String(f.non2xx).padStart(8)} ${String(f.p50).padStart(8)} ${String(f.p95).padStart(7)} ${String(f.p99).padStart(7)} ${String(f.max).padStart(7)} ${String(f.peakRssMb).padStart(12)}`,
  );
}
console.log('\nper route (ms): ' + figures.map((f) => `${f.engine}: results p50/p95/p99 ${f.byRoute.results!.p50}/${f.byRoute.results!.p95}/${f.byRoute.results!.p99}, report ${f.byRoute.report!.p50}/${f.byRoute.report!.p95}/${f.byRoute.report!.p99}`).join('; '));
