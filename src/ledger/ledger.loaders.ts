import DataLoader from 'dataloader';
import { groupsInKeyOrder, rowsById, rowsInKeyOrder } from '../platform/graphql/loader-rows.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Balance } from './posting-rules.js';
import type { AccountRow, EntryRow, LedgerQueries, PostingRow } from './ledger.queries.js';

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

/**
 * The ledger's DataLoaders, made fresh for each request (or each subscription event) so that a
 * nested query costs one SQL statement per level, whatever the number of rows.
 */
export function createLedgerLoaders(em: EntityManager, queries: LedgerQueries) {
  const account = new DataLoader<string, AccountRow | undefined>(async (ids) => rowsById(ids, await queries.accountsByIds(em, ids)));
  const entry = new DataLoader<string, EntryRow | undefined>(async (ids) => rowsById(ids, await queries.entriesByIds(em, ids)));
  const postings = new DataLoader<string, PostingRow[]>(async (entryIds) => groupsInKeyOrder(entryIds, await queries.postingsByEntryIds(em, entryIds), (row) => row.entryId));
  const reversal = new DataLoader<string, EntryRow | undefined>(async (entryIds) => rowsInKeyOrder(entryIds, await queries.reversalsOf(em, entryIds), (row) => row.reversesEntryId!));
  /** Keyed by "accountId:count"; one query per distinct count. */
  const recentEntryIds = new DataLoader<string, string[]>(async (keys) => {
    const byCount = groupBy([...keys], (key) => key.split(':')[1]);
    const found = new Map<string, string[]>();
    for (const [count, group] of byCount) {
      const result = await queries.recentEntryIds(em, group.map((key) => key.split(':')[0]), Number(count));
      for (const [accountId, ids] of result) found.set(`${accountId}:${count}`, ids);
    }
    return keys.map((key) => found.get(key) ?? []);
  });
  /** Keyed by account row and instant; one query per distinct instant. */
  const balanceAsOf = new DataLoader<{ account: AccountRow; at: Date }, Balance, string>(async (keys) => {
    const byInstant = groupBy([...keys], (key) => key.at.toISOString());
    const found = new Map<string, Balance>();
    for (const [iso, group] of byInstant) {
      const result = await queries.balancesAsOf(em, group.map((key) => key.account), new Date(iso));
      for (const [accountId, balance] of result) found.set(`${accountId}@${iso}`, balance);
    }
    return keys.map((key) => found.get(`${key.account.id}@${key.at.toISOString()}`)!);
  }, { cacheKeyFn: (key) => `${key.account.id}@${key.at.toISOString()}` });
  /** The users who own an account an entry posts to: who, besides staff, may see the entry. */
  const entryOwners = new DataLoader<string, string[]>(async (entryIds) => {
    const owners = await queries.ownersOfEntries(em, entryIds);
    return entryIds.map((id) => owners.get(id) ?? []);
  });
  return { account, entry, postings, reversal, recentEntryIds, balanceAsOf, entryOwners };
}

export type LedgerLoaders = ReturnType<typeof createLedgerLoaders>;
