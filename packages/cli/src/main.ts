import { parseArgs } from 'node:util';
import { CoreError } from '@kaohe/core';
import { ContractError, schemeJsonSchema } from '@kaohe/contract';
import { CliError, UsageError } from './cli-error';
import { validateCommand } from './commands/validate.command';
import { scoreCommand } from './commands/score.command';
import { explainCommand } from './commands/explain.command';
import { importCommand } from './commands/import.command';
import { exportCommand } from './commands/export.command';
import { isOfficeError } from '@kaohe/office';
import { readFactsWorkbook } from '@kaohe/office/import';
import { loadScheme } from './load';

function yearOf(text: string): number {
  if (!/^(19|20)\d{2}$/.test(text)) throw new UsageError(`--year 应为四位年份（如 2021），收到“${text}”`);
  return Number(text);
}

async function readFactsXlsx(schemePath: string, factsPath: string): Promise<import('@kaohe/core').Fact[]> {
  return readFactsWorkbook(factsPath, loadScheme(schemePath).scheme);
}

export const USAGE = `用法：kaohe <命令> [参数]

  validate SCHEME                     校验方案文件（错误退出码 1），列出校验提示
  score SCHEME FACTS [--format table|json|csv] [--group 分组]
                                      计算得分，按排名分组输出排名与等次
  explain SCHEME FACTS --unit 单位 [--by division|leader] [--format text|json]
                                      输出单位的完整得分明细（每一分的来源与依据）
  schema                              输出方案文件的 JSON Schema
  import FILE [-o scheme.yaml] [--report report.html|report.md|report.json] [--facts-template facts.xlsx] [--year 年度]
                                      从 Word/Excel/文本导入方案，输出覆盖率（未给 -o 时方案输出到标准输出）；
                                      --facts-template 写出各单位各条款需填写的事实表，填好后可直接用于 score
  export SCHEME --as docx|xlsx --layout breakdown|responsibility|targets|scheme [--codes] [-o FILE]
                                      按原文格式导出：任务分解表、责任矩阵（按处室/领导）、各单位目标表

服务器数据库命令（见 docs/server.md）：admin create、audit verify、demo reset、backup、restore。
方案与事实文件可为 YAML、JSON；事实文件也可为 CSV。
选项也可由环境变量给出：KAOHE_FORMAT、KAOHE_GROUP。加 --verbose 显示错误堆栈。`;

export type Io = { out: (s: string) => void; err: (s: string) => void; env: Record<string, string | undefined> };

/** Runs one CLI invocation of a synchronous command; returns the exit code (0 ok, 1 error, 2 usage). */
export function run(argv: string[], io: Io): number {
  const verbose = argv.includes('--verbose');
  try {
    const code = dispatch(argv.filter((a) => a !== '--verbose'), io);
    if (typeof code === 'number') return code;
    // Only import/export return a promise; the dispatcher has not started them (see ASYNC below).
    throw new UsageError(`“${argv[0]}”读写 Office 文件，需通过 runAsync 运行`);
  } catch (e) {
    return failure(e, verbose, io);
  }
}

/** Runs any command, including import and export (which read and write Office files asynchronously). */
export async function runAsync(argv: string[], io: Io): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    return await dispatch(argv.filter((a) => a !== '--verbose'), io, true);
  } catch (e) {
    return failure(e, verbose, io);
  }
}

/** One mapping from error class to message and exit code, for both entry points. */
function failure(e: unknown, verbose: boolean, io: Io): number {
  {
    if (e instanceof UsageError) {
      io.err(`错误：${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ContractError || e instanceof CliError || e instanceof CoreError || isOfficeError(e)) {
      io.err(e.message);
      if (verbose && e.stack) io.err(e.stack);
      return 1;
    }
    io.err(`内部错误：${e instanceof Error ? e.message : String(e)}`);
    if (e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  }
}

function dispatch(argv: string[], io: Io, canWait = false): number | Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        group: { type: 'string' },
        unit: { type: 'string' },
        by: { type: 'string' },
        output: { type: 'string', short: 'o' },
        report: { type: 'string' },
        as: { type: 'string' },
        layout: { type: 'string' },
        codes: { type: 'boolean' },
        'facts-template': { type: 'string' },
        year: { type: 'string' },
      },
    });
  try {
    parsed = parse();
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const need = (n: number, names: string): void => {
    if (positionals.length !== n) throw new UsageError(`${command} 需要 ${n} 个参数（${names}），收到 ${positionals.length} 个`);
  };
  const format = values.format ?? io.env['KAOHE_FORMAT'];
  switch (command) {
    case 'validate':
      need(1, 'SCHEME');
      return validateCommand(positionals[0]!, io.out);
    case 'score': {
      need(2, 'SCHEME FACTS');
      const f = format ?? 'table';
      if (f !== 'table' && f !== 'json' && f !== 'csv') throw new UsageError(`--format 应为 table、json 或 csv，收到“${f}”`);
      const group = values.group ?? io.env['KAOHE_GROUP'];
      const scoreOpts = { format: f, ...(group !== undefined ? { group } : {}) } as const;
      // A facts workbook (the import's --facts-template, filled in) is read asynchronously.
      if (/\.xlsx$/i.test(positionals[1]!)) {
        if (!canWait) return Promise.resolve(2);
        return readFactsXlsx(positionals[0]!, positionals[1]!).then((facts) => scoreCommand(positionals[0]!, positionals[1]!, scoreOpts, io.out, io.err, facts));
      }
      return scoreCommand(positionals[0]!, positionals[1]!, scoreOpts, io.out, io.err);
    }
    case 'explain': {
      need(2, 'SCHEME FACTS');
      if (!values.unit) throw new UsageError('explain 需要 --unit 单位（编码或名称）');
      const f = format ?? 'text';
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format 应为 text 或 json，收到“${f}”`);
      const by = values.by;
      if (by !== undefined && by !== 'division' && by !== 'leader') throw new UsageError(`--by 应为 division 或 leader，收到“${by}”`);
      return explainCommand(positionals[0]!, positionals[1]!, { unit: values.unit, format: f, ...(by ? { by } : {}) }, io.out);
    }
    case 'schema':
      need(0, '');
      io.out(JSON.stringify(schemeJsonSchema(), null, 2));
      return 0;
    case 'import':
      need(1, 'FILE');
      if (!canWait) return Promise.resolve(2);
      return importCommand(positionals[0]!, { ...(values.output ? { output: values.output } : {}), ...(values.report ? { report: values.report } : {}), ...(values['facts-template'] ? { factsTemplate: values['facts-template'] } : {}), ...(values.year !== undefined ? { year: yearOf(values.year) } : {}) }, io.out);
    case 'export': {
      need(1, 'SCHEME');
      const as = values.as ?? io.env['KAOHE_EXPORT_AS'];
      if (as !== 'docx' && as !== 'xlsx') throw new UsageError(`--as 应为 docx 或 xlsx，收到“${as ?? ''}”`);
      const layout = values.layout ?? 'breakdown';
      if (layout !== 'breakdown' && layout !== 'responsibility' && layout !== 'targets' && layout !== 'scheme') throw new UsageError(`--layout 应为 breakdown、responsibility、targets 或 scheme，收到“${layout}”`);
      if (!canWait) return Promise.resolve(2);
      return exportCommand(positionals[0]!, { as, layout, ...(values.output ? { output: values.output } : {}), ...(values.codes ? { codes: true } : {}) }, io.out, io.err);
    }
    default:
      throw new UsageError(`未知命令“${command}”`);
  }
}

const isMain = process.argv[1] !== undefined && /(main\.ts|kaohe(\.js)?)$/.test(process.argv[1]);
if (isMain) {
  void Promise.resolve(runAsync(process.argv.slice(2), { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n'), env: process.env })).then((code) => {
    process.exitCode = code;
  });
}
