import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportScheme } from '@kaohe/office/export';
import { importScheme } from '@kaohe/office/import';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login, root, screenshot, storageOf, useE2e } from './harness';

/**
 * The 考评办's import flow in a real browser against the real server: a real scheme as .xlsx (made
 * here from a committed seed by the office package's exporter, as a clerk's Excel file would be),
 * a needs-review clause fixed, units created from the scheme, the version published.
 */
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function seedAsXlsx(seed: string): Promise<Buffer> {
  const bytes = readFileSync(join(root, 'packages', 'office', 'test', 'fixtures', 'seeds', seed));
  const imported = await importScheme({ name: seed, bytes: new Uint8Array(bytes) }, { year: 2020 });
  return Buffer.from(await exportScheme(imported.scheme, 'xlsx', 'scheme'));
}
let partyXlsx: Buffer; // seed 000 嘉兴市文化广电旅游局 党的建设清单: 26 clauses to review, no units
let countyXlsx: Buffer; // seed 001 佳县: 87 units, nothing to review
const { server, browsing } = useE2e({
  prepare: async () => {
    [partyXlsx, countyXlsx] = await Promise.all([seedAsXlsx('000_a59af3f7f36b9ebf.txt'), seedAsXlsx('001_c9fa6fd301574412.txt')]);
  },
});

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: xlsx, buffer });
  await page.waitForURL(/\/import\?upload=/);
}
const step = (page: Page, title: string) => page.locator('.ant-steps-item').filter({ hasText: title }).click();

describe('考评办: scheme import → review → units → publish', () => {
  it('uploads a real .xlsx scheme, fixes a needs-review clause beside its sentence, tries it in the scheme editor', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    const kpb = server().accounts.get('kpb')!;
    await login(page, server().origin, kpb);
    await page.getByRole('menuitem', { name: '方案导入' }).click();
    await page.waitForURL(/\/assessments\/[^/]+\/import$/);
    await page.getByText('点击或将方案文件拖到此处上传').waitFor();
    await upload(page, '党的建设清单.xlsx', partyXlsx);
    // the import job runs in the background; the wizard opens the review once it is done
    await page.getByTestId('review-sentence').waitFor({ timeout: 90_000 });
    const before = Number(/待复核（(\d+)）/.exec(await page.locator('.ant-steps').innerText())![1]);
    expect(before).toBeGreaterThan(1);
    const first = (await page.getByTestId('clause-text').innerText()).trim();
    expect(await page.getByTestId('review-sentence').innerText()).toBe(first);
    const wizard = await screenshot(page, 'import-wizard');
    for (const text of ['方案导入', '待复核', '待复核原因', '原文', '保存规则', '确认当前解读', '复核说明']) expect(wizard).toContain(text);

    // 根据另一细则折算扣分: the clerk makes it an assessor's discretionary deduction within the clause's points
    const editor = page.getByTestId('rule-editor');
    // the rule kind is picked by its Chinese name (the code is never shown)
    const kind = editor.getByLabel('规则类型', { exact: true });
    await kind.fill('酌情打分');
    await kind.press('Enter');
    await editor.locator('.ant-select-selection-item').filter({ hasText: '酌情打分' }).waitFor();
    const reason = editor.getByLabel('原因（reason）');
    if (await reason.count()) await reason.fill('');
    await editor.getByLabel(/其他字段/).fill('{"min": "0"}');
    await editor.getByLabel('复核说明').fill('按该细则的结果由考核部门在本项分值内酌情扣分');
    await editor.getByRole('button', { name: '保存规则' }).click();
    await page.locator('.ant-steps').getByText(`待复核（${before - 1}）`).waitFor();
    expect(await page.getByTestId('clause-text').innerText()).not.toBe(first);

    // the scheme editor: the fixed clause reads as a discretionary deduction, and the calculator scores it
    await page.getByRole('menuitem', { name: '方案编辑' }).click();
    await page.waitForURL(/\/assessments\/[^/]+\/scheme$/);
    await page.getByText('下级合计').first().waitFor();
    const fixed = page.locator('[data-testid^="clause-"]').filter({ hasText: /^1\.1\.1\.5\.1$/ });
    await fixed.first().click();
    await page.getByText(/^酌情打分：/).waitFor();
    await page.getByRole('tab', { name: '试算' }).click();
    const calculator = page.getByTestId('clause-calculator');
    await calculator.locator('.ant-select').first().click();
    await page.getByTitle('考核人员评分').click();
    await calculator.getByLabel('事实 1 分值').fill('0.5');
    await calculator.getByLabel('事实 1 理由').fill('述职评议结果折算');
    await calculator.getByRole('button', { name: /^试\s*算$/ }).click();
    await page.getByTestId('try-result').waitFor();
    const tried = await page.getByTestId('try-result').innerText();
    expect(tried).toContain('扣分');
    expect(tried).toContain('0.50');
    await page.evaluate(() => window.scrollTo(0, 0));
    const schemeEditor = await screenshot(page, 'scheme-editor');
    for (const text of ['方案编辑', '指标', '分值', '下级合计', '试算', '扣分', '试算不写入任何数据', '方案检查']) expect(schemeEditor).toContain(text);
    await context.close();
  });

  it('uploads the county scheme, creates its units from it and publishes the version', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    await login(page, server().origin, server().accounts.get('kpb')!);
    await page.getByRole('menuitem', { name: '方案导入' }).click();
    await page.waitForURL(/\/assessments\/[^/]+\/import/);
    if (await page.getByRole('button', { name: '上传其他文件' }).count()) await page.getByRole('button', { name: '上传其他文件' }).click();
    await upload(page, '佳县目标责任考核.xlsx', countyXlsx);
    await page.getByTestId('coverage').waitFor({ timeout: 120_000 });
    const uploadUrl = page.url();
    await step(page, '发布');
    await page.getByRole('link', { name: '从方案建立单位' }).click();
    await page.waitForURL(/\/units\?scheme=/);
    await page.getByRole('button', { name: '预览匹配' }).click();
    await page.getByRole('tab', { name: /已匹配（\d+）/ }).waitFor();
    const tabs = await page.locator('.ant-tabs-nav').innerText();
    expect(tabs).toMatch(/有歧义（0）/);
    const units = await screenshot(page, 'units-from-scheme');
    for (const text of ['单位、类别与分组（从方案建立）', '已匹配', '将新建', '有歧义', '预览']) expect(units).toContain(text);
    await page.getByRole('button', { name: '建立单位' }).click();
    await page.getByText(/^已写入：匹配 \d+ 个，新建 \d+ 个单位。$/).waitFor();

    await page.goto(uploadUrl);
    await page.getByTestId('coverage').waitFor();
    await step(page, '发布');
    await page.getByRole('button', { name: '发布方案' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /发\s*布/ }).click();
    await page.getByText(/^方案第 \d+ 版已发布$/).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    expect(await storageOf(page)).toEqual({ local: [], session: [] });
    await context.close();
  });

  it('attempted no request to another origin', () => {
    expect(browsing().blocked).toEqual([]);
  });
});
