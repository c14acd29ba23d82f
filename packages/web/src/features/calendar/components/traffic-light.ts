/**
 * 预警 traffic lights of the completion dashboard, on the 东旦 default thresholds: of the items
 * due by today, green when at least 95 % were submitted, yellow from 85 %, red below; no item
 * due yet is grey. Whole-number arithmetic (submitted × 100 against due × threshold), no floats.
 */
export type Light = 'green' | 'yellow' | 'red' | 'none';
export const lightNames: Record<Light, string> = { green: '正常', yellow: '预警', red: '滞后', none: '未到期' };
export const lightColours: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error', none: 'default' };

export function lightOf(row: { dueByNow: number; submitted: number }): Light {
  if (row.dueByNow <= 0) return 'none';
  // submitted counts items reported by now, including ones due later; progress never exceeds 100 %
  const done = Math.min(row.submitted, row.dueByNow) * 100;
  if (done >= 95 * row.dueByNow) return 'green';
  if (done >= 85 * row.dueByNow) return 'yellow';
  return 'red';
}

/** The share submitted as text with one decimal, rounded half up from whole numbers ("92.3%"). */
export function percentText(row: { dueByNow: number; submitted: number }): string {
  if (row.dueByNow <= 0) return '—';
  const tenths = Math.floor((Math.min(row.submitted, row.dueByNow) * 2000 + row.dueByNow) / (2 * row.dueByNow));
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}
