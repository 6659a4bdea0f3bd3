import { createHash } from 'node:crypto';
import { limits } from '../platform/limits.js';
import { WalletError } from './wallet.errors.js';

/** Checks a client's idempotency key: 1 to 200 characters, not blank. */
export function checkClientKey(key: string, field = 'idempotencyKey'): string {
  if (key.trim() === '' || key.length > limits.idempotencyKeyLengthMax) {
    throw WalletError.badInput(`${field} must be 1 to ${limits.idempotencyKeyLengthMax} characters`, field);
  }
  return key;
}

/**
 * The ledger key of a client's request: scoped to the operation and the user, so two users (or one
 * user's deposit and transfer) choosing the same key never collide. A client key that would make it
 * longer than the ledger's limit is replaced by its SHA-256, which keeps it unique.
 */
export function scopedKey(...parts: string[]): string {
  const key = parts.join(':');
  if (key.length <= limits.idempotencyKeyLengthMax) return key;
  const last = parts.at(-1)!;
  return [...parts.slice(0, -1), createHash('sha256').update(last).digest('hex')].join(':');
}

/** Checks an optional free text (a memo, a reference) against its limit. */
export function checkText(value: string | undefined | null, max: number, field: string, required = false): string {
  const text = value ?? '';
  if (required && text.trim() === '') throw WalletError.badInput(`${field} must not be empty`, field);
  if (text.length > max) throw WalletError.badInput(`${field} is longer than ${max} characters`, field);
  return text;
}
