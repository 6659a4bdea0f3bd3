import { errorClass } from '../platform/errors.js';

/** Expected failures of the reports, in order of precedence (never rename one). */
export const reportsErrorCodes = [
  /** Malformed input: a period whose end is not after its start, a code prefix too long, a page size. */
  'BAD_USER_INPUT',
  /** Not an ISO 4217 currency code. */
  'INVALID_CURRENCY',
] as const;

export class ReportsError extends errorClass('ReportsError', reportsErrorCodes) {}
