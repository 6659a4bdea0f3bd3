import { LedgerError } from '../../ledger/ledger.errors.js';

/**
 * Global ids: a short type prefix and the row id (`acc_42`, `ent_1001`). Stable, unique across
 * types, readable in GraphiQL, and enough for Apollo Client and urql to normalise their caches.
 */
export const idPrefixes = {
  Account: 'acc', JournalEntry: 'ent', Posting: 'pst', User: 'usr', ApiKey: 'key',
  Wallet: 'wal', WalletTransaction: 'wtx', Withdrawal: 'wd', Payout: 'po', PayoutRun: 'prun',
} as const;
export type IdType = keyof typeof idPrefixes;

export function toGlobalId(type: IdType, id: string | bigint): string {
  return `${idPrefixes[type]}_${id}`;
}

/** Decodes a global id of the given type; throws BAD_USER_INPUT for anything else. */
export function fromGlobalId(type: IdType, globalId: string, field = 'id'): string {
  const prefix = `${idPrefixes[type]}_`;
  const raw = globalId.startsWith(prefix) ? globalId.slice(prefix.length) : '';
  if (!/^[1-9]\d{0,18}$/.test(raw) || BigInt(raw) > 2n ** 63n - 1n) {
    throw LedgerError.badInput(`"${globalId.slice(0, 40)}" is not a ${type} id (expected ${prefix}<number>)`, field);
  }
  return raw;
}

/** The type a global id names, or undefined. */
export function typeOfGlobalId(globalId: string): IdType | undefined {
  const prefix = globalId.split('_')[0];
  return (Object.keys(idPrefixes) as IdType[]).find((type) => idPrefixes[type] === prefix);
}
