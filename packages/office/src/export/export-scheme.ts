import type { Scheme } from '@kaohe/core';
import { blocksToDocx } from './docx-writer';
import { layoutBlocks, type Layout } from './layouts';
import { blocksToXlsx } from './xlsx-writer';

export type ExportFormat = 'docx' | 'xlsx';

/** Writes a scheme back to Office in one of the seeds' layouts. */
export async function exportScheme(scheme: Scheme, format: ExportFormat, layout: Layout): Promise<Uint8Array> {
  const blocks = layoutBlocks(scheme, layout);
  const options = { decimals: scheme.settings?.rounding?.decimals ?? 2 };
  return format === 'docx' ? blocksToDocx(blocks, scheme.title, options) : blocksToXlsx(blocks, scheme.title, options);
}
