import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDocx, tablesOf } from '@kaohe/office';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from './harness';
import { multipart } from './multipart';
import { publishThroughPublicity } from './publish-helper';
import { seedWork, uniq } from './world-data';

let h: Harness;
let kpb: Session;
let publicationId = '';
let dir = '';
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h);
  kpb = await h.login('kpb');
  await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/recompute`);
  const res = await publishThroughPublicity(h, kpb, h.ids.assessmentId);
  expect(res.statusCode, res.body).toBe(200);
  publicationId = (res.json() as { id: string }).id;
  kpb = await h.login('kpb');
  dir = mkdtempSync(join(tmpdir(), 'kaohe-exports-'));
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sheetRows = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
};

describe('results and ledgers as .xlsx', () => {
  it('reads back the ranking with grades by their Chinese names', async () => {
    const res = await kpb.request('GET', `/api/publications/${publicationId}/results.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = sheetRows(wb.getWorksheet('考核结果')!);
    // The publication's security label (公开 by default) stands above the title, and in the printed header.
    expect(rows[0]).toEqual(['标识：公开']);
    expect(wb.getWorksheet('考核结果')!.headerFooter.oddHeader).toBe('&L标识：公开');
    // U1 = 10 − 1 × 0.5 − 0.5 = 9 (良好, below 9.5); U2 = 10 − 2 × 0.5 − 0.5 = 8.5
    expect(rows.slice(2)).toEqual([
      ['分组', '名次', '单位', '总分', '等次'],
      [expect.any(String), 1, '甲镇', 9, '良好'],
      [expect.any(String), 2, '乙镇', 8.5, '良好'],
    ]);
    expect(sheetRows(wb.getWorksheet('等次名单')!)).toEqual([['标识：公开'], ['等次', '个数', '单位'], ['优秀', 0, ''], ['良好', 2, '甲镇、乙镇']]);
  });

  it('writes every ledger line with its clause, adding up to the total', async () => {
    const res = await kpb.request('GET', `/api/publications/${publicationId}/ledgers.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(sheetRows(wb.getWorksheet('得分台账')!)[0]).toEqual(['标识：公开']);
    const rows = sheetRows(wb.getWorksheet('得分台账')!).slice(2) as [string, string, number, string, string, number, number | null][];
    const u1 = rows.filter((r) => r[0] === '甲镇');
    expect(u1.map((r) => r[5]).reduce((a, b) => a + b * 1e6, 0) / 1e6).toBe(9);
    expect(u1.some((r) => r[3] === 'C1' && r[5] === -0.5)).toBe(true);
    const rep1 = await h.login('rep1');
    expect((await rep1.request('GET', `/api/publications/${publicationId}/ledgers.xlsx`)).statusCode).toBe(403);
  });

  it('marks an export of results labelled 草稿 as 草稿 (the current, unpublished results)', async () => {
    const label = await kpb.request('PUT', '/api/security/labels', { objectType: 'results', objectId: h.ids.assessmentId, label: 'draft' });
    expect(label.statusCode, label.body).toBe(200);
    const res = await kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/results.xlsx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = sheetRows(wb.getWorksheet('考核结果')!);
    expect(rows[0]).toEqual(['标识：草稿']);
    expect(rows[1]![0]).toMatch(/计算结果（未发布）$/);
  });
});

describe('the 通报', () => {
  const query = `docNumber=${encodeURIComponent('测考发〔2027〕1号')}&date=2027-01-15`;
  it('as .docx in official style, read back with its ranking and grade tables', async () => {
    const res = await kpb.request('GET', `/api/publications/${publicationId}/tongbao.docx?${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const doc = await readDocx(new Uint8Array(res.rawPayload), 'tongbao.docx');
    const text = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text).join('\n');
    expect(text).toContain('测考发〔2027〕1号');
    expect(text).toContain('关于2026 年度考核结果的通报');
    expect(text).toMatch(/甲镇名列第一，得分9分/);
    const tables = tablesOf(doc).map((t) => t.grid);
    expect(tables).toContainEqual([['名次', '单位', '总分', '等次'], ['1', '甲镇', '9', '良好'], ['2', '乙镇', '8.5', '良好']]);
    expect(tables).toContainEqual([['等次', '个数', '单位'], ['良好', '2', '甲镇、乙镇']]);
  });

  it('refuses a 文号 without its year in 〔〕, in Chinese', async () => {
    const res = await kpb.request('GET', `/api/publications/${publicationId}/tongbao.docx?docNumber=${encodeURIComponent('测考发1号')}`);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/发文字号/);
  });

  it('as .pdf whose first page shows the Chinese title, drawn in a CJK font', async () => {
    const res = await kpb.request('GET', `/api/publications/${publicationId}/tongbao.pdf?${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const file = join(dir, 'tongbao.pdf');
    writeFileSync(file, res.rawPayload);
    const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(page1).toContain('关于2026年度考核结果的通报');
    // The publication's security label (公开 by default) in the page header, above the 版头.
    expect(page1.indexOf('标识：公开')).toBeGreaterThanOrEqual(0);
    expect(page1.indexOf('标识：公开')).toBeLessThan(page1.indexOf('测考发〔2027〕1号'));
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/Noto\S*CJK/);
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '30', '-png', file, join(dir, 'page')]);
  }, 120_000);
});

describe('the per-unit facts sheet', () => {
  it('downloads a template and imports it filled; a bad row refuses the whole file naming row and column', async () => {
    const res = await kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/facts-template.xlsx?unitId=${h.ids.units.U1}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('事实填报')!;
    const rows = sheetRows(ws);
    expect(rows[0]).toEqual(['编码', '指标或条款', '分值', '目标', '类型', '数值', '说明', '事实编号']);
    const c1 = rows.findIndex((r) => r[0] === 'C1') + 1;
    expect(ws.getRow(c1).getCell(5).value).toBe('发生次数');
    const upload = async (value: string, note = '') => {
      ws.getRow(c1).getCell(6).value = value;
      ws.getRow(c1).getCell(7).value = note;
      const body = multipart({ clientKey: uniq('sheet'), unitId: h.ids.units.U1 }, { name: '甲镇填报.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
      return kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/facts-upload`, body.payload, body.headers);
    };
    const bad = await upload('两次');
    expect(bad.statusCode).toBe(400);
    const error = (bad.json() as { error: { message: string; issues: { path: string; message: string }[] } }).error;
    expect(error.issues).toEqual([{ path: `第${c1}行.数值`, message: `第 ${c1} 行「数值」列：“两次”不是正整数` }]);
    expect(error.message).toMatch(/^文件 甲镇填报\.xlsx 有 1 处错误，未导入任何数据/);
    const before = (await kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/facts?unitId=${h.ids.units.U1}`)).json() as unknown[];
    const good = await upload('2', '县委通报两次');
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ rows: 1, written: 1, replayed: false });
    const after = (await kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/facts?unitId=${h.ids.units.U1}`)).json() as unknown[];
    expect(after.length).toBe(before.length + 1);
  });
});
