import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error';
import { envName, GLOBAL_OPTIONS, type CommandSpec } from './command-specs';

export type ParsedArgs = { values: Record<string, string | boolean | undefined>; positionals: string[]; help: boolean };

/**
 * Parses one command's arguments against its spec. Unknown options, a missing value, a value not
 * among the choices and a wrong number of arguments are UsageErrors in Chinese, naming the option;
 * string options missing from the command line are taken from KAOHE_<OPTION> when set.
 */
export function parseCommandArgs(spec: CommandSpec, args: string[], env: Record<string, string | undefined>): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, ...GLOBAL_OPTIONS }).map(([n, o]) => [n, o.short ? { type: o.type, short: o.short } : { type: o.type }]),
  ) as NonNullable<ParseArgsConfig['options']>;
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (e) {
    throw new UsageError(translateParseError(spec, e), spec.name);
  }
  const { values, positionals } = parsed;
  if (values['help'] === true) return { values, positionals, help: true };
  for (const [name, o] of Object.entries(spec.options)) {
    const fromEnv = env[envName(name, o)];
    let source = `--${name}`;
    if (values[name] === undefined && o.type === 'string' && o.fromEnv !== false && fromEnv !== undefined && fromEnv !== '') {
      values[name] = fromEnv;
      source = `环境变量 ${envName(name, o)}`;
    }
    const v = values[name];
    if (typeof v === 'string' && o.choices && !o.choices.includes(v)) {
      throw new UsageError(`${source} 应为 ${orList(o.choices)}，收到“${v}”`, spec.name);
    }
  }
  const required = spec.positionals.filter((p) => !p.startsWith('['));
  if (positionals.length < required.length || positionals.length > spec.positionals.length) {
    const names = spec.positionals.map((p) => (p.startsWith('[') ? p : `<${p}>`)).join(' ');
    const what = positionals.length < required.length ? `缺少参数 ${required.slice(positionals.length).map((p) => `<${p}>`).join(' ')}` : `多余的参数“${positionals.slice(spec.positionals.length).join(' ')}”`;
    throw new UsageError(`kaohe ${spec.name} 需要 ${names || '无参数'}：${what}`, spec.name);
  }
  return { values, positionals, help: false };
}

function translateParseError(spec: CommandSpec, e: unknown): string {
  const err = e as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(err.message ?? '')?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  const known = Object.keys(spec.options).map((n) => `--${n}`);
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `kaohe ${spec.name} 没有选项“${option}”${known.length ? `；可用选项：${known.join('、')}` : '；此命令没有选项'}（参数以 - 开头时，请写在 -- 之后）`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(err.message ?? '') ? `选项“${option}”不带值` : `选项“${option}”缺少值`;
    default:
      return `参数有误：${option || (err.message ?? String(e))}`;
  }
}

/** ['a', 'b', 'c'] → "a、b 或 c". */
export const orList = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join('、')} 或 ${xs[xs.length - 1]}`);
