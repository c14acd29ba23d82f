/**
 * Minimal reader for the OLE2 compound file header and directory (MS-CFB), just
 * enough to tell a Word 97-2003 .doc from an .xls or from a password-protected
 * .docx/.xlsx (which Office stores as OLE2 with EncryptionInfo/EncryptedPackage
 * streams). Looking at stream names is reliable where a byte search is not: a
 * document's own text may contain the word "EncryptionInfo".
 * Every offset is bounds-checked; a malformed file yields `null`.
 */

export const cfbMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export type CfbEntry = { name: string; type: 'storage' | 'stream' | 'root'; start: number; size: number };

export type CfbFile = { entries: CfbEntry[]; readStreamHead: (entry: CfbEntry, length: number) => Uint8Array | null };

const endOfChain = 0xfffffffe;
const maxChain = 100_000;

export function readCfb(bytes: Uint8Array): CfbFile | null {
  if (bytes.length < 512 || !cfbMagic.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorOffset = (id: number): number => (id + 1) * sectorSize;
  const u32 = (offset: number): number | null => (offset + 4 <= bytes.length ? view.getUint32(offset, true) : null);

  // FAT sector ids: the first 109 are in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const id = u32(0x4c + i * 4);
    if (id !== null && id < endOfChain - 1) fatSectors.push(id);
  }
  let difat = u32(0x44);
  for (let guard = 0; difat !== null && difat < endOfChain - 1 && guard < maxChain; guard++) {
    const base = sectorOffset(difat);
    const perSector = sectorSize / 4 - 1;
    for (let i = 0; i < perSector; i++) {
      const id = u32(base + i * 4);
      if (id !== null && id < endOfChain - 1) fatSectors.push(id);
    }
    difat = u32(base + perSector * 4);
  }
  const next = (id: number): number | null => {
    const fatSector = fatSectors[Math.floor((id * 4) / sectorSize)];
    return fatSector === undefined ? null : u32(sectorOffset(fatSector) + ((id * 4) % sectorSize));
  };
  const chain = (start: number): number[] => {
    const ids: number[] = [];
    const seen = new Set<number>();
    for (let id: number | null = start; id !== null && id < endOfChain - 1 && ids.length < maxChain; id = next(id)) {
      // A loop in the chain or a sector past the end means a damaged file: stop there.
      if (sectorOffset(id) + sectorSize > bytes.length || seen.has(id)) break;
      seen.add(id);
      ids.push(id);
    }
    return ids;
  };

  const entries: CfbEntry[] = [];
  const dirStart = u32(0x30);
  if (dirStart === null) return null;
  for (const id of chain(dirStart)) {
    for (let k = 0; k < sectorSize / 128; k++) {
      const base = sectorOffset(id) + k * 128;
      const nameBytes = view.getUint16(base + 0x40, true);
      const type = bytes[base + 0x42];
      if (nameBytes < 2 || nameBytes > 64 || (type !== 1 && type !== 2 && type !== 5)) continue;
      const name = new TextDecoder('utf-16le').decode(bytes.subarray(base, base + nameBytes - 2));
      entries.push({ name, type: type === 1 ? 'storage' : type === 2 ? 'stream' : 'root', start: view.getUint32(base + 0x74, true), size: view.getUint32(base + 0x78, true) });
    }
  }
  if (entries.length === 0) return null;

  const miniCutoff = u32(0x38) ?? 4096;
  return {
    entries,
    // Only streams stored in regular sectors are readable here; that covers the
    // WordDocument stream, whose header is all we need.
    readStreamHead: (entry, length) => {
      if (entry.size < miniCutoff) return null;
      const out = new Uint8Array(Math.min(length, entry.size));
      let written = 0;
      for (const id of chain(entry.start)) {
        if (written >= out.length) break;
        const take = Math.min(sectorSize, out.length - written);
        out.set(bytes.subarray(sectorOffset(id), sectorOffset(id) + take), written);
        written += take;
      }
      return written === out.length ? out : null;
    },
  };
}
