import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', AUDIT_RETENTION_DAYS: '90', DATABASE_URL: 'mysql://x', LOCKOUT_THRESHOLD: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'AUDIT_RETENTION_DAYS', 'DATABASE_URL', 'LOCKOUT_THRESHOLD']) expect(problems).toContain(name);
  });

  it('refuses an audit retention under 184 days (six months)', () => {
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '183' })).toThrow(/AUDIT_RETENTION_DAYS/);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays).toBe(365);
  });

  it('requires secrets in production and never invents them there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET[\s\S]*AUDIT_KEY/);
  });

  it('uses PGlite unless DATABASE_URL is set, and treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ database: { kind: 'pglite', dataDir: './data/pglite' }, port: 3000 });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:54321/db', DATABASE_SCHEMA: 'kaohe' }).database).toMatchObject({ kind: 'postgres', searchPath: 'kaohe' });
  });
});
