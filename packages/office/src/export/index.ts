export { exportScheme, exportSchemeWithWarnings, type ExportFormat, type ExportOptions, type ExportResult } from './export-scheme';
export { layoutBlocks, escapeFormula, ranges, LAYOUTS, type Layout, type LayoutOptions, type OutBlock } from './layouts';
export { separateLeadsOf } from './scheme-layout';
export { planPages, type PagePlan } from './model/page-plan';
export { schemeLabels, type SchemeLabels } from './scheme-labels';
export { SENSITIVITY_ZH, sensitivityMark, type Sensitivity } from './model/sensitivity';
export { ExportError, isExportError, exportErrorCodes, type ExportErrorCode } from './export-error';
export { docxToPdf, officeToPdf, type PdfSource } from './to-pdf';
export * from './gongwen/index';
