import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { evaluate } from '@kaohe/core';
import { exportSchemeWithWarnings, isExportError, type ExportFormat, type Layout, type Sensitivity, tongbaoResults, writeTongbaoDocx } from '@kaohe/office/export';
import { CliError } from '../cli-error';
import { writing } from '../fs-error';
import { loadFacts, loadScheme } from '../load';

/** What the 通报 needs besides the scheme: the facts to score and the 公文's own fields. */
export type TongbaoOptions = { label?: string; facts?: string; issuer?: string; docNumber?: string; title?: string; date?: string; recipients?: string; copyTo?: string; printedBy?: string; printedDate?: string; output?: string };

/**
 * `kaohe export SCHEME --layout tongbao --facts FACTS --issuer 发文机关 --doc-number 文号 --date 成文日期 [--title] [--recipients] [--copy-to] [--printed-by] [--printed-date] [-o FILE]`:
 * the 通报 of the results in 公文 format (GB/T 9704-2012) with the ranking and the grades as 附件.
 * Results with items still awaiting judgement or review are not published as a 通报: exit 1 naming them.
 */
export async function exportTongbaoCommand(path: string, opts: TongbaoOptions, out: (s: string) => void): Promise<number> {
  const missing = [!opts.facts && '--facts 事实文件', !opts.issuer && '--issuer 发文机关', !opts.docNumber && '--doc-number 发文字号', !opts.date && '--date 成文日期'].filter(Boolean);
  if (missing.length > 0) throw new CliError(`导出通报需要 ${missing.join('、')}`);
  const { scheme } = loadScheme(path, 'export');
  const facts = loadFacts(opts.facts!, scheme, 'export');
  const result = evaluate(scheme, facts);
  const pending = result.units.filter((u) => u.pendingJudgements > 0 || u.needsReview > 0);
  if (pending.length > 0) {
    const names = pending.slice(0, 5).map((u) => scheme.units.find((x) => x.code === u.unit)?.name ?? u.unit);
    throw new CliError(`${opts.facts}：${pending.length} 个单位还有待评分、待核实或待复核的项目（${names.join('、')}${pending.length > 5 ? '等' : ''}），结果不是最终结果，不能印发通报；请先用 kaohe explain 查看`);
  }
  const list = (v: string | undefined) => (v ? v.split(/[，,、]/).map((x) => x.trim()).filter(Boolean) : undefined);
  const copyTo = list(opts.copyTo);
  const bytes = await writeTongbaoDocx({
    issuer: opts.issuer!,
    docNumber: opts.docNumber!,
    title: opts.title ?? `关于${scheme.title.replace(/(实施)?(方案|细则|办法)$/, '')}结果的通报`,
    date: opts.date!,
    ...(opts.recipients ? { recipients: opts.recipients } : {}),
    ...(copyTo ? { copyTo } : {}),
    // the 版记 is always printed: 印发机关 defaults to the issuer, 印发日期 to the 成文日期
    printedBy: opts.printedBy ?? opts.issuer!,
    ...(opts.printedDate ? { printedDate: opts.printedDate } : {}),
    ...tongbaoResults(scheme, result),
    ...(opts.label ? { sensitivity: opts.label as Sensitivity } : {}),
  }).catch((e: unknown) => {
    throw isExportError(e) ? new CliError(e.message) : e;
  });
  const target = opts.output ?? `${basename(path).replace(/\.(ya?ml|json)$/i, '')}-tongbao.docx`;
  writing(target, () => writeFileSync(target, bytes));
  out(`已导出 ${target}（通报，${result.units.length} 个单位，${bytes.length} 字节）`);
  return 0;
}

/**
 * `kaohe export SCHEME --as docx|xlsx --layout breakdown|responsibility|targets|scheme [--codes] [-o FILE]`.
 * `scheme` writes the scheme in its own document's shape (unit blocks, groups, 负面清单): importing it gives the scheme back.
 * A layout the scheme has nothing for exits 1 with what is missing, and no file is written.
 */
export async function exportCommand(path: string, opts: { as: ExportFormat; layout: Layout; output?: string; codes?: boolean; label?: Sensitivity }, out: (s: string) => void, err: (s: string) => void = out): Promise<number> {
  const { scheme } = loadScheme(path, 'export');
  const result = await exportSchemeWithWarnings(scheme, opts.as, opts.layout, { ...(opts.codes ? { codes: true } : {}), ...(opts.label ? { sensitivity: opts.label } : {}) }).catch((e: unknown) => {
    throw isExportError(e) ? new CliError(`${path}：${e.message}`) : e;
  });
  const target = opts.output ?? `${basename(path).replace(/\.(ya?ml|json)$/i, '')}-${opts.layout}.${opts.as}`;
  writing(target, () => writeFileSync(target, result.bytes));
  for (const w of result.warnings) err(`注意：${w}`);
  out(`已导出 ${target}（${opts.layout}，${result.bytes.length} 字节）`);
  return 0;
}
