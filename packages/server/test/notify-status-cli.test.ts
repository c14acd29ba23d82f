import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env';
import { openTestDatabase, templateDump } from './test-database';

/** `kaohe notify status` as its own process: says that no e-mail is sent while SMTP is not configured. */
const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');
const work = mkdtempSync(join(tmpdir(), 'kaohe-notify-'));
let env: Record<string, string> = {};
let pgDatabase: Awaited<ReturnType<typeof openTestDatabase>> | null = null;

beforeAll(async () => {
  const base = { NODE_ENV: 'test', DATA_DIR: join(work, 'data'), AUDIT_KEY: 'a'.repeat(40), SESSION_SECRET: 's'.repeat(40), PATH: process.env.PATH ?? '' };
  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).database.kind === 'postgres') {
    pgDatabase = await openTestDatabase();
    env = { ...base, DATABASE_URL: pgDatabase.url!, DATABASE_SCHEMA: pgDatabase.schemaName! };
  } else {
    mkdirSync(join(work, 'data'), { recursive: true });
    const client = new PGlite({ dataDir: join(work, 'data', 'pglite'), loadDataDir: new Blob([readFileSync(await templateDump())]) });
    await client.waitReady;
    await client.close();
    env = base;
  }
}, 120_000);
afterAll(async () => {
  await pgDatabase?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('kaohe notify status', () => {
  it('prints that reminders go in-app only and no e-mail is sent without SMTP', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', cli, 'notify', 'status'], { env, encoding: 'utf8', timeout: 120_000 });
    expect(res.status, `${res.stdout}${res.stderr}`).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual([
      '站内通知：始终发送',
      '邮件：未配置 SMTP 邮件服务器：提醒只以站内通知发送，不发送电子邮件',
      '消息推送：未接入政务消息推送平台',
      '待执行的提醒任务 0 个；待发送 0 条，发送失败 0 条',
    ]);
  }, 180_000);
});
