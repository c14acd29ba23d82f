/** The whole points below a decimal text, exactly: "87.5" → 87, "-0.5" → -1 (no binary floats). */
export function floorOf(value: string): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return Number.NaN;
  const whole = Number(m[2]);
  const hasFraction = /[1-9]/.test(m[3] ?? '');
  return m[1] === '-' ? -whole - (hasFraction ? 1 : 0) : whole;
}

export type Bucket = { label: string; from: number; to: number; count: number };

/**
 * Totals grouped into at most `most` equal whole-point ranges [from, to), by their exact whole
 * part, so a unit on a boundary (90.00) always falls in the upper range (90–95) and never moves
 * by rounding. Empty ranges between filled ones stay, so the shape is true.
 */
export function scoreBuckets(totals: readonly string[], most = 10): Bucket[] {
  const floors = totals.map(floorOf).filter((n) => Number.isFinite(n));
  if (floors.length === 0) return [];
  const low = Math.min(...floors);
  const high = Math.max(...floors);
  const width = Math.max(1, Math.ceil((high - low + 1) / most));
  const start = Math.floor(low / width) * width;
  const buckets: Bucket[] = [];
  for (let from = start; from <= high; from += width) buckets.push({ label: width === 1 ? `${from}` : `${from}–${from + width}`, from, to: from + width, count: 0 });
  for (const f of floors) buckets[Math.floor((f - start) / width)]!.count++;
  return buckets;
}
