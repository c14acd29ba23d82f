import { toStr, type Dec, type EvaluationResult, type Scheme } from '@kaohe/core';
import { chineseNumber } from '../out-model';
import { ExportError } from '../export-error';
import { writeGongwenDocx, type GongwenAttachment, type GongwenDocument } from './gongwen-docx';
import type { Sensitivity } from '../model/sensitivity';

export type TongbaoRow = { rank: number; unit: string; /** A decimal string as scored, e.g. "93.75". */ total: string; /** The grade's Chinese name (优秀). */ grade: string };
export type TongbaoGroup = { name: string; rows: TongbaoRow[] };
export type TongbaoGradeList = { grade: string; units: string[] };

/** What a 通报 of assessment results needs. Body paragraphs are written from the results when not given. */
export type TongbaoInput = {
  /** 发文机关 (署名), e.g. "佳县目标责任考核领导小组办公室". */
  issuer: string;
  /** 发文机关标志; default issuer + "文件". */
  mark?: string;
  /** 发文字号, e.g. "佳考发〔2021〕3号". */
  docNumber: string;
  /** e.g. "关于佳县2020年度目标责任考核结果的通报". */
  title: string;
  /** The assessment year. */
  year: number;
  /** 成文日期: "2021-03-01" or "2021年3月1日". */
  date: string;
  /** 主送机关, e.g. "各镇（办、中心），县直各部门". */
  recipients?: string;
  body?: string[];
  groups: TongbaoGroup[];
  /** Grades in the scheme's order (best first), each with its units. */
  grades: TongbaoGradeList[];
  copyTo?: string[];
  printedBy?: string;
  printedDate?: string;
  /** The label of the results the 通报 is made from (a 公开 publication; 草稿 results are marked as such). */
  sensitivity?: Sensitivity;
};

const refuse = (field: string, what: string): never => {
  throw new ExportError('bad-export-input', `通报的${field}${what}`, field);
};

/** "2021-03-01" → "2021年3月1日" (§7.3.5.1: 阿拉伯数字, 年份标全称, 月日不编虚位). */
export function chineseDate(date: string, field = '成文日期'): string {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  const cn = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(date.trim());
  const m = iso ?? cn;
  if (!m) return refuse(field, `"${date}"不是日期，应写作 2021-03-01 或 2021年3月1日`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) refuse(field, `"${date}"不是有效日期`);
  return `${y}年${mo}月${d}日`;
}

/** "关于佳县2020年度目标责任考核结果的通报" → "佳县2020年度目标责任考核结果". */
function subjectOf(title: string): string {
  return title.replace(/^关于/, '').replace(/的?通报$/, '') || title;
}

/** A group named with its own ordinal in the scheme ("（一）党委工作部门") is numbered afresh in the 通报. */
const bareName = (name: string): string => name.replace(/^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、])\s*/, '') || name;

const ordinal = (rank: number): string => (rank === 1 ? '第一' : `第${chineseNumber(rank)}`);

function resultsBody(input: TongbaoInput, subject: string, attachments: GongwenAttachment[]): string[] {
  const units = new Set(input.groups.flatMap((g) => g.rows.map((r) => r.unit)));
  const out: string[] = [];
  const groupsPart = input.groups.length > 1 ? `，分${input.groups.length}个组别排名` : '';
  out.push(`${input.year}年度目标责任考核工作已完成。本次考核共考核${units.size}个单位${groupsPart}。现将${subject}通报如下。`);
  out.push('一、考核结果');
  input.groups.forEach((g, i) => {
    const firsts = g.rows.filter((r) => r.rank === Math.min(...g.rows.map((x) => x.rank)));
    const lead =
      firsts.length === 0
        ? '本组暂无考核结果。'
        : firsts.length === 1
          ? `${firsts[0]!.unit}名列${ordinal(firsts[0]!.rank)}，得分${firsts[0]!.total}分。`
          : `${firsts.map((r) => r.unit).join('、')}并列${ordinal(firsts[0]!.rank)}，${new Set(firsts.map((r) => r.total)).size === 1 ? `均得${firsts[0]!.total}分` : `得分分别为${firsts.map((r) => r.total).join('分、')}分`}。`;
    const marker = input.groups.length > 1 ? `（${chineseNumber(i + 1)}）${bareName(g.name)}（${g.rows.length}个单位）。` : '';
    out.push(`${marker}${lead}`);
  });
  const counted = input.grades.filter((g) => g.units.length > 0);
  if (counted.length > 0) {
    out.push('二、等次评定');
    out.push(`经评定，${counted.map((g) => `${g.grade}等次${g.units.length}个`).join('，')}。`);
    for (const g of counted) out.push(`${g.grade}等次：${g.units.join('、')}。`);
  }
  if (attachments.length === 1) out.push(`${attachments[0]!.title}见附件。`);
  if (attachments.length === 2) out.push('各单位名次、得分和等次见附件1，等次名单见附件2。');
  return out;
}

/** The 通报 as a 公文 (版头, 正文, 附件 ranking and grade tables, 署名 and 成文日期). */
export function tongbaoDocument(input: TongbaoInput): GongwenDocument {
  for (const [field, v] of [['发文机关', input.issuer], ['发文字号', input.docNumber], ['标题', input.title]] as const) if (!v?.trim()) refuse(field, '为空');
  if (!Number.isInteger(input.year) || input.year < 1949 || input.year > 2999) refuse('考核年度', `"${input.year}"不是年份`);
  // the 抄送机关 stand in the 版记, which needs its 印发机关: never drop them silently
  if (input.copyTo?.length && !input.printedBy?.trim()) refuse('印发机关', '为空：有抄送机关时须写明版记的印发机关');
  if (!/〔\d{4}〕/.test(input.docNumber)) refuse('发文字号', `"${input.docNumber}"应写作 机关代字〔年份〕序号号，年份用六角括号〔〕括入（GB/T 9704-2012 7.2.4）`);
  input.groups.forEach((g, i) =>
    g.rows.forEach((r, j) => {
      if (!/^-?\d+(\.\d+)?$/.test(r.total)) refuse(`第${i + 1}组第${j + 1}行的总分`, `"${r.total}"不是数字`);
    }),
  );
  const date = chineseDate(input.date);
  const subject = subjectOf(input.title);
  const attachments: GongwenAttachment[] = [];
  if (input.groups.some((g) => g.rows.length > 0)) {
    attachments.push({
      title: `${subject}排名`,
      blocks: input.groups.flatMap((g, i) => [
        ...(input.groups.length > 1 ? [{ kind: 'heading' as const, text: `${chineseNumber(i + 1)}、${bareName(g.name)}` }] : []),
        { kind: 'table' as const, table: { columns: [{ header: '名次', kind: 'seq' as const }, { header: '单位', kind: 'name' as const }, { header: '总分', kind: 'number' as const }, { header: '等次', kind: 'name' as const }], rows: g.rows.map((r) => [String(r.rank), r.unit, r.total, r.grade]) } },
      ]),
    });
  }
  if (input.grades.some((g) => g.units.length > 0)) {
    attachments.push({
      title: `${subject}等次名单`,
      blocks: [{ kind: 'table', table: { columns: [{ header: '等次', kind: 'name' }, { header: '个数', kind: 'number' }, { header: '单位', kind: 'text' }], rows: input.grades.filter((g) => g.units.length > 0).map((g) => [g.grade, String(g.units.length), g.units.join('、')]) } }],
    });
  }
  const printed = input.printedBy ? { printedBy: input.printedBy, printedDate: chineseDate(input.printedDate ?? input.date, '印发日期'), ...(input.copyTo?.length ? { copyTo: input.copyTo } : {}) } : undefined;
  return {
    mark: input.mark ?? `${input.issuer}文件`,
    docNumber: input.docNumber,
    title: input.title,
    ...(input.recipients ? { recipients: input.recipients } : {}),
    body: input.body?.length ? input.body : resultsBody(input, subject, attachments),
    attachments,
    signer: input.issuer,
    date,
    ...(printed ? { record: printed } : {}),
    ...(input.sensitivity ? { sensitivity: input.sensitivity } : {}),
  };
}

/** The 通报 of results as a GB/T 9704-2012 .docx. */
export async function writeTongbaoDocx(input: TongbaoInput): Promise<Uint8Array> {
  return writeGongwenDocx(tongbaoDocument(input));
}

/**
 * The results part of a 通报 from an evaluation: one group per ranking group (units in rank order,
 * totals as scored), and the grade lists in the scheme's grade order.
 */
export function tongbaoResults(scheme: Scheme, result: EvaluationResult): Pick<TongbaoInput, 'groups' | 'grades' | 'year'> {
  const gradeName = (code: string | undefined): string => (code === undefined ? '' : (scheme.grading?.grades.find((g) => g.code === code)?.name ?? code));
  const unit = new Map(result.units.map((u) => [u.unit, u]));
  const groups = result.groups.map((g) => ({
    name: g.name,
    rows: [...g.units].sort((a, b) => a.rank - b.rank).map((u) => ({ rank: u.rank, unit: unit.get(u.unit)?.name ?? u.unit, total: toStr(u.total as Dec), grade: gradeName(unit.get(u.unit)?.grade) })),
  }));
  const inGroups = groups.flatMap((g) => g.rows.map((r) => r.unit));
  const order = new Map(inGroups.map((n, i) => [n, i]));
  const grades = (scheme.grading?.grades ?? []).map((g) => ({
    grade: g.name,
    units: result.units.filter((u) => u.grade === g.code).map((u) => u.name).sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9)),
  }));
  return { year: scheme.year, groups, grades };
}
