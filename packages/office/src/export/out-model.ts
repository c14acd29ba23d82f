/** The neutral table model every export layout produces and the .docx/.xlsx writers consume. */
/** rowSpan/merged: a vertical merge (master, continuation); colSpan/covered: a horizontal one. */
export type OutCell = { text: string; rowSpan?: number; merged?: boolean; colSpan?: number; covered?: boolean };
export type OutTable = { header: string[]; rows: OutCell[][] };
export type OutBlock = { kind: 'heading'; text: string } | { kind: 'table'; table: OutTable };


const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function chineseNumber(n: number): string {
  if (n <= 10) return CN[n]!;
  if (n < 20) return `十${CN[n - 10]}`;
  return `${CN[Math.floor(n / 10)]}十${CN[n % 10]}`;
}

