import { cfbMagic } from './cfb';

export type Sniffed = 'zip' | 'ole2' | 'pdf' | 'rtf' | 'html' | 'mht' | 'text' | 'binary';

/**
 * Decides by content, not by name: users rename files, and mail systems
 * append ".txt". Text is anything without NUL bytes except UTF-16, whose ASCII
 * parts are half NULs (detected with or without a BOM).
 */
export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, cfbMagic)) return 'ole2';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  // Word and many government systems save RTF, HTML or MHT under a .doc/.xls name.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048)).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (/^MIME-Version:/i.test(head) && /multipart\/related/i.test(head)) return 'mht';
  if (/^<(?:!doctype html|html[\s>]|\?xml[^>]*>\s*<html)/i.test(head)) return 'html';
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'text';
  const sample = bytes.subarray(0, 8192);
  if (!sample.includes(0)) return 'text';
  return looksLikeUtf16(sample) ? 'text' : 'binary';
}

function looksLikeUtf16(sample: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = Math.floor(sample.length / 2);
  return (odd >= pairs * 0.3 && even === 0) || (even >= pairs * 0.3 && odd === 0);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** What the extension promises, for the mismatch warning; null for names we do not judge. */
export type ExpectedFormat = 'docx' | 'xlsx' | 'doc' | 'txt' | null;

export function expectedFormat(file: string): ExpectedFormat {
  const ext = /\.([^.]+)$/.exec(file)?.[1]?.toLowerCase();
  switch (ext) {
    case 'docx':
    case 'docm':
      return 'docx';
    case 'xlsx':
    case 'xlsm':
      return 'xlsx';
    case 'doc':
      return 'doc';
    case 'txt':
    case 'text':
    case 'csv':
      return 'txt';
    default:
      return null;
  }
}

export const formatNames = {
  docx: 'Word 文档',
  xlsx: 'Excel 工作簿',
  doc: 'Word 97-2003 文档',
  txt: '文本文件',
} as const;

/** Chinese text puts a space before a Latin word ("是 Word 文档") but not before Chinese ("是文本文件"). */
export function spaced(name: string): string {
  return /^[A-Za-z]/.test(name) ? ` ${name}` : name;
}
