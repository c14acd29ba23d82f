export { exportScheme, type ExportFormat } from './export-scheme';
export { layoutBlocks, escapeFormula, ranges, type Layout, type OutBlock } from './layouts';
