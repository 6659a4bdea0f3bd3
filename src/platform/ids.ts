// Kept apart from platform/graphql/global-id.ts, the GraphQL side that decodes ids: modules' error
// factories name accounts and entries by these ids too, as clients know them.

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

