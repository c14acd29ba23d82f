import { createSha256, randomUuid } from '../lib/crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../lib/app-error';

/** Magic bytes per allowed extension: the name alone never decides what a file is. */
const signatures: Record<string, { mediaType: string; check: (head: Buffer) => boolean }> = {
  pdf: { mediaType: 'application/pdf', check: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
  png: { mediaType: 'image/png', check: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  jpg: { mediaType: 'image/jpeg', check: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  jpeg: { mediaType: 'image/jpeg', check: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: isZip },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', check: isZip },
  doc: { mediaType: 'application/msword', check: isOle },
  xls: { mediaType: 'application/vnd.ms-excel', check: isOle },
  txt: { mediaType: 'text/plain; charset=utf-8', check: isText },
};

function isZip(h: Buffer) {
  return h.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}
function isOle(h: Buffer) {
  return h.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}
function isText(h: Buffer) {
  if (h.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(h.subarray(0, Math.max(0, h.length - 4)));
    return true;
  } catch {
    return false;
  }
}

export function extensionOf(filename: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename);
  return match ? match[1]!.toLowerCase() : '';
}

export type StoredEvidence = { storedName: string; sizeBytes: number; sha256: string; extension: string; mediaType: string; path: string };

/**
 * Streams an upload into the evidence folder under a random name (the client's filename is never
 * a path), counting and hashing as it goes, then checks the extension against the allowlist and
 * the file's magic bytes. Anything refused is deleted before the error is thrown.
 */
export async function storeEvidence(
  dir: string,
  allowed: readonly string[],
  filename: string,
  stream: NodeJS.ReadableStream & { truncated?: boolean },
  maxBytes: number,
): Promise<StoredEvidence> {
  const extension = extensionOf(filename);
  const signature = signatures[extension];
  if (!allowed.includes(extension) || !signature) {
    stream.resume();
    throw new AppError('unsupported-media-type', `不允许的文件类型“.${extension || '?'}”，允许：${allowed.join('、')}`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const storedName = randomUuid();
  const partial = join(dir, `${storedName}.partial`);
  const path = join(dir, storedName);
  const hash = createSha256();
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, createWriteStream(partial, { mode: 0o600 }));
    if (stream.truncated || size > maxBytes) {
      throw new AppError('payload-too-large', `文件超过大小上限 ${Math.floor(maxBytes / 1024 / 1024)} MB`);
    }
    if (size === 0) throw new AppError('bad-request', '文件为空');
    const handle = await open(partial, 'r');
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    await handle.close();
    if (!signature.check(head.subarray(0, bytesRead))) {
      throw new AppError('unsupported-media-type', `文件内容与扩展名“.${extension}”不符`);
    }
    await rename(partial, path);
    return { storedName, sizeBytes: size, sha256: hash.digest('hex'), extension, mediaType: signature.mediaType, path };
  } catch (error) {
    await unlink(partial).catch(() => undefined);
    throw error;
  }
}

export async function removeEvidenceFile(dir: string, storedName: string) {
  await unlink(join(dir, storedName)).catch(() => undefined);
}
