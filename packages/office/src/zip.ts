import JSZip from 'jszip';
import { OfficeError } from './document';
import { formatBytes, type ReadLimits } from './limits';

export type ZipKind = 'Word 文档' | 'Excel 工作簿' | 'Office 文档';

/** The part of JSZip's private entry metadata we read before inflating anything. */
type EntrySizes = { compressedSize: number; uncompressedSize: number };

/**
 * Opens a .docx/.xlsx container and refuses zip bombs from the central
 * directory alone (declared sizes and ratios), before any entry is inflated.
 * Entries are later inflated through `readZipEntry`, which also stops when
 * the real output exceeds the budget, because declared sizes can lie.
 */
export async function openZip(bytes: Uint8Array, file: string, kind: ZipKind, limits: ReadLimits): Promise<OpenZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    const text = error instanceof Error ? error.message : '';
    if (/encrypt/i.test(text)) {
      throw new OfficeError('encrypted', `文件 ${file} 已加密，无法读取；请在 Office 中取消密码后另存一份再导入`, { file }, { cause: error });
    }
    throw new OfficeError('corrupt-zip', `文件 ${file} 不是有效的 ${kind}（zip 结构损坏）`, { file }, { cause: error });
  }

  let declared = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const sizes = entrySizes(entry);
    if (!sizes) continue;
    declared += sizes.uncompressedSize;
    const ratio = sizes.uncompressedSize / Math.max(1, sizes.compressedSize);
    if (sizes.uncompressedSize >= limits.ratioCheckFromBytes && ratio > limits.maxCompressionRatio) {
      throw new OfficeError(
        'zip-bomb',
        `文件 ${file} 中的 ${entry.name} 压缩比异常（约 ${Math.round(ratio)}:1），可能是压缩炸弹，已拒绝读取`,
        { file },
      );
    }
  }
  if (declared > limits.maxUncompressedBytes) throw tooBig(file, `声明为 ${formatBytes(declared)}`, limits);
  return { zip, file, kind, limits, inflated: 0 };
}

export type OpenZip = { zip: JSZip; file: string; kind: ZipKind; limits: ReadLimits; inflated: number };

export function hasEntry(open: OpenZip, name: string): boolean {
  const entry = open.zip.file(name);
  return entry !== null && !entry.dir;
}

/** Inflates one entry as UTF-8, or null when it is absent. */
export async function readZipText(open: OpenZip, name: string): Promise<string | null> {
  const bytes = await readZipEntry(open, name);
  return bytes === null ? null : new TextDecoder('utf-8').decode(bytes);
}

export async function readZipEntry(open: OpenZip, name: string): Promise<Uint8Array | null> {
  const entry = open.zip.file(name);
  if (!entry || entry.dir) return null;
  return inflate(open, entry, true);
}

async function inflate(open: OpenZip, entry: JSZip.JSZipObject, keep: boolean): Promise<Buffer> {
  const name = entry.name;
  const chunks: Buffer[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        open.inflated += chunk.length;
        if (open.inflated > open.limits.maxUncompressedBytes) {
          stream.pause();
          reject(tooBig(open.file, `实际已超过 ${formatBytes(open.limits.maxUncompressedBytes)}`, open.limits));
          return;
        }
        if (keep) chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve());
    });
  } catch (error) {
    if (error instanceof OfficeError) throw error;
    throw new OfficeError('corrupt-zip', `文件 ${open.file} 不是有效的 ${open.kind}（${name} 无法解压，文件可能已损坏）`, { file: open.file }, { cause: error });
  }
  return Buffer.concat(chunks);
}

/** Inflates and discards every entry, for readers (exceljs) that inflate on their own without limits. */
export async function checkAllEntries(open: OpenZip): Promise<void> {
  for (const entry of Object.values(open.zip.files)) {
    if (!entry.dir) await inflate(open, entry, false);
  }
}

function entrySizes(entry: JSZip.JSZipObject): EntrySizes | null {
  const data: unknown = (entry as unknown as { _data?: unknown })._data;
  if (typeof data !== 'object' || data === null) return null;
  const { compressedSize, uncompressedSize } = data as Record<string, unknown>;
  if (typeof compressedSize !== 'number' || typeof uncompressedSize !== 'number') return null;
  return { compressedSize, uncompressedSize };
}

function tooBig(file: string, detail: string, limits: ReadLimits): OfficeError {
  return new OfficeError(
    'zip-bomb',
    `文件 ${file} 解压后的大小（${detail}）超过上限 ${formatBytes(limits.maxUncompressedBytes)}，可能是压缩炸弹，已拒绝读取`,
    { file },
  );
}
