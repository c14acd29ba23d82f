import type { Dec, Indicator, Scheme } from '@kaohe/core';
import { parseScheme } from '@kaohe/contract';
import { OfficeError, tablesOf, type RawDocument } from '../document';
import { readDocument, type ReadInput, type ReadOptions } from '../read-document';
import { finalize, type SchemeMeta } from './finalize';
import { buildReport, type ImportReport } from './report';
import { schemeToYaml } from './serialize';
import { readStructure } from './layout/recognisers';
import { mergeTemplates } from './template';
import { yearIn } from './header-find';
import { delegatedIssues } from './delegated-scoring';

export type ImportOptions = ReadOptions & SchemeMeta;
export type ImportResult = { scheme: Scheme; yaml: string; report: ImportReport };

/**
 * Imports a scheme file (Word, Excel, .doc via LibreOffice, or the seeds' text extraction): recognises
 * its tables, compiles every 评分标准 clause, and returns a scheme that passes `parseScheme` with the
 * report of what was recognised. A bad file throws OfficeError; nothing partial is returned.
 */
export async function importScheme(input: ReadInput | RawDocument, options: ImportOptions = {}): Promise<ImportResult> {
  const doc = isRawDocument(input) ? input : await readDocument(input, options);
  const state = readStructure(doc);
  if (state.roots.length === 0 && state.negative.length === 0) throw nothingImported(doc, state.layout);
  // The year the title states ("2020年度目标责任考核指标", 001:3) when the layout found none in the text.
  if (state.year === undefined && state.title !== undefined) state.year = yearIn(state.title);
  if (options.year === undefined && state.year === undefined) {
    state.issues.push({ severity: 'warning', code: 'year-missing', message: `文件 ${doc.file} 的标题和正文中都没有写明考核年度，方案年度暂记为 ${new Date().getFullYear()} 年，请用 --year 指定或在方案文件中改正`, source: { file: doc.file } });
  }
  mergeTemplates(state);
  const fin = finalize(state, options);
  // Target + points items of a document that hands its scoring to another one (11): said per item.
  state.issues.push(...delegatedIssues(doc, fin.scheme.indicators, fin.targetOnly));
  const yaml = schemeToYaml(fin.scheme);
  // The YAML goes through the same validation as a hand-written file: what we return is what `kaohe validate` accepts.
  const { scheme, lint } = parseScheme(yaml, `${doc.file}.yaml`);
  const pointsFound = sumPoints(scheme.indicators);
  const totals = (state.totals ?? []).map((t) => {
    const within = t.within === undefined ? scheme.indicators : findByTitle(scheme.indicators, t.within)?.children ?? scheme.indicators;
    const found = sumPoints(within);
    return { label: t.label, stated: t.value, found, agrees: found !== null && found === t.value, source: t.source };
  });
  for (const t of totals.filter((x) => !x.agrees)) {
    state.issues.push({ severity: 'warning', code: 'total-mismatch', message: `文件 ${doc.file}${t.source.line !== undefined ? ` 第 ${t.source.line} 行` : t.source.row !== undefined ? ` 第 ${t.source.row} 行` : ''}：“${t.label}”写的是 ${t.stated / 1e6} 分，导入的各项分值合计 ${t.found === null ? '无法计算（有的项未写分值）' : `${t.found / 1e6} 分`}，两者不一致，请核对原文`, source: t.source });
  }
  const report = buildReport({
    file: doc.file,
    format: doc.format,
    title: scheme.title,
    layout: state.layout ?? '未识别',
    totals,
    pointsFound,
    clauses: fin.clauses,
    targetOnly: fin.targetOnly.length,
    issues: state.issues,
    lint,
    rows: state.rows,
    units: scheme.units.map((u) => u.name),
    groups: state.groups,
    counts: {
      indicators: countIndicators(scheme.indicators),
      clauses: countClauses(scheme.indicators),
      divisions: scheme.divisions.length,
      leaders: scheme.leaders.length,
      assessors: scheme.assessors.length,
      negative: scheme.negativeList.length,
    },
  });
  return { scheme, yaml, report };
}

/** Exit 1 with the reason: what the document held and why none of it was taken for an indicator. */
function nothingImported(doc: RawDocument, layout: string | undefined): OfficeError {
  const tables = tablesOf(doc);
  const paragraphs = doc.blocks.filter((b) => b.kind === 'paragraph' && b.text.trim() !== '').length;
  const why =
    layout !== undefined
      ? `按${layout}读取后没有得到任何指标（表格只有表头、或各行都不是指标）`
      : tables.length > 0
        ? `${tables.length} 个表格都没有可识别的表头（如“考核项目”“评分标准”“分值”“责任单位”），前几行也看不出哪一列是评分标准或分值`
        : paragraphs > 0
          ? `文件没有表格，${paragraphs} 段正文中也没有带编号（一、/（一）/1.）的标题配分值“（N分）”或评分句（扣…分、得…分）`
          : '文件中没有表格也没有正文';
  return new OfficeError('nothing-imported', `文件 ${doc.file}：没有导入任何指标。原因：${why}。请确认这是考核方案或评分细则，或把评分表另存为带表头的 Excel 表格后再导入`, { file: doc.file });
}

function isRawDocument(x: ReadInput | RawDocument): x is RawDocument {
  return typeof x === 'object' && 'blocks' in x && 'format' in x;
}

/**
 * Sum of the points of a list of indicators; an indicator without points counts its children's, and one
 * with neither (a 奖扣分 part) counts nothing. Null when none of them has points.
 */
export function sumPoints(nodes: readonly Indicator[]): Dec | null {
  let sum = 0;
  let any = false;
  for (const n of nodes) {
    const p = n.points ?? sumPoints(n.children ?? []);
    if (p === null) continue;
    any = true;
    sum += p;
  }
  return any ? (sum as Dec) : null;
}

function findByTitle(nodes: readonly Indicator[], title: string): Indicator | undefined {
  for (const n of nodes) {
    if (n.title === title) return n;
    const deeper = findByTitle(n.children ?? [], title);
    if (deeper) return deeper;
  }
  return undefined;
}

export function countIndicators(nodes: readonly Indicator[]): number {
  return nodes.reduce((n, i) => n + 1 + countIndicators(i.children ?? []), 0);
}

export function countClauses(nodes: readonly Indicator[]): number {
  return nodes.reduce((n, i) => n + (i.clauses?.length ?? 0) + countClauses(i.children ?? []), 0);
}
