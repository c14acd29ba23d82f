import { CliError, UsageError } from '../cli-error';

export type PublishOptions = {
  stage: '公示' | '发布';
  server: string;
  assessment: string;
  login: string;
  password: string;
  totp?: string;
  days?: number;
  appealDays?: number;
  recompute?: boolean;
  format: 'text' | 'json';
};

type Session = { cookie: string; csrf: string };

/**
 * `kaohe publish 公示|发布`: against a running Kaohe server, logs in as the 考评办 account and
 * opens the 公示 of the current results (optionally recomputing first), or publishes the results of
 * the last 公示 once it has ended. Every refusal is the server's own Chinese message.
 */
export async function publishCommand(opts: PublishOptions, out: (s: string) => void, progress?: (s: string) => void): Promise<number> {
  const base = opts.server.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(base)) throw new UsageError(`--server 应为服务器地址（如 http://127.0.0.1:3000），收到“${opts.server}”`, 'publish');
  progress?.(`登录 ${base}`);
  const session = await login(base, opts);
  const path = `/api/assessments/${encodeURIComponent(opts.assessment)}`;
  if (opts.recompute) {
    progress?.('重新计算');
    await call(base, session, 'POST', `${path}/recompute`);
  }
  if (opts.stage === '公示') {
    progress?.('开始公示');
    const p = (await call(base, session, 'POST', `${path}/publicity`, { days: opts.days ?? 5 })) as { id: string; sequence: number; startsAt: string; endsAt: string; results: unknown[] };
    progress?.('');
    if (opts.format === 'json') out(JSON.stringify(p, null, 2));
    else out(`已开始第 ${p.sequence} 次公示（编号 ${p.id}）：${p.results.length} 个单位，${p.startsAt} 至 ${p.endsAt}。公示期满且异议均已答复后，运行 kaohe publish 发布。`);
    return 0;
  }
  progress?.('查找公示');
  const periods = (await call(base, session, 'GET', `${path}/publicity`)) as { id: string; sequence: number; status: string; endsAt: string; openObjections: number }[];
  const open = periods.filter((p) => p.status === 'open').sort((a, b) => b.sequence - a.sequence)[0];
  if (!open) throw new CliError('该考核没有进行中的公示，请先运行 kaohe publish 公示');
  progress?.('发布结果');
  const pub = (await call(base, session, 'POST', `${path}/publications`, { periodId: open.id, ...(opts.appealDays !== undefined ? { appealDays: opts.appealDays } : {}) })) as { sequence: number; id: string; digest?: string; sha256?: string };
  progress?.('');
  if (opts.format === 'json') out(JSON.stringify(pub, null, 2));
  else out(`已发布第 ${pub.sequence} 版结果（编号 ${pub.id}，依据第 ${open.sequence} 次公示）。`);
  return 0;
}

async function login(base: string, opts: PublishOptions): Promise<Session> {
  const res = await request(base, 'POST', '/api/auth/login', { login: opts.login, password: opts.password, ...(opts.totp ? { totp: opts.totp } : {}) });
  const body = await readBody(res, '登录');
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('kaohe_session='));
  const csrf = (body as { csrfToken?: string }).csrfToken;
  if (!cookie || !csrf) throw new CliError('登录失败：服务器没有返回会话');
  const stage = (body as { stage?: string }).stage;
  if (stage && stage !== 'full') throw new CliError(stage === 'password-change' ? '登录成功，但该账户须先在网页上修改初始密码' : '登录成功，但该账户须先在网页上绑定动态口令');
  return { cookie, csrf };
}

async function call(base: string, s: Session, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  return readBody(await request(base, method, path, body, s), `${method} ${path}`);
}

async function request(base: string, method: string, path: string, body?: unknown, s?: Session): Promise<Response> {
  try {
    return await fetch(base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new CliError(`无法连接服务器 ${base}${cause ? `（${cause}）` : ''}：请检查 --server 地址和服务器是否已启动`);
  }
}

async function readBody(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new CliError(`${what}：服务器返回的不是 JSON（HTTP ${res.status}），请检查 --server 地址`);
  }
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    throw new CliError(`${what === '登录' ? '登录失败' : '服务器拒绝'}：${message}`);
  }
  return body;
}
