import { parseArgs } from 'node:util';
import { CoreError } from '@kaohe/core';
import { ContractError, schemeJsonSchema } from '@kaohe/contract';
import { CliError, UsageError } from './cli-error';
import { validateCommand } from './commands/validate.command';
import { scoreCommand } from './commands/score.command';
import { explainCommand } from './commands/explain.command';

export const USAGE = `用法：kaohe <命令> [参数]

  validate SCHEME                     校验方案文件（错误退出码 1），列出校验提示
  score SCHEME FACTS [--format table|json|csv] [--group 分组]
                                      计算得分，按排名分组输出排名与等次
  explain SCHEME FACTS --unit 单位 [--by division|leader] [--format text|json]
                                      输出单位的完整得分明细（每一分的来源与依据）
  schema                              输出方案文件的 JSON Schema

方案与事实文件可为 YAML、JSON；事实文件也可为 CSV。
选项也可由环境变量给出：KAOHE_FORMAT、KAOHE_GROUP。加 --verbose 显示错误堆栈。`;

export type Io = { out: (s: string) => void; err: (s: string) => void; env: Record<string, string | undefined> };

/** Runs one CLI invocation; returns the exit code (0 ok, 1 error, 2 usage). */
export function run(argv: string[], io: Io): number {
  const verbose = argv.includes('--verbose');
  try {
    return dispatch(argv.filter((a) => a !== '--verbose'), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`错误：${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ContractError || e instanceof CliError || e instanceof CoreError) {
      io.err(e.message);
      if (verbose && e.stack) io.err(e.stack);
      return 1;
    }
    io.err(`内部错误：${e instanceof Error ? e.message : String(e)}`);
    if (e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  }
}

function dispatch(argv: string[], io: Io): number {
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
      options: { format: { type: 'string' }, group: { type: 'string' }, unit: { type: 'string' }, by: { type: 'string' } },
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
      return scoreCommand(positionals[0]!, positionals[1]!, { format: f, ...(group !== undefined ? { group } : {}) }, io.out, io.err);
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
    default:
      throw new UsageError(`未知命令“${command}”`);
  }
}

const isMain = process.argv[1] !== undefined && /(main\.ts|kaohe(\.js)?)$/.test(process.argv[1]);
if (isMain) {
  const code = run(process.argv.slice(2), { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n'), env: process.env });
  process.exitCode = code;
}
