export {
  OfficeError,
  assertHasTables,
  isOfficeError,
  importIssueCodes,
  officeErrorCodes,
  tablesOf,
  type DocumentFormat,
  type ImportIssue,
  type ImportIssueCode,
  type OfficeErrorCode,
  type RawBlock,
  type RawCell,
  type RawDocument,
  type RawTable,
  type SourceRef,
} from './document';
export { readDocument, type ReadInput, type ReadOptions } from './read-document';
export { readDocx } from './docx-reader';
export { readXlsx, cellRef } from './xlsx-reader';
export { readTxt } from './txt-reader';
export { readOle2 } from './doc-reader';
export { readViaLibreOffice, type ConvertOptions, type LegacySource } from './libreoffice';
export { parseTextLines, splitParagraphCells, type ParagraphCell } from './txt-parse';
export { decodeText, splitLines, type DecodedText, type TextEncoding } from './text-decode';
export { defaultLimits, type ReadLimits } from './limits';
export { writeTongbaoDocx, tongbaoResults, tongbaoDocument, writeGongwenDocx, docxToPdf, officeToPdf, ExportError, isExportError, type TongbaoInput, type TongbaoGroup, type TongbaoRow, type TongbaoGradeList, type GongwenDocument } from './export/index';
