import type { Scheme } from '@kaohe/core';
import { blocksToDocx } from './docx-writer';
import { layoutBlocks, type Layout, type LayoutOptions } from './layouts';
import { blocksToXlsx } from './xlsx-writer';
import type { Sensitivity } from './model/sensitivity';

export type ExportFormat = 'docx' | 'xlsx';
/** sensitivity: the scheme's security label (草稿/内部/公开), printed on the export. */
export type ExportOptions = LayoutOptions & { sensitivity?: Sensitivity };
export type ExportResult = { bytes: Uint8Array; /** What the clerk should check (Chinese). */ warnings: string[] };

/**
 * Writes a scheme to Office in one of the layouts, with the warnings met on the way. A layout the scheme
 * has nothing for throws an ExportError naming what is missing ("该方案没有单位，无法按单位导出目标表").
 */
export async function exportSchemeWithWarnings(scheme: Scheme, format: ExportFormat, layout: Layout, options: ExportOptions = {}): Promise<ExportResult> {
  const warnings: string[] = [];
  const blocks = layoutBlocks(scheme, layout, options, warnings);
  const plan = { decimals: scheme.settings?.rounding?.decimals ?? 2, ...(options.sensitivity ? { sensitivity: options.sensitivity } : {}) };
  const bytes = format === 'docx' ? await blocksToDocx(blocks, scheme.title, plan) : await blocksToXlsx(blocks, scheme.title, plan);
  return { bytes, warnings };
}

/** Writes a scheme back to Office in one of the layouts (see exportSchemeWithWarnings). */
export async function exportScheme(scheme: Scheme, format: ExportFormat, layout: Layout, options: ExportOptions = {}): Promise<Uint8Array> {
  return (await exportSchemeWithWarnings(scheme, format, layout, options)).bytes;
}
