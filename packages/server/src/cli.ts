import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { adminRoles, type AdminRole } from './access/roles';
import { verifyAuditChain } from './audit/audit';
import { otpauthUri, generateTotpSecret } from './auth/totp';
import { BackupError, createBackup, readBackup, restoreBackup } from './backup/backup';
import { type Config, ConfigError, loadConfig } from './config/env';
import { createContext, type ServerContext } from './context';
import { type Database, type DatabaseTarget, openDatabase } from './db/database';
import { DatabaseLockedError } from './db/lock';
import { resetDatabase } from './db/reset';
import { formatDemoAccounts, loadDemo } from './demo/load-demo';
import { AppError } from './lib/app-error';
import { systemClock } from './lib/clock';
import { cryptoProviderFor } from './lib/crypto-provider';
import { securityCommands, securityUsage } from './security/cli-security';
import { prepareCrypto } from './security/startup';
import { demoPaths } from './main-paths';
import { cliActor, createAccount } from './services/account.service';
import { notifyStatusLines } from './services/notify/status';

/**
 * `kaohe` server commands. Options may also come from the environment (the same variables as
 * the server: DATABASE_URL, DATA_DIR, AUDIT_KEY…). Exit 1 for errors, 2 for usage.
 */
export const usage = `用法（服务器数据库命令；选项也可由 DATABASE_URL、DATA_DIR、AUDIT_KEY 等环境变量给出，见 docs/server.md）：
  kaohe admin create --login <名称> --role <system-admin|security-admin|audit-admin> [--name <显示名>] [--password-stdin]
  kaohe audit verify
  kaohe demo reset --yes [--scheme <方案文件>] [--dry-run]
  kaohe backup --out <文件>
  kaohe restore <文件> --yes [--dry-run]
  kaohe notify status
${securityUsage}`;

class UsageError extends Error {}

export type Flags = { positional: string[]; options: Map<string, string | true> };

export function parseArgs(argv: string[]): Flags {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const next = argv[i + 1];
      if (inline !== undefined) options.set(name!, inline);
      else if (next !== undefined && !next.startsWith('--') && !['yes', 'dry-run', 'password-stdin', 'verbose'].includes(name!)) {
        options.set(name!, next);
        i++;
      } else options.set(name!, true);
    } else positional.push(arg);
  }
  return { positional, options };
}

const option = (f: Flags, name: string): string | null => {
  const v = f.options.get(name);
  return typeof v === 'string' ? v : null;
};

function targetOf(config: Config): DatabaseTarget {
  return config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: config.database.dataDir };
}

async function withContext<T>(config: Config, run: (ctx: ServerContext, database: Database) => Promise<T>, database?: Database): Promise<T> {
  const db = database ?? (await openDatabase(targetOf(config)));
  try {
    const ctx = createContext({ config, db: db.db, dbKind: db.kind, clock: systemClock, ...(await prepareCrypto(config)) });
    await ctx.fields.open();
    return await run(ctx, db);
  } finally {
    await db.close();
  }
}

/** Reads a password without echo on a TTY, or one line from stdin with --password-stdin. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  if (!process.stdin.isTTY) throw new UsageError('标准输入不是终端，无法提示输入密码：请加 --password-stdin 并通过管道传入密码');
  const ask = (prompt: string) =>
    new Promise<string>((resolveAnswer) => {
      let muted = false;
      const output = new Writable({
        write(chunk, _enc, done) {
          if (!muted) process.stdout.write(chunk);
          done();
        },
      });
      const rl = createInterface({ input: process.stdin, output, terminal: true });
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolveAnswer(answer);
      });
      muted = true;
    });
  const first = await ask('密码：');
  const second = await ask('再次输入密码：');
  if (first !== second) throw new AppError('bad-request', '两次输入的密码不一致');
  return first;
}

export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const flags = parseArgs(argv);
  const [group, command, arg] = flags.positional;
  const config = loadConfig(env);
  const key = `${group ?? ''} ${command ?? ''}`.trim();

  if (key === 'admin create') {
    const login = option(flags, 'login');
    const role = option(flags, 'role') as AdminRole | null;
    if (!login || !role || !adminRoles.includes(role)) throw new UsageError('admin create 需要 --login <名称> 和 --role <角色>（system-admin、security-admin 或 audit-admin）');
    const password = await readPassword(flags.options.get('password-stdin') === true);
    const totpSecret = generateTotpSecret();
    await withContext(config, (ctx) =>
      createAccount(ctx, cliActor(env.USER ?? null), { login, displayName: option(flags, 'name') ?? login, roleClass: role, password, totpSecret }),
    );
    console.log(`已创建 ${role} 账户 ${login}。登录需要动态口令，请把以下密钥加入身份验证器（只显示这一次）：`);
    console.log(`  TOTP 密钥：${totpSecret}`);
    console.log(`  ${otpauthUri(totpSecret, login)}`);
    return 0;
  }

  if (key === 'audit verify') {
    const result = await withContext(config, (ctx) => verifyAuditChain(ctx.db, config.auditKey));
    if (result.ok) {
      console.log(`审计链完整：${result.records} 条记录，最后一条 #${result.lastSeq}`);
      return 0;
    }
    console.error(`审计链被破坏：第一条有问题的记录 #${result.firstBadSeq}：${result.reason}`);
    return 1;
  }

  if (key === 'demo reset') {
    const paths = demoPaths(option(flags, 'scheme') ?? config.demo.schemePath);
    if (!paths) throw new UsageError('找不到演示方案：请用 --scheme <方案文件> 给出，或设置环境变量 DEMO_SCHEME_PATH');
    if (flags.options.get('dry-run') === true) {
      console.log(`将清空数据库（${config.database.kind}）和证明材料目录，并从 ${paths.schemePath} 重新载入演示数据。`);
      return 0;
    }
    if (flags.options.get('yes') !== true) throw new UsageError('demo reset 会清空整个数据库：确认请加 --yes');
    const database = await resetDatabase(targetOf(config));
    rmSync(resolve(config.evidence.dir), { recursive: true, force: true });
    const result = await withContext(config, (ctx) => loadDemo(ctx, paths), database);
    console.log(formatDemoAccounts(result));
    return 0;
  }

  if (group === 'backup') {
    const out = option(flags, 'out') ?? command;
    if (!out) throw new UsageError('backup 需要 --out <备份文件>');
    const crypto = cryptoProviderFor(config.cryptoProfile);
    const summary = await withContext(config, (ctx) => createBackup(ctx.db, config.evidence.dir, crypto, config.auditKey, resolve(out), systemClock.now()));
    console.log(`备份完成：${resolve(out)}（${summary.entries} 项，${summary.bytes} 字节）`);
    return 0;
  }

  if (group === 'restore') {
    const file = command ?? arg;
    if (!file) throw new UsageError('restore 需要备份文件：kaohe restore <备份文件> --yes');
    const archive = readBackup(resolve(file), config.auditKey); // refuses a damaged archive before anything changes
    if (flags.options.get('dry-run') === true) {
      console.log(`备份校验通过：${archive.manifest.entries.length} 项，创建于 ${archive.manifest.createdAt}。未做任何更改。`);
      return 0;
    }
    if (flags.options.get('yes') !== true) throw new UsageError('restore 会替换整个数据库：确认请加 --yes（或先用 --dry-run 校验备份）');
    const database = await resetDatabase(targetOf(config));
    rmSync(resolve(config.evidence.dir), { recursive: true, force: true });
    const counts = await withContext(config, (ctx) => restoreBackup(ctx.db, config.evidence.dir, archive), database);
    const verify = await withContext(config, (ctx) => verifyAuditChain(ctx.db, config.auditKey));
    console.log(`恢复完成：${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join('，')}`);
    console.log(verify.ok ? `审计链完整（${verify.records} 条）` : `警告：审计链校验失败 #${verify.firstBadSeq}：${verify.reason}`);
    return verify.ok ? 0 : 1;
  }

  if (key === 'notify status') {
    for (const line of await withContext(config, (ctx) => notifyStatusLines(ctx))) console.log(line);
    return 0;
  }

  const security = securityCommands[key];
  if (security) return security({ flags, option: (name) => option(flags, name), config, env, withContext: (run) => withContext(config, run), usage: (m) => new UsageError(m) });

  throw new UsageError(`未知的服务器命令：${argv.join(' ') || '（无）'}`);
}

/** The checks readBackup makes before anything changes (English in backup.ts), in Chinese; the original stays in parentheses. */
const BACKUP_MESSAGES: [RegExp, string][] = [
  [/not a Kaohe backup/, '这不是考核通的备份文件'],
  [/truncated/, '备份文件不完整（被截断），可能复制或下载未完成'],
  [/damaged/, '备份文件已损坏'],
  [/unknown algorithm/, '备份文件使用了不认识的校验算法'],
  [/keyed hash/, '备份文件的清单与校验码不符：文件被修改过，或由另一个 AUDIT_KEY 生成'],
  [/altered/, '备份文件中的内容被修改过（校验不符）'],
  [/trailing bytes/, '备份文件末尾有多余的数据'],
  [/unexpected name/, '备份文件的内容不符合格式'],
];

function chineseMessage(error: ConfigError | DatabaseLockedError | BackupError): string {
  if (error instanceof ConfigError) return `配置有误（环境变量）：\n${error.problems.map((p) => `  - ${p.replace(/: required when NODE_ENV=production$/, '：NODE_ENV=production 时必须设置')}`).join('\n')}`;
  if (error instanceof DatabaseLockedError) {
    const m = /The database in (.*) is already open in process (\d+)\..*delete (.*)\.$/s.exec(error.message);
    return m ? `数据库 ${m[1]} 已被进程 ${m[2]} 打开：请先停止该进程（多个进程同时使用请改用 PostgreSQL，设置 DATABASE_URL）。如果该进程已不存在，请删除 ${m[3]}。` : `数据库已被其他进程打开（${error.message}）`;
  }
  const hit = BACKUP_MESSAGES.find(([re]) => re.test(error.message));
  // Only readBackup's checks run before the database is reset; any other backup error may come after it.
  return hit ? `${hit[1]}，未做任何更改。（${error.message}）` : `备份文件不能使用（${error.message}）`;
}

/** Runs one server command from process.argv (exported so the `kaohe` binary can hand these commands over). */
export async function main() {
  const verbose = process.argv.includes('--verbose');
  try {
    process.exitCode = await runCli(process.argv.slice(2).filter((a) => a !== '--verbose'));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`错误：${error.message}\n\n${usage}`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError || error instanceof DatabaseLockedError || error instanceof BackupError) {
      console.error(chineseMessage(error));
      process.exitCode = 1;
    } else if (error instanceof AppError) {
      console.error(error.userMessage);
      process.exitCode = 1;
    } else {
      console.error(verbose ? error : `内部错误：${(error as Error).message}（加 --verbose 显示错误堆栈）`);
      process.exitCode = 1;
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
