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
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:54321/db', DATABASE_SCHEMA: 'kaohe', SESSION_SECRET: 's'.repeat(32), AUDIT_KEY: 'a'.repeat(32) }).database).toMatchObject({ kind: 'postgres', searchPath: 'kaohe' });
  });

  it('requires SESSION_SECRET and AUDIT_KEY with PostgreSQL, listing in Chinese each one missing, so every process signs with the same keys', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    const both = problems({ DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(both.map((p) => p.split(':')[0])).toEqual(['SESSION_SECRET', 'AUDIT_KEY']);
    expect(both[0]).toContain('使用 PostgreSQL（DATABASE_URL）时必须设置');
    expect(problems({ DATABASE_URL: 'postgres://u@h:5432/db', SESSION_SECRET: 's'.repeat(32) }).map((p) => p.split(':')[0])).toEqual(['AUDIT_KEY']);
    expect(problems({ DATABASE_URL: 'postgres://u@h:5432/db', SESSION_SECRET: 's'.repeat(32), AUDIT_KEY: 'a'.repeat(32) })).toEqual([]);
    // PGlite has one process per folder; a test process opens its own schema with its own keys
    expect(problems({})).toEqual([]);
    expect(problems({ DATABASE_URL: 'postgres://u@h:5432/db', NODE_ENV: 'test' })).toEqual([]);
  });

  it('takes the database connection as host, port, name, user and auth mode, with a dialect and a driver module', () => {
    // PostgreSQL needs the shared keys (every process signs sessions and the audit chain alike)
    const keys = { SESSION_SECRET: 's'.repeat(32), AUDIT_KEY: 'a'.repeat(32) };
    const parts = loadConfig({ ...keys, DATABASE_HOST: 'kb.gov.internal', DATABASE_PORT: '54321', DATABASE_NAME: 'kaohe', DATABASE_USER: 'app', DATABASE_PASSWORD: 'p@ss/w:rd', DATABASE_DRIVER_MODULE: '@opengauss/pg' });
    expect(parts.database).toEqual({ kind: 'postgres', url: 'postgres://app:p%40ss%2Fw%3Ard@kb.gov.internal:54321/kaohe', poolSize: 10, migrate: true, dialect: 'pg', driverModule: '@opengauss/pg' });
    expect(loadConfig({ ...keys, DATABASE_HOST: '::1', DATABASE_AUTH: 'none' }).database).toMatchObject({ url: 'postgres://kaohe@[::1]:5432/kaohe', dialect: 'pg' });
    expect(loadConfig({ ...keys, DATABASE_URL: 'postgres://u@h:54321/db' }).database).not.toHaveProperty('driverModule');
    expect(() => loadConfig({ DATABASE_HOST: 'h', DATABASE_PASSWORD: 'x', DATABASE_DIALECT: 'dm' })).toThrow(/DATABASE_DIALECT: dm/);
    expect(() => loadConfig({ DATABASE_HOST: 'h', DATABASE_PASSWORD: 'x', DATABASE_DIALECT: 'mysql' })).toThrow(/DATABASE_DIALECT/);
    expect(() => loadConfig({ DATABASE_HOST: 'h' })).toThrow(/DATABASE_PASSWORD: required/);
    expect(() => loadConfig({ DATABASE_HOST: 'h', DATABASE_PASSWORD: 'x', DATABASE_PORT: '70000' })).toThrow(/DATABASE_PORT/);
    expect(() => loadConfig({ DATABASE_HOST: 'h', DATABASE_PASSWORD: 'x', DATABASE_URL: 'postgres://u@h/db' })).toThrow(/set only one/);
    expect(() => loadConfig({ DATABASE_HOST: 'h x;', DATABASE_PASSWORD: 'x' })).toThrow(/DATABASE_HOST/);
  });
});
