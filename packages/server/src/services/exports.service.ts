import { docxToPdf, isExportError, sensitivityMark, type Sensitivity, type TongbaoInput, writeTongbaoDocx } from '@kaohe/office/export';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { assessments, organisations, schemes } from '../db/schema';
import { AppError } from '../lib/app-error';
import { type FullRow, ledgerLines, namingOf, type Naming } from './result-rows';

type Json = Record<string, unknown>;
/** sensitivity: the security label of the publication or result set (access/labels.ts), printed on every export of it. */
export type ResultSet = { title: string; rows: FullRow[]; naming: Naming; year: number; assessmentName: string; organisationName: string; publishedAt: Date | null; sensitivity?: Sensitivity };

/** The label as the first row of a sheet (top left, where a 密级 stands) and in its printed page header. */
function markSheet(ws: ExcelJS.Worksheet, s: Sensitivity | undefined): void {
  const mark = sensitivityMark(s);
  if (!mark) return;
  ws.addRow([mark]).font = { bold: true, name: '黑体' };
  ws.headerFooter = { oddHeader: `&L${mark}` };
}

const headerStyle = (row: ExcelJS.Row) => {
  row.font = { bold: true, name: '黑体' };
  row.alignment = { vertical: 'middle', horizontal: 'center' };
};

/** 考核结果 as a workbook a clerk reads: one sheet per ranking group (名次, 单位, 总分, 等次) and the 等次名单. */
export async function resultsWorkbook(set: ResultSet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kaohe 考核通';
  const all = wb.addWorksheet('考核结果', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  markSheet(all, set.sensitivity);
  const titleRow = all.addRow([set.title]);
  titleRow.font = { bold: true, size: 14, name: '黑体' };
  all.mergeCells(titleRow.number, 1, titleRow.number, 5);
  headerStyle(all.addRow(['分组', '名次', '单位', '总分', '等次']));
  for (const g of groupsOf(set)) for (const r of g.rows) all.addRow([g.name, r.rank, r.unitName, Number(r.total), r.gradeName ?? '']);
  all.getColumn(1).width = 22;
  all.getColumn(3).width = 26;
  all.getColumn(4).numFmt = '0.######';
  const grades = wb.addWorksheet('等次名单');
  markSheet(grades, set.sensitivity);
  headerStyle(grades.addRow(['等次', '个数', '单位']));
  for (const g of gradeLists(set)) grades.addRow([g.grade, g.units.length, g.units.join('、')]);
  grades.getColumn(3).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 得分台账: every line of every unit's ledger with the clause it cites, in the units' order. */
export async function ledgerWorkbook(set: ResultSet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('得分台账');
  markSheet(sheet, set.sensitivity);
  headerStyle(sheet.addRow(['单位', '分组', '行号', '编码', '说明', '得失分', '总分']));
  for (const r of set.rows) {
    const lines = ledgerLines(r.ledger);
    lines.forEach((l, i) => sheet.addRow([r.unitName, r.group ?? '', i + 1, l.ref, l.text, Number(l.amount), i === 0 ? Number(r.total) : null]));
  }
  for (const [c, w] of [[1, 24], [2, 20], [4, 14], [5, 60]] as const) sheet.getColumn(c).width = w;
  sheet.views = [{ state: 'frozen', ySplit: set.sensitivity ? 2 : 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Ranking groups in the scheme's order, each unit at its rank in that group (a unit may be ranked in several). */
export function groupsOf(set: ResultSet): { name: string; rows: { rank: number; unitName: string; total: string; gradeName: string | null }[] }[] {
  const byGroup = new Map<string, { rank: number; unitName: string; total: string; gradeName: string | null }[]>();
  for (const r of set.rows) {
    for (const rank of ((r.ledger as Json | null)?.ranks as { group: string; rank: number }[] | undefined) ?? []) {
      const list = byGroup.get(rank.group) ?? [];
      list.push({ rank: rank.rank, unitName: r.unitName, total: r.total, gradeName: r.gradeName });
      byGroup.set(rank.group, list);
    }
  }
  const order = set.naming.groupOrder.length > 0 ? set.naming.groupOrder : [...byGroup.keys()].map((code) => ({ code, name: code }));
  return order.filter((g) => byGroup.has(g.code)).map((g) => ({ name: g.name, rows: byGroup.get(g.code)!.sort((a, b) => a.rank - b.rank) }));
}

export function gradeLists(set: ResultSet): { grade: string; units: string[] }[] {
  return set.naming.gradeOrder.map((g) => ({ grade: g.name, units: set.rows.filter((r) => r.grade === g.code).map((r) => r.unitName) }));
}

export type TongbaoOptions = { docNumber: string; issuer?: string | undefined; title?: string | undefined; date?: string | undefined; recipients?: string | undefined };

/** The 通报 content as data (title, 文号, groups, grade lists); the body text is written from it by the office package. */
export function tongbaoInput(set: ResultSet, options: TongbaoOptions): TongbaoInput {
  const date = options.date ?? (set.publishedAt ?? new Date()).toISOString().slice(0, 10);
  return {
    issuer: options.issuer ?? `${set.organisationName}目标责任考核领导小组办公室`,
    docNumber: options.docNumber,
    title: options.title ?? `关于${set.assessmentName}结果的通报`,
    year: set.year,
    date,
    ...(options.recipients ? { recipients: options.recipients } : {}),
    groups: groupsOf(set).map((g) => ({ name: g.name, rows: g.rows.map((r) => ({ rank: r.rank, unit: r.unitName, total: r.total, grade: r.gradeName ?? '' })) })),
    grades: gradeLists(set),
    ...(set.sensitivity ? { sensitivity: set.sensitivity } : {}),
  };
}

export async function tongbaoDocx(set: ResultSet, options: TongbaoOptions): Promise<Buffer> {
  return Buffer.from(await officeCall(() => writeTongbaoDocx(tongbaoInput(set, options))));
}

export async function tongbaoPdf(set: ResultSet, options: TongbaoOptions): Promise<Buffer> {
  const docx = await tongbaoDocx(set, options);
  return Buffer.from(await officeCall(() => docxToPdf(docx)));
}

/** ExportError (bad 文号, date…; LibreOffice missing) carries a Chinese message: it becomes a 400 naming the field. */
async function officeCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isExportError(error)) throw new AppError('bad-request', error.message);
    throw error;
  }
}

export async function resultSetMeta(db: Db, assessmentId: string, schemeId: string) {
  const [a] = await db.select().from(assessments).where(eq(assessments.id, assessmentId));
  const [org] = await db.select().from(organisations).where(eq(organisations.id, a!.organisationId));
  const [scheme] = await db.select({ document: schemes.document }).from(schemes).where(eq(schemes.id, schemeId));
  return { naming: namingOf(scheme?.document), year: a!.year, assessmentName: a!.name, organisationName: org!.name };
}
