import { CoreError, type Fact } from '@kaohe/core';
import { ContractError, schemeJsonSchema } from '@kaohe/contract';
import pkg from '../package.json';
import { parseCommandArgs } from './args';
import { CliError, UsageError } from './cli-error';
import { commandSpec, commandUsage, COMMANDS, envName, generalUsage, SERVER_COMMANDS } from './command-specs';
import { bashCompletion, zshCompletion } from './completion';
import { validateCommand } from './commands/validate.command';
import { calendarCommand } from './commands/calendar.command';
import { scoreCommand } from './commands/score.command';
import { explainCommand } from './commands/explain.command';
import { whatifCommand } from './commands/whatif.command';
import { fileSystemError } from './fs-error';

function yearOf(text: string): number {
  if (!/^(19|20)\d{2}$/.test(text)) throw new UsageError(`--year 应为四位年份（如 2021），收到“${text}”`, 'import');
  return Number(text);
}

/** A facts workbook (the import's --facts-template, filled in); the Office code loads only here. */
async function readFactsXlsx(schemePath: string, factsPath: string): Promise<Fact[]> {
  const [{ readFactsWorkbook }, { loadScheme }] = await Promise.all([import('@kaohe/office/import'), import('./load')]);
  return readFactsWorkbook(factsPath, loadScheme(schemePath, 'score').scheme);
}

/** The general usage (every command); `kaohe help CMD` prints one command's. */
export const USAGE = generalUsage();
export const VERSION: string = pkg.version;

/**
 * Where a command writes. `progress` (set only when standard error is a terminal) shows what long
 * work is doing; each call replaces the previous progress line, `progress('')` clears it.
 */
export type Io = { out: (s: string) => void; err: (s: string) => void; env: Record<string, string | undefined>; progress?: (s: string) => void };

/** Runs one invocation of a synchronous command; returns the exit code (0 ok, 1 error, 2 usage). */
export function run(argv: string[], io: Io): number {
  const verbose = argv.includes('--verbose') || isOn(io.env['KAOHE_VERBOSE']);
  try {
    const code = dispatch(argv, io, false);
    if (typeof code === 'number') return code;
    throw new UsageError(`“${argv[0]}”读写 Office 文件，需通过 runAsync 运行`);
  } catch (e) {
    return failure(e, verbose, io);
  }
}

/** Runs any command, including import and export (which read and write Office files asynchronously). */
export async function runAsync(argv: string[], io: Io): Promise<number> {
  const verbose = argv.includes('--verbose') || isOn(io.env['KAOHE_VERBOSE']);
  try {
    return await dispatch(argv, io, true);
  } catch (e) {
    return failure(e, verbose, io);
  } finally {
    io.progress?.('');
  }
}

/** The binary's entry (bin/kaohe.js): process streams, progress on a terminal only, exit code. */
export async function runMain(argv: string[]): Promise<void> {
  const env = process.env;
  // `kaohe score … | head`: the reader went away; stop quietly like any Unix command.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const tty = process.stderr.isTTY === true && env['KAOHE_PROGRESS'] !== '0';
  let shown = false;
  const progress = (s: string): void => {
    if (!s && !shown) return;
    process.stderr.write(`\r\x1b[K${s ? `… ${s}` : ''}`);
    shown = s !== '';
  };
  const write = (stream: NodeJS.WriteStream) => (s: string) => {
    if (shown) progress('');
    stream.write(s + '\n');
  };
  process.exitCode = await runAsync(argv, { out: write(process.stdout), err: write(process.stderr), env, ...(tty ? { progress } : {}) });
}

/** Levenshtein distance, for "did you mean" on a mistyped command. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

const isOn = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

/** One mapping from error class to message and exit code, for both entry points. No stack without --verbose. */
function failure(e: unknown, verbose: boolean, io: Io): number {
  io.progress?.('');
  if (e instanceof UsageError) {
    const spec = e.command ? commandSpec(e.command) : undefined;
    io.err(`错误：${e.message}\n\n${spec ? commandUsage(spec) : USAGE}`);
    return 2;
  }
  const fsError = fileSystemError(e, 'access');
  const known = fsError instanceof CliError ? fsError : e;
  if (known instanceof ContractError || known instanceof CliError || known instanceof CoreError || (known instanceof Error && known.name === 'OfficeError')) {
    io.err(known.message);
    if (verbose && e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  }
  io.err(`内部错误：${e instanceof Error ? e.message : String(e)}${verbose ? '' : '（加 --verbose 显示错误堆栈；如能复现，请连同所用文件报告此问题）'}`);
  if (verbose && e instanceof Error && e.stack) io.err(e.stack);
  return 1;
}

function dispatch(argv: string[], io: Io, canWait: boolean): number | Promise<number> {
  const [command, ...rest] = argv.filter((a) => a !== '--verbose');
  if (command === undefined) {
    io.err(USAGE);
    return 2;
  }
  if (command === '--help' || command === '-h') {
    io.out(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-V' || command === 'version') {
    io.out(`kaohe ${VERSION}（考核通 命令行）`);
    return 0;
  }
  const spec = commandSpec(command);
  if (!spec) {
    if (SERVER_COMMANDS.some((c) => c.name === command)) throw new CliError(`“kaohe ${command}”是服务器数据库命令，由 kaohe 程序（bin/kaohe.js）交给服务器处理；开发时请用 npm run kaohe-server -- ${argv.join(' ')}`);
    const near = COMMANDS.filter((c) => editDistance(c.name, command) <= 2).map((c) => c.name);
    throw new UsageError(`未知命令“${command}”${near.length ? `，您是否想输入 ${near.join(' 或 ')}？` : ''}`);
  }
  const { values, positionals, help } = parseCommandArgs(spec, rest, io.env);
  if (help) {
    io.out(commandUsage(spec));
    return 0;
  }
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  switch (spec.name) {
    case 'help': {
      const topic = positionals[0];
      if (topic === undefined) io.out(USAGE);
      else {
        const s = commandSpec(topic);
        if (s) io.out(commandUsage(s));
        else if (SERVER_COMMANDS.some((c) => c.name === topic)) io.out(`“${topic}”是服务器数据库命令：运行 kaohe ${topic} --help 查看其用法（见 docs/server.md）`);
        else throw new UsageError(`没有命令“${topic}”`, 'help');
      }
      return 0;
    }
    case 'validate':
      return validateCommand(positionals[0]!, io.out);
    case 'score': {
      const group = str('group');
      const format = (str('format') ?? 'table') as 'table' | 'json' | 'csv';
      const scoreOpts = { format, ...(group !== undefined ? { group } : {}) };
      if (/\.xlsx$/i.test(positionals[1]!)) {
        if (!canWait) return Promise.resolve(2);
        return readFactsXlsx(positionals[0]!, positionals[1]!).then((facts) => scoreCommand(positionals[0]!, positionals[1]!, scoreOpts, io.out, io.err, io.progress, facts));
      }
      return scoreCommand(positionals[0]!, positionals[1]!, scoreOpts, io.out, io.err, io.progress);
    }
    case 'explain': {
      const unit = str('unit');
      if (!unit) throw new UsageError('kaohe explain 需要 --unit 单位（编码、名称或别名）', 'explain');
      const by = str('by') as 'division' | 'leader' | undefined;
      const format = (str('format') ?? 'text') as 'text' | 'json';
      return explainCommand(positionals[0]!, positionals[1]!, { unit, format, ...(by ? { by } : {}) }, io.out);
    }
    case 'calendar': {
      const on = str('on');
      const unit = str('unit');
      return calendarCommand(positionals[0]!, positionals[1]!, { format: (str('format') ?? 'table') as 'table' | 'json' | 'csv', ...(on ? { on } : {}), ...(unit ? { unit } : {}) }, io.out);
    }
    case 'whatif': {
      const format = (str('format') ?? 'table') as 'table' | 'json';
      const opts = { format, ...(values['all'] === true ? { all: true } : {}) };
      const [schemePath, factsPath, scenarioPath] = positionals as [string, string, string];
      if (/\.xlsx$/i.test(factsPath)) {
        if (!canWait) return Promise.resolve(2);
        return readFactsXlsx(schemePath, factsPath).then((facts) => whatifCommand(schemePath, factsPath, scenarioPath, opts, io.out, io.progress, facts));
      }
      return whatifCommand(schemePath, factsPath, scenarioPath, opts, io.out, io.progress);
    }
    case 'publish': {
      const stage = positionals[0];
      if (stage !== '公示' && stage !== '发布') throw new UsageError(`第一个参数应为“公示”或“发布”，收到“${stage}”`, 'publish');
      const need = (name: string): string => {
        const v = str(name);
        if (!v) throw new UsageError(`kaohe publish 需要 --${name}（或环境变量 ${envName(name, spec.options[name])}）`, 'publish');
        return v;
      };
      const int = (name: string): number | undefined => {
        const v = str(name);
        if (v === undefined) return undefined;
        if (!/^\d+$/.test(v)) throw new UsageError(`--${name} 应为整数天数，收到“${v}”`, 'publish');
        return Number(v);
      };
      const opts = {
        stage: stage as '公示' | '发布',
        server: need('server'),
        assessment: need('assessment'),
        login: need('login'),
        password: need('password'),
        format: (str('format') ?? 'text') as 'text' | 'json',
        ...(str('totp') ? { totp: str('totp')! } : {}),
        ...(int('days') !== undefined ? { days: int('days')! } : {}),
        ...(int('appeal-days') !== undefined ? { appealDays: int('appeal-days')! } : {}),
        ...(values['recompute'] === true ? { recompute: true } : {}),
      };
      if (!canWait) return Promise.resolve(2);
      return import('./commands/publish.command').then(({ publishCommand }) => publishCommand(opts, io.out, io.progress));
    }
    case 'schema':
      io.out(JSON.stringify(schemeJsonSchema(), null, 2));
      return 0;
    case 'completion': {
      const shell = positionals[0];
      if (shell === 'bash') io.out(bashCompletion());
      else if (shell === 'zsh') io.out(zshCompletion());
      else throw new UsageError(`支持的 shell 为 bash 和 zsh，收到“${shell}”`, 'completion');
      return 0;
    }
    case 'import': {
      if (!canWait) return Promise.resolve(2);
      const output = str('output');
      const report = str('report');
      const factsTemplate = str('facts-template');
      const year = str('year');
      const options = { ...(output ? { output } : {}), ...(report ? { report } : {}), ...(factsTemplate ? { factsTemplate } : {}), ...(year !== undefined ? { year: yearOf(year) } : {}) };
      return import('./commands/import.command').then(({ importCommand }) => importCommand(positionals[0]!, options, io.out, io.progress));
    }
    case 'export': {
      const as = str('as') as 'docx' | 'xlsx' | undefined;
      if (!as) throw new UsageError('kaohe export 需要 --as docx 或 --as xlsx', 'export');
      const layoutName = str('layout') ?? 'breakdown';
      if (!canWait) return Promise.resolve(2);
      const output = str('output');
      if (layoutName === 'tongbao') {
        if (as !== 'docx') throw new UsageError('通报（--layout tongbao）只导出 Word：请用 --as docx', 'export');
        const tongbao = { label: str('label'), facts: str('facts'), issuer: str('issuer'), docNumber: str('doc-number'), title: str('title'), date: str('date'), recipients: str('recipients'), copyTo: str('copy-to'), printedBy: str('printed-by'), printedDate: str('printed-date'), output };
        const given = Object.fromEntries(Object.entries(tongbao).filter(([, v]) => v !== undefined)) as Record<string, string>;
        return import('./commands/export.command').then(({ exportTongbaoCommand }) => exportTongbaoCommand(positionals[0]!, given, io.out));
      }
      const layout = layoutName as 'breakdown' | 'responsibility' | 'targets' | 'scheme';
      const codes = values['codes'] === true;
      const label = str('label') as 'draft' | 'internal' | 'public' | undefined;
      return import('./commands/export.command').then(({ exportCommand }) => exportCommand(positionals[0]!, { as, layout, ...(output ? { output } : {}), ...(codes ? { codes: true } : {}), ...(label ? { label } : {}) }, io.out, io.err));
    }
    default:
      throw new UsageError(`未知命令“${command}”`);
  }
}

// `npm run kaohe -- …` runs this file through tsx (development); the built binary calls runMain.
if (process.argv[1] !== undefined && /[\\/]cli[\\/]src[\\/]main\.ts$/.test(process.argv[1])) void runMain(process.argv.slice(2));
