import type { Dec } from '../points';
import type { Code } from '../scheme/scheme.types';

export type Rankable = { unit: Code; total: Dec; isForcedLast: boolean };
export type Ranked = { unit: Code; total: Dec; rank: number; isTied: boolean };

/**
 * Competition ranking (1, 2, 2, 4) by total, best first. Units forced to last place (P30,
 * 直接列入最后一名) come after every other unit whatever their total, ranked among themselves.
 * Ties keep the scheme's unit order so the table is stable, and are flagged, not broken.
 */
export function rankUnits(units: readonly Rankable[]): Ranked[] {
  const normal = units.filter((u) => !u.isForcedLast);
  const last = units.filter((u) => u.isForcedLast);
  const out: Ranked[] = [];
  const place = (list: Rankable[], offset: number): void => {
    const sorted = [...list].sort((a, b) => b.total - a.total);
    for (let i = 0; i < sorted.length; i++) {
      const u = sorted[i]!;
      let first = i;
      while (first > 0 && sorted[first - 1]!.total === u.total) first--;
      const isTied = (i > 0 && sorted[i - 1]!.total === u.total) || (i + 1 < sorted.length && sorted[i + 1]!.total === u.total);
      out.push({ unit: u.unit, total: u.total, rank: offset + first + 1, isTied });
    }
  };
  place(normal, 0);
  place(last, normal.length);
  return out;
}
