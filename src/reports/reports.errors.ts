import { errorClass } from '../platform/errors.js';

/** Expected failures of the reports, in order of precedence (never rename one). */
export const reportsErrorCodes = [
  /** Malformed input: a period whose end is not after its start, a code prefix too long, a page size. */
  'BAD_USER_INPUT',
  /** Not an ISO 4217 currency code. */
  'INVALID_CURRENCY',
  /** The idempotency key was used for another close or reopening. */
  'IDEMPOTENCY_KEY_REUSED',
  /** The period has not ended yet: it cannot be closed. */
  'PERIOD_NOT_ENDED',
  /** The period is closed already. */
  'PERIOD_ALREADY_CLOSED',
  /** Periods close in order and reopen in reverse order: an earlier period is still open, or a later one is closed. */
  'PERIOD_OUT_OF_ORDER',
  /** The period is not closed: there is nothing to reopen. */
  'PERIOD_NOT_CLOSED',
] as const;

export class ReportsError extends errorClass('ReportsError', reportsErrorCodes) {
  static keyReused(key: string) {
    return new ReportsError('IDEMPOTENCY_KEY_REUSED', `idempotency key "${key.slice(0, 64)}" was used for another close or reopening`, { idempotencyKey: key });
  }
  static notEnded(period: string, end: Date) {
    return new ReportsError('PERIOD_NOT_ENDED', `period ${period} ends at ${end.toISOString()}: it cannot be closed before then`, { period, endsAt: end.toISOString() });
  }
  static alreadyClosed(period: string, closedThrough: Date) {
    return new ReportsError('PERIOD_ALREADY_CLOSED', `period ${period} is closed: every period before ${closedThrough.toISOString()} is`, { period, closedThrough: closedThrough.toISOString() });
  }
  static outOfOrder(period: string, message: string, closedThrough: Date | null) {
    return new ReportsError('PERIOD_OUT_OF_ORDER', `period ${period}: ${message}`, { period, closedThrough: closedThrough?.toISOString() ?? null });
  }
  static notClosed(period: string) {
    return new ReportsError('PERIOD_NOT_CLOSED', `period ${period} is not closed`, { period });
  }
}
