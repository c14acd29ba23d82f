import type { Scheme } from '@kaohe/core';
import { ExportError } from '../export-error';
import { layoutBlocks, type Layout, type LayoutOptions } from '../layouts';
import { columnKind } from '../model/page-plan';
import type { OutBlock } from '../out-model';
import { writeGongwenDocx, type GongwenAttachment, type GongwenBlock } from './gongwen-docx';
import { chineseDate } from './tongbao';
import type { Sensitivity } from '../model/sensitivity';

/** A notice (通知) in 公文 format whose lists are its 附件 (seed 000: 嘉文广旅〔2020〕87号 with its 清单). */
export type NoticeInput = {
  issuer: string;
  mark?: string;
  docNumber: string;
  title: string;
  date: string;
  recipients?: string;
  body: string[];
  attachments: { title: string; blocks: OutBlock[] }[];
  copyTo?: string[];
  printedBy?: string;
  printedDate?: string;
  /** The label of the scheme the lists come from (草稿/内部/公开), printed on every page. */
  sensitivity?: Sensitivity;
};

const asGongwen = (blocks: OutBlock[]): GongwenBlock[] =>
  blocks.map((b) => (b.kind === 'heading' ? { kind: 'heading', text: b.text } : { kind: 'table', table: { columns: b.table.header.map((h) => ({ header: h, kind: columnKind(h) })), rows: b.table.rows } }));

/** Writes the notice as a GB/T 9704-2012 .docx, each attachment's tables with their merges. */
export async function writeNoticeDocx(input: NoticeInput): Promise<Uint8Array> {
  for (const [field, v] of [['发文机关', input.issuer], ['发文字号', input.docNumber], ['标题', input.title]] as const) {
    if (!v?.trim()) throw new ExportError('bad-export-input', `通知的${field}为空`, field);
  }
  if (input.body.length === 0) throw new ExportError('bad-export-input', '通知的正文为空', '正文');
  // the 抄送机关 stand in the 版记, which needs its 印发机关: never drop them silently
  if (input.copyTo?.length && !input.printedBy?.trim()) throw new ExportError('bad-export-input', '通知的印发机关为空：有抄送机关时须写明版记的印发机关', '印发机关');
  const attachments: GongwenAttachment[] = input.attachments.map((a) => ({ title: a.title, blocks: asGongwen(a.blocks) }));
  return writeGongwenDocx({
    mark: input.mark ?? `${input.issuer}文件`,
    docNumber: input.docNumber,
    title: input.title,
    ...(input.recipients ? { recipients: input.recipients } : {}),
    body: input.body,
    attachments,
    signer: input.issuer,
    date: chineseDate(input.date),
    ...(input.sensitivity ? { sensitivity: input.sensitivity } : {}),
    ...(input.printedBy ? { record: { printedBy: input.printedBy, printedDate: chineseDate(input.printedDate ?? input.date, '印发日期'), ...(input.copyTo?.length ? { copyTo: input.copyTo } : {}) } } : {}),
  });
}

/** A scheme's layout (its task breakdown, its responsibility matrix) as a notice's attachment titled by the scheme. */
export function schemeAttachment(scheme: Scheme, layout: Layout, options: LayoutOptions = {}, warnings: string[] = []): NoticeInput['attachments'][number] {
  return { title: scheme.title, blocks: layoutBlocks(scheme, layout, options, warnings) };
}
