import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/auth/totp';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../../src/http/app';
import { createHarness, type Harness, password } from '../harness';

let h: Harness;
let logged: App;
const lines: string[] = [];
beforeAll(async () => {
  // the most talkative level: whatever the server logs, at any level, is captured
  h = await createHarness({ LOG_LEVEL: 'trace' });
  logged = await buildApp(h.ctx, { logger: true, logStream: { write: (line) => void lines.push(line) } });
});
afterAll(async () => {
  await logged?.close();
  await h?.close();
});

describe('credentials never in logs or URLs (等保 身份鉴别)', () => {
  it('a login with password and TOTP, a password change, a failed login and a logout leave no secret in the HTTP log or a Location header', async () => {
    const secrets: string[] = [password];
    const locations: string[] = [];
    const send = async (options: InjectOptions): Promise<LightMyRequestResponse> => {
      const res = await logged.inject(options);
      if (res.headers.location) locations.push(String(res.headers.location));
      return res;
    };
    h.clock.advance(31_000);
    const code = totpCode(h.totpSecrets.get('secadmin')!, h.clock.now());
    secrets.push(h.totpSecrets.get('secadmin')!);
    const login = await send({ method: 'POST', url: '/api/auth/login', payload: { login: 'secadmin', password, totp: code } });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'kaohe_session')!;
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    secrets.push(cookie.value, cookie.value.split('.')[0]!, csrf);
    const headers = { cookie: `kaohe_session=${cookie.value}`, 'x-csrf-token': csrf };
    const newPassword = 'Changed#2026pass';
    secrets.push(newPassword);
    const changed = await send({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: password, newPassword } });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    const wrong = 'Wrong#Guess2026';
    secrets.push(wrong);
    const failed = await send({ method: 'POST', url: '/api/auth/login', payload: { login: 'kpb', password: wrong } });
    expect(failed.statusCode).toBe(401);
    const bearer = 'tok_abcdefghijklmnop0123';
    secrets.push(bearer);
    await send({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${bearer}` } });
    // the session of the password change, if it survived it, logs out
    await send({ method: 'POST', url: '/api/auth/logout', headers });

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(8);
    expect(log).toContain('"url":"/api/auth/login"');
    expect(log).toContain('"statusCode":401');
    for (const secret of secrets) {
      expect(log.includes(secret), `log holds ${secret.slice(0, 4)}…`).toBe(false);
      expect(locations.some((l) => l.includes(secret))).toBe(false);
    }
    // a TOTP code is six digits: it must not appear as a value either
    expect(log).not.toMatch(new RegExp(`"${code}"|=${code}\\b`));
  });
});
