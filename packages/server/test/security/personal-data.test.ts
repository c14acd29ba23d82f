import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/roles';
import { queryRows } from '../../src/db/database';
import { personalDataView } from '../../src/security/personal-data';
import { createHarness, type Harness } from '../harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const actorWith = (role: 'assessment-admin' | 'system-admin'): Actor => ({
  kind: 'user',
  userId: '',
  login: 'x',
  roleClass: role === 'system-admin' ? role : 'business',
  grants: [{ id: '', role, assessmentId: null, unitId: null, divisionId: null, leaderId: null }],
  sessionId: '',
  csrfToken: '',
  stage: 'full',
});

describe('personal data (phone, ID number, e-mail)', () => {
  it('is stored encrypted and shown masked to a viewer without pii:view', async () => {
    const sys = await h.login('sysadmin');
    const res = await sys.request('POST', '/api/users', { login: 'li-si', displayName: '李四', initialPassword: 'Init#Passw0rd', phone: '13812345678', idNumber: '33010219900101123X', email: 'lisi@example.org' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ phone: '138****5678', idNumber: '3301**********123X', email: 'l***@example.org' });
    const list = (await sys.request('GET', '/api/users')).json() as { login: string; phone: string | null }[];
    expect(list.find((u) => u.login === 'li-si')!.phone).toBe('138****5678');
    const [row] = await queryRows<Record<string, string>>(h.ctx.db, sql`SELECT phone_enc, id_number_enc, email_enc FROM users WHERE login = 'li-si'`);
    for (const value of Object.values(row!)) expect(value).toMatch(/^enc1:/);
    expect(JSON.stringify(row)).not.toMatch(/13812345678|33010219900101123X|lisi@example/);
    const audit = await queryRows<{ after: unknown; before: unknown }>(h.ctx.db, sql`SELECT "before", "after" FROM audit_log`);
    expect(JSON.stringify(audit)).not.toMatch(/13812345678|33010219900101123X/);
  });

  it('is shown in clear only with pii:view', async () => {
    const [row] = await queryRows<{ phone_enc: string; id_number_enc: string; email_enc: string }>(h.ctx.db, sql`SELECT phone_enc, id_number_enc, email_enc FROM users WHERE login = 'li-si'`);
    const stored = { phoneEnc: row!.phone_enc, idNumberEnc: row!.id_number_enc, emailEnc: row!.email_enc };
    expect(personalDataView(h.ctx.fields, stored, actorWith('assessment-admin')).phone).toBe('13812345678');
    expect(personalDataView(h.ctx.fields, stored, actorWith('system-admin')).phone).toBe('138****5678');
  });

  it('refuses a malformed ID number with a message naming the field', async () => {
    const sys = await h.login('sysadmin');
    const res = await sys.request('POST', '/api/users', { login: 'wang-wu', displayName: '王五', initialPassword: 'Init#Passw0rd', idNumber: '123' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/idNumber.*18 位/);
  });
});
