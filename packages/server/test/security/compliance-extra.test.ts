import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({}, { seed: false });
});
afterAll(async () => {
  await h?.close();
});

describe('no default credentials (等保 身份鉴别)', () => {
  it('a fresh instance rejects admin/admin and admin/123456', async () => {
    for (const [login, password] of [
      ['admin', 'admin'],
      ['admin', '123456'],
      ['root', 'root'],
      ['sysadmin', 'Admin@123'],
    ]) {
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
      expect(res.statusCode, `${login}/${password}`).toBe(401);
    }
  });
});
