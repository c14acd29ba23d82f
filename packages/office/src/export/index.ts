export { exportScheme, type ExportFormat } from './export-scheme';
export { layoutBlocks, escapeFormula, ranges, LAYOUTS, type Layout, type OutBlock } from './layouts';
export { ExportError, isExportError, exportErrorCodes, type ExportErrorCode } from './export-error';
export { docxToPdf, officeToPdf, type PdfSource } from './to-pdf';
export * from './gongwen/index';
