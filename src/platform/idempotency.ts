import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object).sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** A stable hash of a request's input, stored with its idempotency key: key order and bigint-vs-string do not change it. */
export function requestHash(kind: string, input: unknown): string {
  return createHash('sha256').update(JSON.stringify([kind, canonical(input)])).digest('hex');
}

/**
 * Folio's one rule for a replayed key, for every module that keeps requests by key (the ledger's
 * claims, a withdrawal, a payout, a payout run): what an earlier request with the key made is
 * returned when that request had the same input hash, and the key is refused with the module's
 * IDEMPOTENCY_KEY_REUSED when it did not. Undefined when no earlier request used the key.
 */
export function replayOf<Row extends { requestHash: string }>(earlier: Row | null | undefined, hash: string, reused: () => Error): Row | undefined {
  if (!earlier) return undefined;
  if (earlier.requestHash.trim() !== hash) throw reused();
  return earlier;
}
