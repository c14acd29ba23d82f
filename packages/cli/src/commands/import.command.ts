import { writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { readDocument } from '@kaohe/office';
import { coverageLine, importScheme, reportToHtml, reportToJson, reportToMarkdown, writeFactsTemplate } from '@kaohe/office/import';
import { CliError, UsageError } from '../cli-error';
import { sniffFileKind } from '../file-kind';
import { writing } from '../fs-error';
import { readBytes } from '../load';

export type ImportCommandOptions = { output?: string; report?: string; factsTemplate?: string; year?: number };

/**
 * `kaohe import FILE [-o scheme.yaml] [--report report.html|.md|.json]`: reads a Word/Excel/text scheme,
 * prints the coverage, writes the scheme (stdout when no -o) and the report. A bad file throws
 * OfficeError (exit 1 with its message); a scheme or facts file is refused saying what it is;
 * nothing is written then.
 */
export async function importCommand(file: string, opts: ImportCommandOptions, out: (s: string) => void, progress?: (s: string) => void): Promise<number> {
  const reportFormat = opts.report === undefined ? undefined : reportFormatOf(opts.report);
  if (opts.factsTemplate !== undefined && !/\.xlsx$/i.test(opts.factsTemplate)) throw new UsageError(`--facts-template 的文件应以 .xlsx 结尾，收到“${opts.factsTemplate}”`);
  const bytes = readBytes(file);
  refuseDataFile(file, bytes);
  progress?.(`读取 ${basename(file)}（${(bytes.length / 1024).toFixed(0)} kB）`);
  const doc = await readDocument({ name: basename(file), bytes });
  progress?.(`识别 ${basename(file)} 的表格并编译条款`);
  const { yaml, report, scheme } = await importScheme(doc, opts.year !== undefined ? { year: opts.year } : {});
  const template = opts.factsTemplate !== undefined ? await writeFactsTemplate(scheme) : undefined;
  const rendered = reportFormat === 'html' ? reportToHtml(report) : reportFormat === 'md' ? reportToMarkdown(report) : reportFormat === 'json' ? reportToJson(report) : undefined;
  progress?.('');
  if (opts.output) writing(opts.output, () => writeFileSync(opts.output!, yaml));
  if (opts.report && rendered !== undefined) writing(opts.report, () => writeFileSync(opts.report!, rendered));
  if (opts.factsTemplate && template) writing(opts.factsTemplate, () => writeFileSync(opts.factsTemplate!, template));
  const summary = [
    `${basename(file)}：导入方案“${report.title}”`,
    `  覆盖率：${coverageLine(report.coverage)}`,
    `  指标 ${report.counts.indicators} 项，条款 ${report.counts.clauses} 条，警告 ${report.issues.length} 条，方案检查 ${report.lint.length} 条，减负提示 ${report.burden.length} 条`,
  ];
  if (opts.output) {
    summary.push(`  方案已写入 ${opts.output}`);
    if (opts.report) summary.push(`  报告已写入 ${opts.report}`);
    if (opts.factsTemplate) summary.push(`  事实填报表已写入 ${opts.factsTemplate}（填好后运行 kaohe score ${opts.output} ${opts.factsTemplate}）`);
    out(summary.join('\n'));
  } else {
    // The scheme goes to stdout; the summary is a YAML comment so the output stays a valid scheme file.
    out(`${summary.map((l) => `# ${l.trim()}`).join('\n')}\n${yaml}`);
  }
  return 0;
}

/** A scheme (YAML/JSON) or facts file given to import: say what it is and which command reads it. */
function refuseDataFile(file: string, bytes: Uint8Array): void {
  const kind = sniffFileKind(file, bytes);
  const ext = extname(file).toLowerCase();
  const yamlName = ext === '.yaml' || ext === '.yml' || ext === '.json';
  if (kind === 'scheme-text' || (yamlName && kind === 'text')) {
    throw new CliError(`${file} 已是考核通方案文件（${ext === '.json' ? 'JSON' : 'YAML'}），无需导入：kaohe import 读取的是 Word/Excel/文本格式的考核方案原文。校验此文件用 kaohe validate ${file}，计分用 kaohe score ${file} <事实文件>`);
  }
  if (kind === 'facts-text') {
    throw new CliError(`${file} 是事实文件（各单位的考核数据），不是考核方案原文：kaohe import 读取 Word/Excel/文本格式的方案。计分用 kaohe score <方案文件> ${file}`);
  }
}

function reportFormatOf(path: string): 'html' | 'md' | 'json' {
  const ext = extname(path).toLowerCase();
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.json') return 'json';
  throw new UsageError(`--report 的文件应以 .html、.md 或 .json 结尾，收到“${path}”`, 'import');
}
