import { formatPoints, formatSigned } from '../../lib/format';

/** Points right-aligned in tabular digits, fixed decimals (2 unless the scheme says otherwise). */
export function Points({ value, places = 2, signed = false }: { value: string | null | undefined; places?: number; signed?: boolean }) {
  const text = value === null || value === undefined ? '—' : signed ? formatSigned(value, places) : formatPoints(value, places);
  const negative = text.startsWith('−') || text.startsWith('-');
  return <span className={`kh-points${negative ? ' kh-points-loss' : ''}`}>{text}</span>;
}

export const pointsColumn = { align: 'right' as const, className: 'kh-num' };
