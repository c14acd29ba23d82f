import iconv from 'iconv-lite';
import type { ImportIssue } from './document';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedText = { text: string; encoding: TextEncoding; issues: ImportIssue[] };

/**
 * Decodes a text file the way a 考评办 is likely to have saved it: UTF-8 (with or
 * without BOM), UTF-16 with BOM (Notepad's "Unicode"), or GBK/GB18030 (the
 * default of Chinese Windows). GBK is never announced by the file, so it is
 * inferred from invalid UTF-8 and reported to the user.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3), file);
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', issues: [] };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', issues: [] };
  const bomless = guessBomlessUtf16(bytes);
  if (bomless) return { text: new TextDecoder(bomless).decode(bytes), encoding: bomless, issues: [] };
  return decodeUtf8(bytes, file);
}

function decodeUtf8(bytes: Uint8Array, file: string): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', issues: [] };
  } catch {
    // Not valid UTF-8: decide between "UTF-8 with a few damaged bytes" and "GBK".
  }
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const replaced = countChar(lenient, '\uFFFD');
  const nonAscii = countNonAscii(lenient) - replaced;
  // GBK read as UTF-8 turns nearly every Chinese character into U+FFFD, while a
  // damaged UTF-8 file keeps most characters intact.
  if (nonAscii > 0 && replaced * 20 <= nonAscii) {
    return {
      text: lenient,
      encoding: 'utf-8',
      issues: [
        {
          severity: 'warning',
          code: 'invalid-utf8',
          message: `文件 ${file} 中有 ${replaced} 处内容无法按 UTF-8 解码，已替换为“\uFFFD”，请核对相关内容`,
          source: { file },
        },
      ],
    };
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  return {
    text,
    encoding: 'gb18030',
    issues: [
      {
        severity: 'warning',
        code: 'decoded-as-gbk',
        message: `文件 ${file} 不是 UTF-8 编码，已按 GBK（GB18030）编码读取；如出现乱码，请将文件另存为 UTF-8 后重新导入`,
        source: { file },
      },
    ],
  };
}

/**
 * UTF-16 without a BOM shows up as a NUL in every other byte for the ASCII
 * parts (line breaks, digits, TABs). Only used when most of one byte lane is NUL
 * and the other lane has none, so UTF-8 and GBK text (which have no NULs) never match.
 */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
  }
  const pairs = sample.length / 2;
  if (oddZero >= pairs * 0.3 && evenZero === 0) return 'utf-16le';
  if (evenZero >= pairs * 0.3 && oddZero === 0) return 'utf-16be';
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

function countNonAscii(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) n++;
  return n;
}

/** Splits on every line-break convention so line numbers match what editors show. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  // A trailing newline does not start another line (same as `awk '{print NR}'`).
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
