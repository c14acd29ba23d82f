/** The neutral table model every export layout produces and the .docx/.xlsx writers consume. */
/** rowSpan/merged: a vertical merge (master, continuation); colSpan/covered: a horizontal one. */
export type OutCell = { text: string; rowSpan?: number; merged?: boolean; colSpan?: number; covered?: boolean };
/**
 * titled: in .xlsx the title and the headings before this table stand right above its header with no
 * blank row (a clerk's one-table sheet: title row, then the table), so that they are read as the rows
 * above the table's header (title, 年度) rather than as paragraphs of their own.
 */
export type OutTable = { header: string[]; rows: OutCell[][]; titled?: boolean };
export type OutBlock = { kind: 'heading'; text: string } | { kind: 'table'; table: OutTable };


const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function chineseNumber(n: number): string {
  if (n <= 10) return CN[n]!;
  if (n < 20) return `十${CN[n - 10]}`;
  return `${CN[Math.floor(n / 10)]}十${CN[n % 10]}`;
}

