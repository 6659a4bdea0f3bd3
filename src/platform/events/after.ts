import { InputError } from '../errors.js';

const sequenceMax = 2n ** 63n - 1n;

/**
 * A subscription's `after`: the outbox sequence number to resume after, one parse for every
 * module's subscriptions. BAD_USER_INPUT for anything but a number PostgreSQL's bigint can hold,
 * so no caller can turn an out-of-range cursor into a database error.
 */
export function parseAfter(after: string | undefined | null): bigint | undefined {
  if (after === undefined || after === null) return undefined;
  if (!/^\d{1,19}$/.test(after) || BigInt(after) > sequenceMax) throw InputError.badInput('after must be an event sequence number', 'after');
  return BigInt(after);
}
