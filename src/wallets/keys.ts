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

/** Text inputs are checked by platform's one text check; re-exported for the wallets index. */
