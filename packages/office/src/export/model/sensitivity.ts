/**
 * The sensitivity label (草稿/内部/公开) an export carries: the server's security label of the scheme,
 * result set or publication it was made from (packages/server access/labels.ts; the codes are the
 * contract's `sensitivityLabels`). A .docx prints it at the top left of every page header, a .xlsx in
 * its first cell and in the printed page header, so a 草稿 result handed on is still seen as a draft.
 */
export type Sensitivity = 'draft' | 'internal' | 'public';

export const SENSITIVITY_ZH: Record<Sensitivity, string> = { draft: '草稿', internal: '内部', public: '公开' };

/** "标识：草稿" — the word the server shows for the label, not a 国家秘密 密级 (绝密/机密/秘密). */
export function sensitivityMark(s: Sensitivity | undefined): string | undefined {
  if (s === undefined) return undefined;
  const zh = SENSITIVITY_ZH[s];
  if (zh === undefined) throw new TypeError(`unknown sensitivity ${String(s)}`);
  return `标识：${zh}`;
}
