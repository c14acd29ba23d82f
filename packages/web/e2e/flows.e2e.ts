import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, logoutClean, screenshot, storageOf, useE2e } from './harness';

const { server, browsing, account } = useE2e();
const logout = logoutClean;

/** antd styles are injected at run time: none may use :where( (Chromium 86 lacks it). */
const runtimeStylesUseWhere = (page: Page) => page.evaluate(() => [...document.querySelectorAll('style')].some((s) => (s.textContent ?? '').includes(':where(')));

describe('考评办 (assessment office)', () => {
  it('logs in, opens rankings per group with grades, drills a unit down to the ledger line and its clause, logs out', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    await login(page, server().origin, account('kpb'));
    await page.getByText('考核结果与排名').first().click();
    await page.waitForURL(/\/assessments\/[^/]+\/results$/);
    await page.getByRole('table').getByText('螅镇').waitFor();
    const rankings = await screenshot(page, 'rankings');
    for (const text of ['分类排名', '螅镇', '优秀', '等次分布', '总分', '名次']) expect(rankings).toContain(text);
    // the 总分 column is right-aligned with two decimals
    const total = page.getByRole('row', { name: /螅镇/ }).locator('.kh-points').first();
    expect(await total.innerText()).toMatch(/^\d+\.\d{2}$/);
    expect(await runtimeStylesUseWhere(page)).toBe(false);
    // the production build of antd (a development build marks its classes css-dev-only-…)
    expect(await page.evaluate(() => document.body.innerHTML.includes('css-dev-only'))).toBe(false);

    // a Kaohe preference was stored (the last assessment), so the logout check below can fail
    expect((await storageOf(page)).local).toContain('kaohe.lastAssessment');

    await page.getByRole('link', { name: '螅镇' }).click();
    await page.getByText('螅镇 计分卡').waitFor();
    // 只看失分 opens the path total → item → clause → ledger line where points were lost (粮食播种面积: 0.9 of 1)
    await page.getByRole('switch', { name: '只看失分' }).click();
    await page.getByText('完成 21600 / 目标 24000 × 1 分 = 0.9 分').waitFor();
    expect(await page.getByText('完成 54168 / 目标 54168 × 1 分 = 1 分').count()).toBe(0);
    const card = await screenshot(page, 'score-card');
    for (const text of ['螅镇 计分卡', '得分明细（得分反查）', '粮食播种面积', '依据：', '事实：']) expect(card).toContain(text);
    await logout(page);
    await context.close();
  });

  it('opens a 公示 of the current results from 公示与发布', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    await login(page, server().origin, account('kpb'));
    await page.getByText('公示与发布').first().click();
    await page.waitForURL(/\/assessments\/[^/]+\/publication$/);
    await page.getByRole('button', { name: '开始公示' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('公示说明').fill('2020 年度目标责任考核结果公示');
    await dialog.getByRole('button', { name: '开始公示' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: /公示/ }).first();
    await row.waitFor();
    // publishing waits for the 公示 to end: the button is there but disabled
    expect(await row.getByRole('button', { name: /发\s*布/ }).isDisabled()).toBe(true);
    const text = await screenshot(page, 'publication');
    for (const t of ['公示与发布', '公示期', '发布版本']) expect(text).toContain(t);
    await logout(page);
    await context.close();
  });

  it('shows a wrong password in Chinese in the message area', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    await login(page, server().origin, account('kpb'), 'Wrong#Passw0rd');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/登录名|密码/);
    await screenshot(page, 'login-error');
    await context.close();
  });
});

describe('被考核单位 (unit reporter) on a phone', () => {
  it('sees only its own unit and its score card at phone width', async () => {
    const context = await browsing().newContext({ width: 390, height: 844 });
    const page = await context.newPage();
    await login(page, server().origin, account('reporter'));
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${server().origin}/results`);
    await page.waitForURL(/\/results$/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    await page.getByRole('link', { name: '螅镇' }).click();
    await page.getByText('螅镇 计分卡').waitFor();
    const text = await screenshot(page, 'score-card-phone');
    expect(text).toContain('总分');
    // nothing overflows the phone's width
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await logout(page);
    await context.close();
  });
});

describe('分管领导 and 考核牵头部门', () => {
  it('the leader reads rankings; the lead assessor has no results menu', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    await login(page, server().origin, account('leader'));
    await page.getByText('考核结果与排名').first().click();
    await page.getByRole('table').getByText('螅镇').waitFor();
    await logout(page);

    await login(page, server().origin, account('lead'));
    // the lead assessor's jobs (考核年度, 审核评分, 申诉) are cards on the home page
    await page.getByText('考核年度').first().click();
    await page.waitForURL(/\/assessments$/);
    await page.getByRole('cell', { name: /佳县2020年度/ }).waitFor();
    const text = await screenshot(page, 'assessments');
    expect(text).toContain('考核年度');
    expect(text).toContain('佳县');
    expect(text).not.toContain('考核结果与排名');
    await logout(page);
    await context.close();
  });
});

describe('系统管理员, 安全管理员 and 审计管理员', () => {
  it('the system administrator creates an account whose first login must change the password', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    await login(page, server().origin, account('sysadmin'));
    await page.waitForURL(/\/admin\/users$/);
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('登录名').fill('clerk01');
    await dialog.getByLabel('姓名或单位').fill('县考评办 张三');
    await dialog.getByLabel('初始密码').fill('Init#Passw0rd');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'clerk01' }).waitFor();
    const text = await screenshot(page, 'users');
    for (const t of ['用户管理', 'clerk01', '首次登录须修改', '共 ']) expect(text).toContain(t);
    await logout(page);

    await login(page, server().origin, { login: 'clerk01', password: 'Init#Passw0rd', totpSecret: null });
    await page.waitForURL('**/change-password');
    await page.getByLabel('当前密码').fill('Init#Passw0rd');
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('确认新密码').fill('short');
    await page.getByRole('button', { name: '修改密码' }).click();
    // the server's password policy answers in Chinese
    await page.locator('.ant-alert-error').filter({ hasText: /密码至少/ }).waitFor();
    await screenshot(page, 'change-password');
    await page.getByLabel('新密码', { exact: true }).fill('Clerk#2026new');
    await page.getByLabel('确认新密码').fill('Clerk#2026new');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('尚未被授予业务角色').waitFor();
    await logout(page);
    await context.close();
  });

  it('the audit administrator searches the log by person and exports it', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    await login(page, server().origin, account('auditadmin'));
    await page.waitForURL(/\/admin\/audit$/);
    await page.getByLabel('操作人').fill('kpb');
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.getByRole('cell', { name: 'auth.login' }).first().waitFor();
    const text = await screenshot(page, 'audit');
    for (const t of ['审计日志', 'auth.login', '成功']) expect(text).toContain(t);
    expect(text).not.toContain('sysadmin');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导\s*出/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^审计日志-.*\.ndjson$/);
    await page.getByText(/已导出 \d+ 条记录/).waitFor();
    await logout(page);
    await context.close();
  });

  it('the security administrator sees accounts but cannot create them', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    await login(page, server().origin, account('secadmin'));
    await page.waitForURL(/\/admin\/users$/);
    await page.getByRole('cell', { name: 'reporter' }).waitFor();
    expect(await page.getByRole('button', { name: /新\s*增/ }).count()).toBe(0);
    await logout(page);
    await context.close();
  });
});

describe('the network', () => {
  it('no request tried to leave the origin in any of the flows', () => {
    expect(browsing().blocked).toEqual([]);
  });
});
