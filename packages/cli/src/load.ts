import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Fact, Scheme, LintIssue } from '@kaohe/core';
import { parseFacts, parseScheme } from '@kaohe/contract';
import { CliError } from './cli-error';

const MAX_BYTES = 50 * 1024 * 1024;

export function readText(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliError(`找不到文件：${path}`);
  }
  if (size > MAX_BYTES) throw new CliError(`文件 ${path} 过大（${(size / 1048576).toFixed(1)} MB，上限 50 MB）`);
  const buf = readFileSync(path);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  if (text.includes('\uFFFD')) throw new CliError(`文件 ${path} 不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8 后重试`);
  return text;
}

export function loadScheme(path: string): { scheme: Scheme; lint: LintIssue[]; text: string } {
  const text = readText(path);
  const { scheme, lint } = parseScheme(text, basename(path));
  return { scheme, lint, text };
}

export function loadFacts(path: string, scheme: Scheme): Fact[] {
  return parseFacts(readText(path), basename(path), scheme);
}
