/** Coded errors for definitions that break an invariant after the edge (contract) validated them.
 *  Expected scoring outcomes (not applicable, needs judgement, vetoed, clamped) are data, never errors. */
export const coreErrorCodes = [
  'decimal-invalid',
  'decimal-precision',
  'decimal-range',
  'division-by-zero',
  'scheme-invalid',
  'unknown-reference',
  'fact-invalid',
  'calendar-invalid',
] as const;
export type CoreErrorCode = (typeof coreErrorCodes)[number];

export class CoreError extends Error {
  readonly code: CoreErrorCode;
  readonly path: string | undefined;
  constructor(code: CoreErrorCode, message: string, path?: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'CoreError';
    this.code = code;
    this.path = path;
  }
}
