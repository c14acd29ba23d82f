import { dec, HUNDRED, mulDiv, sum, ZERO, surveyAverages, toStr, type Code, type Scheme, type SurveyResponse, type SurveyRule } from '@kaohe/core';
import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import type { Db } from '../../db/database';
import { assessments, surveyResponses, units } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { audited } from '../audited';
import { latestScheme } from '../assessment.service';
import { parseSchemeCached } from '../evaluator';
import { writeFacts } from '../fact-lifecycle';

type Assessment = typeof assessments.$inferSelect;

/**
 * 满意度测评 (docs/whatif.md): responses imported from .xlsx, one row per rater (被测评单位, 评价群体,
 * 得分, optional 测评人). Any bad row refuses the whole file, naming the sheet, row and column; nothing
 * is written. On success the clause's responses are replaced and each unit's group averages are
 * written as survey facts (official, source import) at the clause, so the score flows through the
 * survey rule and the ledger shows each group's average and weight.
 */
export const surveyColumns = { unit: '被测评单位', group: '评价群体', score: '得分', rater: '测评人' } as const;

export type SurveyIssue = { path: string; message: string };

async function surveyClause(db: Db, assessment: Assessment, clauseKey: string): Promise<{ scheme: Scheme; rule: SurveyRule }> {
  const row = await latestScheme(db, assessment.id, 'published');
  if (!row) throw new AppError('bad-request', '该考核尚无已发布的考核方案');
  const scheme = parseSchemeCached(row.sha256, row.document);
  const find = (list: Scheme['indicators']): SurveyRule | null | undefined => {
    for (const n of list) {
      const c = (n.clauses ?? []).find((x) => x.code === clauseKey);
      if (c) return c.rule.kind === 'survey' ? c.rule : null;
      const deeper = find(n.children ?? []);
      if (deeper !== undefined) return deeper;
    }
    return undefined;
  };
  const rule = find(scheme.indicators);
  if (rule === undefined) throw new AppError('not-found', `方案中没有条款“${clauseKey}”`);
  if (rule === null) throw new AppError('bad-request', `条款“${clauseKey}”不是满意度测评条款（规则类型应为 survey）`);
  return { scheme, rule };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('').trim();
  return String(v).trim();
}

/** Reads the responses sheet against the clause's rater groups and the scheme's units; throws a 400 listing every bad cell. */
export async function readSurveySheet(bytes: Buffer, fileName: string, scheme: Scheme, rule: SurveyRule): Promise<(SurveyResponse & { row: number; sheet: string })[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('bad-request', `文件 ${fileName} 不是有效的 Excel（.xlsx）文件`);
  }
  const sheet = wb.getWorksheet('测评结果') ?? wb.worksheets[0];
  if (!sheet) throw new AppError('bad-request', `文件 ${fileName} 中没有工作表`);
  const head = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const col = (name: string): number => head.indexOf(name) + 1;
  const missing = [surveyColumns.unit, surveyColumns.group, surveyColumns.score].filter((c) => col(c) === 0);
  if (missing.length) throw new AppError('bad-request', `文件 ${fileName} 的工作表“${sheet.name}”第 1 行缺少列：${missing.join('、')}（表头应为 被测评单位、评价群体、得分，可另有 测评人）`);
  const unitByName = new Map<string, Code>();
  for (const u of scheme.units) for (const k of [u.code, u.name, ...(u.aliases ?? [])]) if (!unitByName.has(k)) unitByName.set(k, u.code);
  const groups = Object.keys(rule.groups);
  const issues: SurveyIssue[] = [];
  const out: (SurveyResponse & { row: number; sheet: string })[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const get = (name: string): string => (col(name) === 0 ? '' : cellText(r.getCell(col(name)).value));
    const unitText = get(surveyColumns.unit);
    const group = get(surveyColumns.group);
    const raw = get(surveyColumns.score);
    const rater = get(surveyColumns.rater);
    if (!unitText && !group && !raw) return;
    const at = (column: string, message: string): void => void issues.push({ path: `${sheet.name}!${n}.${column}`, message: `工作表“${sheet.name}”第 ${n} 行「${column}」列：${message}` });
    const unit = unitByName.get(unitText);
    if (!unit) return at(surveyColumns.unit, unitText ? `方案中没有单位“${unitText}”` : '不能为空');
    if (!groups.includes(group)) return at(surveyColumns.group, group ? `“${group}”不是本条款的评价群体，可选：${groups.join('、')}` : '不能为空');
    if (!/^\d+(\.\d{1,6})?$/.test(raw) || Number(raw) > 100) return at(surveyColumns.score, raw ? `“${raw}”不是 0 到 100 之间的数（满意度百分比）` : '不能为空');
    out.push({ unit, group, score: dec(raw), ...(rater ? { rater } : {}), row: n, sheet: sheet.name });
  });
  if (issues.length) throw new AppError('bad-request', `文件 ${fileName} 有 ${issues.length} 处错误，未导入任何数据：${issues.slice(0, 10).map((i) => i.message).join('；')}${issues.length > 10 ? ' 等' : ''}`, { issues });
  if (out.length === 0) throw new AppError('bad-request', `文件 ${fileName} 的工作表“${sheet.name}”中没有测评数据`);
  return out;
}

export type SurveySummary = {
  clauseKey: string;
  responses: number;
  units: { unitCode: string; unitName: string; score: string; groups: { group: string; weight: string; responses: number; average: string; part: string }[] }[];
};

/** Per unit: each group's average, weight and weighted part (weight × average / 100), and their sum. */
export function surveySummary(clauseKey: string, scheme: Scheme, rule: SurveyRule, responses: readonly SurveyResponse[]): SurveySummary {
  const averages = surveyAverages(responses);
  return {
    clauseKey,
    responses: responses.length,
    units: scheme.units
      .filter((u) => averages.has(u.code))
      .map((u) => {
        const groups = Object.entries(rule.groups).map(([group, w]) => {
          const g = averages.get(u.code)!.find((x) => x.group === group);
          const part = g ? mulDiv(w, g.average, HUNDRED) : ZERO;
          return { group, weight: toStr(w), responses: g?.responses ?? 0, average: g ? toStr(g.average) : '', part: toStr(part) };
        });
        return { unitCode: u.code, unitName: u.name, score: toStr(sum(groups.map((g) => dec(g.part)))), groups };
      }),
  };
}

export async function importSurvey(ctx: ServerContext, actor: AuditActor, userId: string, assessment: Assessment, clauseKey: string, bytes: Buffer, fileName: string): Promise<SurveySummary> {
  const { scheme, rule } = await surveyClause(ctx.db, assessment, clauseKey);
  const rows = await readSurveySheet(bytes, fileName, scheme, rule);
  const unitRows = await ctx.db.select({ id: units.id, code: units.code }).from(units).where(eq(units.organisationId, assessment.organisationId));
  const idOf = new Map(unitRows.map((u) => [u.code, u.id]));
  for (const r of rows) if (!idOf.has(r.unit)) throw new AppError('bad-request', `工作表“${r.sheet}”第 ${r.row} 行「${surveyColumns.unit}」列：单位“${r.unit}”尚未在系统中建立`);
  const summary = surveySummary(clauseKey, scheme, rule, rows);
  return audited(ctx, actor, { action: 'survey.import', objectType: 'assessment', objectId: assessment.id, after: () => ({ file: fileName, clauseKey, responses: rows.length, units: summary.units.length }) }, async (tx) => {
    const now = ctx.clock.now();
    await tx.delete(surveyResponses).where(and(eq(surveyResponses.assessmentId, assessment.id), eq(surveyResponses.clauseKey, clauseKey)));
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(surveyResponses).values(
        rows.slice(i, i + 500).map((r) => ({ assessmentId: assessment.id, unitId: idOf.get(r.unit)!, clauseKey, groupKey: r.group, rater: r.rater ?? null, score: toStr(r.score), source: `${fileName} ${r.sheet}!${r.row}`, importedBy: userId, importedAt: now })),
      );
    }
    const writes = summary.units.flatMap((u) =>
      u.groups
        .filter((g) => g.responses > 0)
        .map((g) => ({
          unitId: idOf.get(u.unitCode)!,
          ref: clauseKey,
          factKey: `survey:${clauseKey}:${u.unitCode}:${g.group}`,
          period: '全年',
          value: { id: `survey:${clauseKey}:${u.unitCode}:${g.group}`, type: 'survey', group: g.group, value: g.average, note: `${g.responses} 份测评，平均 ${g.average}` },
          source: 'import' as const,
          state: 'official' as const,
          reportId: null,
          reason: `满意度测评 ${fileName}`,
        })),
    );
    await writeFacts(tx, assessment.id, userId, now, writes);
    return summary;
  }).then((s) => {
    ctx.factsChanged?.(assessment.id);
    return s;
  });
}

/** The stored responses of a survey clause, summarised. */
export async function storedSurvey(db: Db, assessment: Assessment, clauseKey: string): Promise<SurveySummary> {
  const { scheme, rule } = await surveyClause(db, assessment, clauseKey);
  const rows = await db
    .select({ unit: units.code, group: surveyResponses.groupKey, score: surveyResponses.score })
    .from(surveyResponses)
    .innerJoin(units, eq(units.id, surveyResponses.unitId))
    .where(and(eq(surveyResponses.assessmentId, assessment.id), eq(surveyResponses.clauseKey, clauseKey)))
    .orderBy(asc(surveyResponses.importedAt), asc(surveyResponses.source));
  return surveySummary(clauseKey, scheme, rule, rows.map((r) => ({ unit: r.unit, group: r.group, score: dec(r.score) })));
}
