import dayjs from 'dayjs';

/**
 * Points as text, fixed decimals, exactly: the server sends "8.5" and this pads or rounds the
 * digits as text (half up), never through a binary float.
 */
export function formatPoints(value: string | null | undefined, places = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length <= places) return `${sign}${whole}${places > 0 ? '.' + fraction.padEnd(places, '0') : ''}`;
  // round half up on the digit string
  const digits = (whole + fraction.slice(0, places)).split('').map(Number);
  if (Number(fraction[places]) >= 5) {
    let i = digits.length - 1;
    while (i >= 0) {
      if (digits[i]! < 9) {
        digits[i]! += 1;
        break;
      }
      digits[i] = 0;
      i--;
    }
    if (i < 0) digits.unshift(1);
  }
  const text = digits.join('');
  const intPart = text.slice(0, text.length - places) || '0';
  const fracPart = text.slice(text.length - places);
  const zero = /^[0.]*$/.test(intPart + fracPart);
  return `${zero ? '' : sign}${intPart}${places > 0 ? '.' + fracPart : ''}`;
}

/** A signed amount: +0.50 / −1.00 (a gain or a loss on the score card). */
export function formatSigned(value: string, places = 2): string {
  const text = formatPoints(value, places);
  if (text.startsWith('-')) return `−${text.slice(1)}`;
  return /^[0.]+$/.test(text) ? text : `+${text}`;
}

export const formatDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
export const formatDateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** Comparator for decimal text (sorting a points column without floats). */
export function compareDecimal(a: string, b: string): number {
  const [ai = '0', af = ''] = a.replace(/^-/, '').split('.');
  const [bi = '0', bf = ''] = b.replace(/^-/, '').split('.');
  const sa = a.startsWith('-') ? -1 : 1;
  const sb = b.startsWith('-') ? -1 : 1;
  if (sa !== sb) return sa - sb;
  const width = Math.max(af.length, bf.length);
  const na = ai.padStart(20, '0') + af.padEnd(width, '0');
  const nb = bi.padStart(20, '0') + bf.padEnd(width, '0');
  return na === nb ? 0 : (na < nb ? -1 : 1) * sa;
}
