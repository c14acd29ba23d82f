/** Limits that protect the server from hostile or accidental huge uploads. */
export type ReadLimits = {
  /** Largest file accepted, checked before the file is read. Default 50 MB. */
  maxFileBytes: number;
  /** Largest total uncompressed size of a .docx/.xlsx, from the zip metadata. Default 200 MB. */
  maxUncompressedBytes: number;
  /** Largest compression ratio accepted for an entry bigger than `ratioCheckFromBytes`. Default 200. */
  maxCompressionRatio: number;
  /** Entries smaller than this are not ratio-checked (tiny XML parts compress very well). Default 10 MB. */
  ratioCheckFromBytes: number;
};

export const defaultLimits: ReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioCheckFromBytes: 10 * 1024 * 1024,
};

/** "52.4 MB" style sizes for user messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
