import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProcess, startCliProcess } from './cli-process';

/** `kaohe notify status` as its own process: says that no e-mail is sent while SMTP is not configured. */
let cli: CliProcess;
beforeAll(async () => {
  cli = await startCliProcess('kaohe-notify-');
}, 120_000);
afterAll(async () => cli?.close());

describe('kaohe notify status', () => {
  it('prints that reminders go in-app only and no e-mail is sent without SMTP', () => {
    const res = cli.kaohe(['notify', 'status']);
    expect(res.status, res.out).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual([
      '站内通知：始终发送',
      '邮件：未配置 SMTP 邮件服务器：提醒只以站内通知发送，不发送电子邮件',
      '消息推送：未接入政务消息推送平台',
      '待执行的提醒任务 0 个；待发送 0 条，发送失败 0 条',
    ]);
  }, 180_000);
});
