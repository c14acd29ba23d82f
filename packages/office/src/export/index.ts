export { exportScheme, type ExportFormat } from './export-scheme';
export { layoutBlocks, escapeFormula, ranges, LAYOUTS, type Layout, type OutBlock } from './layouts';
