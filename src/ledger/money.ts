import { limits } from '../platform/limits.js';
import { LedgerError } from './ledger.errors.js';

/** The largest amount or total a PostgreSQL bigint holds. */
export const int64Max = 2n ** 63n - 1n;

const currencies = new Set(Intl.supportedValuesOf('currency'));

/**
 * Parses a client amount: a decimal string of minor units, greater than zero, below 2^63.
 * Never goes through a JS number, so every amount round-trips exactly.
 */
export function parseAmount(value: string, field: string): bigint {
  const text = value.trim();
  if (!/^-?\d+$/.test(text) || text.replace('-', '').length > limits.amountDigitsMax + 20) {
    throw LedgerError.invalidAmount(value, field);
  }
  const amount = BigInt(text);
  if (amount <= 0n) throw LedgerError.amountNotPositive(text, field);
  if (amount > int64Max) throw LedgerError.amountOutOfRange(field);
  return amount;
}

/** Parses and checks an ISO 4217 currency code (upper case, three letters, known to ICU). */
export function parseCurrency(value: string, field: string): string {
  if (!/^[A-Z]{3}$/.test(value) || !currencies.has(value)) throw LedgerError.invalidCurrency(value, field);
  return value;
}
