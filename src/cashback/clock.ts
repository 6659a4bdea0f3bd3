import { CashbackError } from './cashback.errors.js';

export { systemClock, type Clock } from '../platform/clock.js';

/** How far in the future a purchase's `occurredAt` may be (the merchant's clock may run ahead). */
const futureSkewMs = 5 * 60_000;

/** A purchase's time: a valid instant, not in the future beyond clock skew. Errors: BAD_USER_INPUT. */
export function checkInstant(value: Date, field: string, now: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw CashbackError.badInput(`${field} must be a time`, field);
  if (value.getTime() > now.getTime() + futureSkewMs) throw CashbackError.badInput(`${field} may not be in the future`, field);
  return value;
}
