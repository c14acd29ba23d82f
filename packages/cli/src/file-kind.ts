import { extname } from 'node:path';

/** What a file is, from its first bytes and its name: enough to tell a user who gave the wrong file to a command. */
export type FileKind = 'office-zip' | 'office-97' | 'pdf' | 'rtf' | 'html' | 'scheme-text' | 'facts-text' | 'text' | 'binary';

export function sniffFileKind(name: string, bytes: Uint8Array): FileKind {
  const head = (n: number): string => String.fromCharCode(...bytes.subarray(0, n));
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'office-zip';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'office-97';
  if (head(5) === '%PDF-') return 'pdf';
  if (head(5) === '{\\rtf') return 'rtf';
  const start = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (/^\s*<(!doctype html|html)/i.test(start)) return 'html';
  if (bytes.subarray(0, 4096).includes(0)) return 'binary';
  if (/^(formatVersion|indicators|rankingGroups|unitCategories)\s*:/m.test(start) || /^\s*\{\s*"(formatVersion|code|title)"/.test(start)) return 'scheme-text';
  if (/^\s*-\s*\{?\s*unit\s*:/m.test(start) || /^\s*facts\s*:/m.test(start) || /^\uFEFF?unit,ref,type\b/m.test(start)) return 'facts-text';
  return 'text';
}

const DOC_NAMES: Partial<Record<FileKind, string>> = {
  'office-zip': 'Word/Excel 文档',
  'office-97': 'Word/Excel 97-2003 文档（.doc/.xls）',
  pdf: 'PDF 文件',
  rtf: 'RTF 文档',
  html: '网页文件',
};

/** Extensions of documents, and what a file with one should hold. */
const DOC_EXTENSIONS: Record<string, string> = {
  '.pdf': 'PDF 文件',
  '.docx': 'Word 文档',
  '.doc': 'Word 97-2003 文档',
  '.xlsx': 'Excel 工作簿',
  '.xls': 'Excel 97-2003 工作簿',
};

/** 是 Word 文档 / 是网页文件: a space between a Chinese word and a Latin one, as in the other messages. */
const spaced = (words: string): string => (/^[A-Za-z]/.test(words) ? ` ${words}` : words);

/** When a command that reads a scheme (or facts) file is given a document: what the file is and which command wants it. */
export function documentGivenAsData(file: string, kind: FileKind, command: string, role: '方案文件' | '事实文件'): string | undefined {
  const name = DOC_NAMES[kind];
  const ext = extname(file).toLowerCase();
  if (!name) {
    // 方案.pdf that holds plain text (renamed, or saved wrongly): its name and its content disagree,
    // so neither reading can be trusted to be what the clerk meant
    const claimed = DOC_EXTENSIONS[ext];
    if (claimed === undefined || kind === 'scheme-text' || kind === 'facts-text') return undefined;
    return `${file} 的扩展名是 ${ext}，但内容不是${spaced(claimed)}（可能改过扩展名或已损坏）：kaohe ${command} 需要 YAML 或 JSON ${role}${role === '事实文件' ? '（或 CSV）' : ''}；考核方案原文请在 Word/Excel 中重新另存后用 kaohe import 导入`;
  }
  const what = spaced(kind === 'office-zip' && (ext === '.xlsx' || ext === '.docx') ? DOC_EXTENSIONS[ext]! : name);
  if (role === '事实文件') return `${file} 是${what}，不是事实文件：kaohe ${command} 需要 YAML、JSON 或 CSV 格式的事实文件（见 docs/scheme-format.md“事实”一节；Excel 表可另存为 CSV UTF-8）`;
  if (kind === 'pdf') return `${file} 是 PDF 文件，不是方案文件：kaohe ${command} 需要 YAML 或 JSON 方案文件。PDF 不能直接导入，请在 Word 中打开并另存为 .docx，再运行 kaohe import 文件.docx -o scheme.yaml`;
  return `${file} 是${what}，不是方案文件：kaohe ${command} 需要 YAML 或 JSON 方案文件。考核方案原文请先导入：kaohe import ${file} -o scheme.yaml，再对 scheme.yaml 运行 kaohe ${command}`;
}
