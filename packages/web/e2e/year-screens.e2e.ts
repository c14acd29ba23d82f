import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, closed, login, logoutClean, overflowsSideways, phone, row, screenshot, useE2e } from './harness';

/**
 * Issue #10's screens in the browser on the 佳县 demo, against the real server: the 考评办 sets a
 * report window and generates the year's due items, reads the completion dashboard's traffic
 * lights, asks for late-deduction proposals, runs and saves what-if scenarios and compares two,
 * reads the burden meter, copies the year, relabels the results; a unit raises an objection to a
 * 公示 and the 考评办 answers it in the browser.
 */
const { server, browsing, account, signIn } = useE2e();
/** The demo's 2020 assessment (the year copied to 2021 later must not be the one the menus open). */
let assessment = '';
const logout = logoutClean;
const asKpb = () => signIn('kpb');

describe('报送日历 → 完成情况 → 迟报扣分 → 情景试算 → 减负 → 多年度', () => {
  it('the 考评办 sets a monthly window for a clause and generates the due items', async () => {
    const { context, page } = await asKpb();
    await page.getByRole('menuitem', { name: '报送日历' }).click();
    await page.waitForURL(/\/assessments\/[^/]+\/calendar$/);
    assessment = /\/assessments\/([^/]+)\/calendar$/.exec(page.url())![1]!;
    await page.getByText('尚未设定报送周期').waitFor();
    await page.getByRole('button', { name: '新增报送周期' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('条款或指标编码').fill('NY.LSMJ.p');
    await dialog.getByLabel('第几日').fill('10');
    await dialog.getByLabel('单位比牵头部门提前（工作日）').fill('2');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await closed(dialog);
    await row(page, 'NY.LSMJ.p').waitFor();
    expect(await row(page, 'NY.LSMJ.p').innerText()).toContain('每月，次月 10 日前（遇节假日顺延）');
    await page.getByRole('button', { name: '生成应报事项' }).click();
    const generate = page.getByRole('dialog');
    await generate.getByRole('button', { name: /生\s*成/ }).click();
    const status = generate.getByRole('status');
    await status.waitFor();
    expect(await status.innerText()).toMatch(/共 [1-9]\d* 项应报事项（新增 [1-9]\d*，删除 0）/);
    await generate.getByRole('button', { name: /关\s*闭/ }).click();
    const text = await screenshot(page, 'calendar');
    for (const t of ['报送日历', '报送周期', 'NY.LSMJ.p', '每月', '单位早 2 日']) expect(text).toContain(t);

    await page.getByRole('tab', { name: '应报事项' }).click();
    const due = page.locator('.ant-tabs-tabpane-active .ant-table-tbody');
    // a due item with its state (the pane loads its list when first opened)
    const item = due.locator('tr.ant-table-row').filter({ hasText: /逾期未报|待报送/ }).first();
    await item.waitFor();
    expect(await item.innerText()).toContain('NY.LSMJ.p');
    await page.getByRole('tab', { name: '节假日、轮次与提醒' }).click();
    await page.getByText('节假日与调休').waitFor();
    await page.getByLabel('每个单位每月最多报送轮次（不填为不限）').fill('1');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('已保存报送轮次与提醒设置').waitFor();
    await logout(page);
    await context.close();
  });

  it('the completion dashboard shows each unit with its traffic light and the lead departments apart', async () => {
    const { context, page } = await asKpb();
    await page.getByRole('menuitem', { name: '报送完成情况' }).click();
    await page.waitForURL(/\/completion$/);
    await page.getByRole('tab', { name: /按单位（[1-9]/ }).waitFor();
    await page.locator('[data-light]').first().waitFor();
    const text = await screenshot(page, 'completion');
    for (const t of ['报送完成情况', '已到期', '逾期未报', '预警', '报送率', '按牵头部门']) expect(text).toContain(t);
    expect(text).toMatch(/正常|预警|滞后/);
    await page.getByRole('tab', { name: /按牵头部门/ }).click();
    await logout(page);
    await context.close();
  });

  it('the assessor workbench computes late/missing deduction proposals from the calendar', async () => {
    const { context, page } = await asKpb();
    await page.getByRole('menuitem', { name: '审核评分' }).click();
    await page.getByText('迟报漏报扣分建议').first().waitFor();
    await page.getByRole('button', { name: '计算扣分建议' }).click();
    // the demo's clauses do not penalise late reports: the server says which were skipped and why
    await page.getByText(/新生成 \d+ 条扣分建议/).waitFor();
    await logout(page);
    await context.close();
  });

  it('what-if: the 优秀 line moved up (run, before/after side by side, saved) and down (saved), the two compared; the real rankings unchanged', async () => {
    const { context, page } = await asKpb();
    await page.goto(`${server().origin}/results`);
    await page.getByText('分类排名').waitFor();
    await page.locator('.ant-table-tbody').first().getByText('螅镇').waitFor(); // the results, not the empty state shown while they load
    const rankingsBefore = await page.locator('.ant-table-tbody').first().innerText();
    await page.getByRole('menuitem', { name: '情景试算' }).click();
    await page.waitForURL(/\/whatif$/);
    await page.getByLabel('情景名称').fill('优秀线上调到99');
    const op = page.locator('.ant-card').filter({ hasText: '第 1 项操作' });
    await choose(page, '等次', '优秀', op);
    await op.getByLabel('分数线（不低于）').fill('99');
    await op.getByLabel('理由').fill('试算更严的优秀线');
    await page.getByRole('button', { name: /试\s*算/ }).first().click();
    const result = page.getByTestId('whatif-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/情景“优秀线上调到99”（方案第 \d+ 版）：\d+ 个单位/);
    await result.getByRole('switch').click();
    await result.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    // the before/after table at the top of the screen
    await result.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const text = await screenshot(page, 'whatif');
    for (const t of ['情景试算', '现状', '情景', '总分', '等次', '名次', '总分变化']) expect(text).toContain(t);
    await page.getByRole('button', { name: '保存情景' }).click();
    await page.getByText('已保存情景“优秀线上调到99”').waitFor();
    await page.getByLabel('情景名称').fill('优秀线下调到90');
    await op.getByLabel('分数线（不低于）').fill('90');
    await page.getByRole('button', { name: '保存情景' }).click();
    await page.getByText('已保存情景“优秀线下调到90”').waitFor();
    const saved = page.locator('.ant-card').filter({ hasText: '已保存的情景' });
    await saved.locator('.ant-table-tbody .ant-checkbox-input').nth(0).check();
    await saved.locator('.ant-table-tbody .ant-checkbox-input').nth(1).check();
    await saved.getByRole('button', { name: '比较所选两个情景' }).click();
    const compare = page.getByTestId('whatif-compare');
    await compare.waitFor();
    expect(await compare.innerText()).toContain('情景 A');
    // the real rankings are unchanged
    await page.goto(`${server().origin}/results`);
    await page.getByText('分类排名').waitFor();
    await page.locator('.ant-table-tbody').first().getByText('螅镇').waitFor(); // the results, not the empty state shown while they load
    expect(await page.locator('.ant-table-tbody').first().innerText()).toBe(rankingsBefore);
    await logout(page);
    await context.close();
  });

  it('the burden meter per scheme and unit, the year copied to the next, the results relabelled', async () => {
    const { context, page } = await asKpb();
    await page.getByRole('menuitem', { name: '填报负担' }).click();
    await page.getByText('按方案（一个适用全部指标的单位）').waitFor();
    await row(page, '螅镇').waitFor();
    const text = await screenshot(page, 'burden');
    for (const t of ['基层减负：填报负担', '须填报数据项', '最多报一次省去', '每年报送轮次', '导出 Excel']) expect(text).toContain(t);

    await page.getByRole('menuitem', { name: '多年度' }).click();
    await page.getByText('复制到下一年度').first().waitFor();
    await page.getByLabel('新考核名称').fill('2021 年度目标责任考核');
    await page.getByRole('button', { name: /复制到下一年度/ }).click();
    await page.getByText(/已建立 2021 年度考核“2021 年度目标责任考核”（方案第 1 版，草稿），记录对应关系 [1-9]\d* 行/).waitFor();
    // a unit across the two years on the mapped indicators: 2021 has no results yet, so its side is empty
    const pick = async (placeholder: string, option: string | RegExp) => {
      await page.locator('.ant-select').filter({ hasText: placeholder }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
    };
    await pick('另一年度的考核', '2021 年度目标责任考核');
    await pick('单位', '螅镇');
    await page.getByRole('img', { name: /跨年度得分/ }).waitFor();
    const years = await screenshot(page, 'multiyear');
    for (const t of ['跨年度比较', '2020 年', '2021 年', '螅镇', '复制到下一年度']) expect(years).toContain(t);

    await page.goto(`${server().origin}/assessments/${assessment}/results`);
    const label = page.getByTestId('label-results');
    await label.filter({ hasText: '密级：内部' }).waitFor();
    await page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '设置密级' }) }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '公开' }).click();
    await page.getByText('密级已由“内部”改为“公开”').waitFor();
    await label.filter({ hasText: '密级：公开' }).waitFor();
    await logout(page);
    await context.close();
  });

  it('a unit raises an objection to the 公示 and the 考评办 answers it; publishing then waits only for the 公示 to end', async () => {
    let { context, page } = await asKpb();
    const publicationUrl = `${server().origin}/assessments/${assessment}/publication`;
    await page.goto(publicationUrl);
    await page.getByRole('button', { name: '开始公示' }).click();
    const open = page.getByRole('dialog');
    await open.getByLabel('公示说明').fill('2020 年度考核结果公示');
    await open.getByRole('button', { name: '开始公示' }).click();
    await closed(open);
    await row(page, '公示中').waitFor();
    await logout(page);
    await context.close();

    context = await browsing().newContext();
    page = await context.newPage();
    await login(page, server().origin, account('reporter'));
    await page.getByTestId('current-user').waitFor();
    // from the unit's own menu, not only by address: 结果公示 (it cannot publish, so not 公示与发布)
    expect(await page.getByRole('menuitem', { name: '公示与发布' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: '结果公示' }).click();
    // the menu opens the newest assessment the unit sees (here the 2021 copy made above), then this year's
    await page.waitForURL(/\/assessments\/[^/]+\/publication$/);
    await page.getByText('结果公示（展开查看公示内容，可提出异议）').waitFor();
    await page.goto(publicationUrl);
    await row(page, '公示中').locator('.ant-table-row-expand-icon').click();
    // the 公示 preview: the unit's own row (group, rank, total, grade) above the objections
    const preview = page.getByTestId('publicity-results');
    await row(preview, '螅镇').waitFor();
    expect(await row(preview, '螅镇').innerText()).toMatch(/\d+\.\d{2}/);
    await page.getByRole('button', { name: '提出异议' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '提出异议' }).click();
    await dialog.getByText('请填写异议内容').waitFor();
    await dialog.getByLabel('有异议的指标或条款编码（可不填）').fill('NY.LSMJ.p');
    await dialog.getByLabel('异议内容').fill('粮食播种面积应按统计年报 24000 亩计算');
    await dialog.getByRole('button', { name: '提出异议' }).click();
    await closed(dialog);
    await page.getByTestId('objections').getByText('粮食播种面积应按统计年报 24000 亩计算').waitFor();
    await logout(page);
    await context.close();

    ({ context, page } = await asKpb());
    await page.goto(publicationUrl);
    const period = row(page, '公示中');
    await period.waitFor();
    expect(await period.innerText()).toContain('1');
    await period.locator('.ant-table-row-expand-icon').click();
    const objections = page.getByTestId('objections');
    await objections.getByRole('button', { name: /答\s*复/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('答复内容').fill('经核对统计年报，播种面积为 21600 亩，维持原结果');
    await dialog.getByRole('button', { name: '提交答复' }).click();
    await closed(dialog);
    await objections.getByText(/经核对统计年报.*维持原结果/).waitFor();
    await objections.getByText('已答复').waitFor();
    const text = await screenshot(page, 'objections');
    for (const t of ['公示与发布', '异议内容', '已答复', '维持原结果']) expect(text).toContain(t);
    // publishing still waits for the 公示 to end, no longer for an objection
    expect(await period.getByRole('button', { name: /发\s*布/ }).getAttribute('title')).toBe('公示期满后才能发布');
    await logout(page);
    await context.close();
  });

  it('on a phone (390×844) the 公示 with its objection form, the due items and the calendar fit the screen', async () => {
    let { context, page } = await signIn('reporter', phone);
    await page.goto(`${server().origin}/assessments/${assessment}/publication`);
    await row(page, '公示中').locator('.ant-table-row-expand-icon').click();
    await row(page.getByTestId('publicity-results'), '螅镇').waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    let text = await screenshot(page, 'phone-publicity');
    for (const t of ['结果公示', '公示内容', '螅镇', '异议内容']) expect(text).toContain(t);
    await page.getByRole('button', { name: '提出异议' }).click();
    const dialog = page.getByRole('dialog');
    const content = dialog.getByLabel('异议内容');
    await content.waitFor();
    const box = (await content.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
    expect(await overflowsSideways(page)).toBe(false);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await closed(dialog);
    // the unit's due items (generated from the calendar above) with their due dates
    await page.goto(`${server().origin}/assessments/${assessment}/work`);
    await page.getByText('螅镇 应报送事项').waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await logout(page);
    await context.close();

    ({ context, page } = await signIn('kpb', phone));
    await page.goto(`${server().origin}/assessments/${assessment}/calendar`);
    await row(page, 'NY.LSMJ.p').waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    text = await screenshot(page, 'phone-calendar');
    for (const t of ['报送日历', 'NY.LSMJ.p']) expect(text).toContain(t);
    await logout(page);
    await context.close();
  });

  it('notifications: the bell and the list; the security administrator sees that SMTP is not configured', async () => {
    const context = await browsing().newContext();
    const page = await context.newPage();
    await login(page, server().origin, account('secadmin'));
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('button', { name: /通知，\d+ 条未读/ }).click();
    await page.getByRole('button', { name: '全部通知' }).click();
    await page.waitForURL(/\/notifications$/);
    await page.getByText('通知渠道').waitFor();
    await page.getByText('邮件（SMTP）：未配置').waitFor();
    const text = await page.innerText('body');
    for (const t of ['我的通知', '政务消息推送']) expect(text).toContain(t);
    await logout(page);
    await context.close();
  });

  it('no request tried to leave the origin', () => {
    expect(browsing().blocked).toEqual([]);
  });
});
