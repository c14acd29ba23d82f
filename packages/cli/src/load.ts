import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Fact, Scheme, LintIssue } from '@kaohe/core';
import { parseFacts, parseScheme } from '@kaohe/contract';
import { CliError } from './cli-error';
import { documentGivenAsData, sniffFileKind } from './file-kind';
import { fileSystemError } from './fs-error';

const MAX_BYTES = 50 * 1024 * 1024;

/** A file's bytes, with every file-system failure (missing, a folder, no permission) as a Chinese CliError. */
export function readBytes(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError(`${path} 是一个文件夹，请给出其中的文件`);
    size = st.size;
  } catch (e) {
    throw fileSystemError(e, 'read', path);
  }
  if (size > MAX_BYTES) throw new CliError(`文件 ${path} 过大（${(size / 1048576).toFixed(1)} MB，上限 50 MB）`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw fileSystemError(e, 'read', path);
  }
}

/**
 * A scheme or facts file's text. A Word/Excel/PDF document given instead gets a message saying
 * what the file is and which command reads it; a GBK file is refused with the fix.
 */
export function readText(path: string, command = 'validate', role: '方案文件' | '事实文件' = '方案文件'): string {
  const buf = readBytes(path);
  const wrong = documentGivenAsData(path, sniffFileKind(path, buf), command, role);
  if (wrong) throw new CliError(wrong);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  if (text.includes('\uFFFD')) throw new CliError(`文件 ${path} 不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8 后重试`);
  return text;
}

export function loadScheme(path: string, command = 'validate'): { scheme: Scheme; lint: LintIssue[]; text: string } {
  const text = readText(path, command, '方案文件');
  const { scheme, lint } = parseScheme(text, basename(path));
  return { scheme, lint, text };
}

export function loadFacts(path: string, scheme: Scheme, command = 'score'): Fact[] {
  return parseFacts(readText(path, command, '事实文件'), basename(path), scheme);
}
