import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database';
import { zzdSignedHeaders, zzdTimestamp } from '../../src/sso/zzd';
import { createHarness, type Harness, password, type Session } from '../harness';

const appSecret = 'zzd-app-secret';
const clientSecret = 'oidc-client-secret';

/** A mock IdP on loopback speaking OIDC, CAS 3.0 and the 浙政钉 gateway (which checks each signature). */
function mockIdp() {
  const signatureFailures: string[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const json = (res: import('node:http').ServerResponse, body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://idp');
    const body = await read(req);
    if (url.pathname === '/oidc/token') {
      const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      const form = new URLSearchParams(body);
      if (auth !== `kaohe:${clientSecret}` || !form.get('code')?.startsWith('code-')) return res.writeHead(400).end('{"error":"invalid_grant"}');
      return json(res, { access_token: `at-${form.get('code')}`, token_type: 'Bearer' });
    }
    if (url.pathname === '/oidc/userinfo') {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      return json(res, { sub: `oidc-${token.replace(/^at-code-/, '')}`, name: '张三' });
    }
    if (url.pathname === '/cas/p3/serviceValidate') {
      const ticket = url.searchParams.get('ticket') ?? '';
      const service = url.searchParams.get('service') ?? '';
      if (!ticket.startsWith('ST-') || !service.includes('state=')) {
        return res.writeHead(200).end(`<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">票据 ${ticket} 无效</cas:authenticationFailure></cas:serviceResponse>`);
      }
      return res.writeHead(200).end(`<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>cas-${ticket.slice(3)}</cas:user><cas:attributes><cas:name>李四</cas:name></cas:attributes></cas:authenticationSuccess></cas:serviceResponse>`);
    }
    if (url.pathname.startsWith('/zzd/')) {
      const uri = url.pathname.slice(4);
      const params = Object.fromEntries(new URLSearchParams(body));
      const sorted = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
      const h = req.headers;
      const expected = createHmac('sha256', appSecret).update(`POST\n${h['x-hmac-auth-timestamp']}\n${h['x-hmac-auth-nonce']}\n${uri}\n${sorted}`).digest('base64');
      if (h['x-hmac-auth-signature'] !== expected || h.apikey !== 'zzd-app' || h['x-hmac-auth-version'] !== '1.0') {
        signatureFailures.push(uri);
        return json(res, { success: true, content: { success: false, responseMessage: '签名错误' } });
      }
      if (uri === '/gettoken.json') return json(res, { success: true, content: { success: true, data: { accessToken: 'zzd-token', expiresIn: 7200 } } });
      if (uri === '/rpc/oauth2/getuserinfo_bycode.json' && params.access_token === 'zzd-token') {
        return json(res, { success: true, content: { success: true, data: { accountId: 7001, lastName: '王五', employeeCode: 'GE_1' } } });
      }
    }
    res.writeHead(404).end();
  });
  return { server, signatureFailures };
}

let h: Harness;
let idp: ReturnType<typeof mockIdp>;
let base = '';
let sec: Session;
beforeAll(async () => {
  h = await createHarness();
  idp = mockIdp();
  await new Promise<void>((resolve) => idp.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(idp.server.address() as AddressInfo).port}`;
  sec = await h.login('secadmin');
  const providers = {
    oidc: { kind: 'oidc', displayName: '政务 OIDC', config: { authorizationEndpoint: `${base}/oidc/auth`, tokenEndpoint: `${base}/oidc/token`, userinfoEndpoint: `${base}/oidc/userinfo`, clientId: 'kaohe', redirectUri: 'https://kaohe.example/api/sso/oidc/callback', scope: 'openid' }, secret: clientSecret },
    cas: { kind: 'cas', displayName: '统一身份认证（CAS）', config: { casUrl: `${base}/cas`, serviceUrl: 'https://kaohe.example/api/sso/cas/callback' } },
    zzd: { kind: 'zzd', displayName: '浙政钉', config: { loginUrl: `${base}/zzd-login`, apiUrl: `${base}/zzd`, appKey: 'zzd-app', redirectUri: 'https://kaohe.example/api/sso/zzd/callback' }, secret: appSecret },
  };
  for (const [id, body] of Object.entries(providers)) {
    const res = await sec.request('PUT', `/api/security/sso-providers/${id}`, body);
    if (res.statusCode !== 200) throw new Error(res.body);
  }
});
afterAll(async () => {
  await new Promise<void>((resolve) => idp?.server.close(() => resolve()));
  await h?.close();
});

const startState = async (provider: string) => {
  const res = await h.app.inject({ method: 'GET', url: `/api/sso/${provider}/start` });
  expect(res.statusCode).toBe(302);
  const location = new URL(res.headers.location as string);
  const state = location.searchParams.get('state') ?? new URL(location.searchParams.get('service')!).searchParams.get('state');
  return { location, state: state! };
};
const callback = (provider: string, query: Record<string, string>) => h.app.inject({ method: 'GET', url: `/api/sso/${provider}/callback?${new URLSearchParams(query)}` });

describe('浙政钉 request signing', () => {
  it('matches the golden vector (computed with openssl dgst -sha256 -hmac)', () => {
    const headers = zzdSignedHeaders({
      method: 'post',
      uri: '/rpc/oauth2/getuserinfo_bycode.json',
      params: { code: 'c%2F1', access_token: 'tok-1' },
      appKey: 'demo-key',
      appSecret: 'demo-secret',
      timestamp: '2026-12-01T10:00:00.000+08:00',
      nonce: '1764554400000abcd1234',
    });
    expect(headers['X-Hmac-Auth-Signature']).toBe('LoR17Nrk+g93SS1/2GdJe7du6YRrXA2Kq3vI1uUXHxk=');
    expect(headers).toMatchObject({ 'X-Hmac-Auth-Version': '1.0', apiKey: 'demo-key', 'X-Hmac-Auth-Nonce': '1764554400000abcd1234' });
    expect(zzdTimestamp(new Date('2026-12-01T02:00:00.000Z'))).toBe('2026-12-01T10:00:00.000+08:00');
  });
});

describe.each([
  ['oidc', { code: 'code-100' }, 'oidc-100'],
  ['cas', { ticket: 'ST-200' }, 'cas-200'],
  ['zzd', { code: 'auth-300' }, '7001'],
])('SSO through the mock %s IdP', (provider, proof, externalId) => {
  it('an unknown external user is pending with no session; once linked by the security administrator it logs in as that business user', async () => {
    const { location, state } = await startState(provider);
    expect(location.origin).toBe(base);
    const first = await callback(provider, { ...proof, state });
    expect(first.statusCode, first.body).toBe(403);
    expect(first.json().error.message).toMatch(/尚未关联/);
    expect(first.cookies.find((c) => c.name === 'kaohe_session')).toBeUndefined();
    const pending = (await sec.request('GET', '/api/security/sso-links?status=pending')).json() as { id: string; externalId: string; providerId: string }[];
    const link = pending.find((l) => l.providerId === provider && l.externalId === externalId)!;
    expect(link).toBeDefined();
    // SSO never grants an administrator account
    expect((await sec.request('POST', `/api/security/sso-links/${link.id}/link`, { userId: h.ids.users.sysadmin })).statusCode).toBe(409);
    expect((await sec.request('POST', `/api/security/sso-links/${link.id}/link`, { userId: h.ids.users.rep1 })).statusCode).toBe(200);
    const second = await callback(provider, { ...proof, state });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().login).toBe('rep1');
    const cookie = second.cookies.find((c) => c.name === 'kaohe_session')!;
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `kaohe_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ login: 'rep1', roleClass: 'business' });
  });

  it('a forged or other-provider state is refused', async () => {
    const { state } = await startState(provider === 'oidc' ? 'cas' : 'oidc');
    expect((await callback(provider, { ...proof, state })).statusCode).toBe(400);
    expect((await callback(provider, { ...proof, state: `${provider}.9999999999999.x.y` })).statusCode).toBe(400);
  });
});

describe('SSO configuration and failure', () => {
  it('stores the client secrets encrypted and every 浙政钉 call carried a valid signature', async () => {
    const rows = await queryRows<{ id: string; secret_enc: string | null }>(h.ctx.db, sql`SELECT id, secret_enc FROM sso_providers ORDER BY id`);
    for (const row of rows.filter((r) => r.id !== 'cas')) {
      expect(row.secret_enc).toMatch(/^enc1:/);
      expect(row.secret_enc).not.toContain(row.id === 'zzd' ? appSecret : clientSecret);
    }
    expect(idp.signatureFailures).toEqual([]);
  });

  it('a bad CAS ticket is refused with the IdP\'s reason', async () => {
    const { state } = await startState('cas');
    const res = await callback('cas', { ticket: 'XX-1', state });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/票据 XX-1 无效/);
  });

  it('when the IdP is down the callback fails fast with a clear message, and local login still works', async () => {
    const { state } = await startState('oidc');
    await new Promise<void>((resolve) => idp.server.close(() => resolve()));
    const started = Date.now();
    const res = await callback('oidc', { code: 'code-100', state });
    expect(Date.now() - started).toBeLessThan(5500);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toMatch(/暂不可用.*请使用本地账户登录/);
    const local = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'kpb', password } });
    expect(local.statusCode).toBe(200);
  });
});
