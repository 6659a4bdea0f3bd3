import { CashbackError } from './cashback.errors.js';

/** The module's clock: the auto-confirm worker and recording read it, so tests can move it forward instead of waiting days. */
export interface Clock { now(): Date }

export const systemClock = (): Clock => ({ now: () => new Date() });

/** How far in the future a purchase's `occurredAt` may be (the merchant's clock may run ahead). */
const futureSkewMs = 5 * 60_000;

/** A purchase's time: a valid instant, not in the future beyond clock skew. Errors: BAD_USER_INPUT. */
export function checkInstant(value: Date, field: string, now: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw CashbackError.badInput(`${field} must be a time`, field);
  if (value.getTime() > now.getTime() + futureSkewMs) throw CashbackError.badInput(`${field} may not be in the future`, field);
  return value;
}
