import type { BurdenView } from '@kaohe/contract/api/burden';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import { AppError } from '../../lib/app-error';
import { latestScheme } from '../assessment.service';
import { parseSchemeCached } from '../evaluator';
import { schemeBurden, type UnitBurden } from './burden-meter';

/** The burden meter of an assessment's latest scheme version (a draft too: the 考评办 measures before publishing). */
export async function assessmentBurden(db: Db, assessmentId: string): Promise<BurdenView & { title: string }> {
  const row = await latestScheme(db, assessmentId);
  if (!row) throw new AppError('bad-request', '该考核尚无考核方案');
  const scheme = parseSchemeCached(row.sha256, row.document);
  return { title: scheme.title, schemeVersion: row.version, ...schemeBurden(scheme) };
}

const header = ['单位编码', '单位', '数据项', '其中分值项', '供给条款', '最多报一次省去', '每年报送轮次', '每年填报项次', '每年佐证材料'];
const cells = (u: UnitBurden) => [u.unitCode, u.unitName, u.fields, u.scoreFields, u.clausesServed, u.savedBySharing, u.reportRoundsPerYear, u.fieldEntriesPerYear, u.evidenceFilesPerYear];

/** 填报负担 workbook: one row per unit (and the scheme row), then per unit and cadence. */
export async function burdenWorkbook(b: BurdenView & { title: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('填报负担', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([`${b.title}（方案第 ${b.schemeVersion} 版）填报负担`]).font = { bold: true, name: '黑体' };
  sheet.addRow(header).font = { bold: true };
  sheet.addRow(['*', '按方案（全部指标）', ...cells(b.scheme).slice(2)]);
  for (const u of b.units) sheet.addRow(cells(u));
  sheet.addRow(['', `合计（${b.totals.units} 个单位）`, b.totals.fields, '', '', b.totals.savedBySharing, b.totals.reportRoundsPerYear, b.totals.fieldEntriesPerYear, b.totals.evidenceFilesPerYear]).font = { bold: true };
  sheet.getColumn(2).width = 30;
  const detail = wb.addWorksheet('按报送周期');
  detail.addRow(['单位编码', '单位', '报送周期', '每年期数', '每期数据项', '每期佐证材料']).font = { bold: true };
  for (const u of [b.scheme, ...b.units]) for (const p of u.periods) detail.addRow([u.unitCode, u.unitName, p.cadenceName, p.periodsPerYear, p.fields, p.evidenceFiles]);
  detail.getColumn(2).width = 30;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
