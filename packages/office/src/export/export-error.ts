/** Why an export was refused: the message is Chinese and names what the scheme or the input lacks. */
export const exportErrorCodes = ['layout-not-applicable', 'bad-export-input', 'soffice-missing', 'conversion-failed'] as const;
export type ExportErrorCode = (typeof exportErrorCodes)[number];

export class ExportError extends Error {
  readonly code: ExportErrorCode;
  /** The layout, field or file concerned. */
  readonly subject: string;

  constructor(code: ExportErrorCode, message: string, subject: string) {
    super(message);
    this.name = 'ExportError';
    this.code = code;
    this.subject = subject;
  }
}

export function isExportError(value: unknown): value is ExportError {
  return value instanceof ExportError;
}
