import { CliError } from './cli-error';

type ErrnoLike = { code?: string; path?: string; syscall?: string };

const REASONS: Record<string, string> = {
  ENOENT: '不存在',
  EISDIR: '是一个文件夹，不是文件',
  ENOTDIR: '路径中有一段不是文件夹',
  EACCES: '没有访问权限',
  EPERM: '不允许此操作（没有权限）',
  EROFS: '位于只读磁盘上',
  ENOSPC: '所在磁盘已满',
  EEXIST: '已存在',
  EMFILE: '打开的文件过多',
  ENAMETOOLONG: '路径过长',
  EBUSY: '正被其他程序占用',
};

/** A Node file-system error (ENOENT, EISDIR, EACCES…) as a Chinese CliError naming the path and what was being done; other errors pass through. */
export function fileSystemError(e: unknown, action: 'read' | 'write' | 'access', path?: string): unknown {
  const err = e as ErrnoLike;
  // Only Node's system errors (they carry errno/syscall); other errors with a `code` (OfficeError) pass through.
  if (!(e instanceof Error) || typeof err.code !== 'string' || !('errno' in e || 'syscall' in e)) return e;
  const reason = REASONS[err.code];
  const target = err.path ?? path ?? '';
  const verb = action === 'read' ? '无法读取' : action === 'write' ? '无法写入' : '无法访问';
  if (!reason) return new CliError(`${verb} ${target}（${err.code}）`, { cause: e });
  if (action === 'access') return new CliError(`${verb} ${target}：${reason}`, { cause: e });
  if (action === 'read') return new CliError(err.code === 'ENOENT' ? `找不到文件：${target}` : `无法读取 ${target}：${reason}`, { cause: e });
  const hint = err.code === 'EISDIR' ? '（请在 -o 后给出文件名，不是文件夹）' : err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' ? '（请换一个可写的位置）' : '';
  return new CliError(`无法写入 ${target}：${err.code === 'ENOENT' ? '所在文件夹不存在' : reason}${hint}`, { cause: e });
}

/** Runs a write, turning a file-system failure into a Chinese CliError. */
export function writing<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fileSystemError(e, 'write', path);
  }
}
