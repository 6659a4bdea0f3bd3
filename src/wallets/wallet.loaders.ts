import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IdentityQueries, UserRow } from '../identity/index.js';
import type { DisbursementRow } from './disbursement.service.js';
import type { StatusChangeRow, WalletQueries } from './wallet.queries.js';
import type { WalletRow, WalletTransactionRow } from './wallet.service.js';

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | undefined)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id));
}

/** The wallets module's DataLoaders, fresh per request like the ledger's. */
export function createWalletLoaders(em: EntityManager, queries: WalletQueries, users: IdentityQueries) {
  return {
    wallet: new DataLoader<string, WalletRow | undefined>(async (ids) => byId(ids, await queries.walletsByIds(em, ids))),
    walletByAccount: new DataLoader<string, WalletRow | undefined>(async (accountIds) => {
      const rows = new Map((await queries.walletsByAccountIds(em, accountIds)).map((row) => [row.accountId, row]));
      return accountIds.map((id) => rows.get(id));
    }),
    walletLine: new DataLoader<string, WalletTransactionRow | undefined>(async (ids) => byId(ids, await queries.linesByIds(em, ids))),
    disbursement: new DataLoader<string, DisbursementRow | undefined>(async (ids) => byId(ids, await queries.disbursementsByIds(em, ids))),
    statusChanges: new DataLoader<string, StatusChangeRow[]>(async (ids) => {
      const rows = await queries.statusChangesOf(em, ids);
      return ids.map((id) => rows.filter((row) => row.disbursementId === id));
    }),
    user: new DataLoader<string, UserRow | undefined>(async (ids) => byId(ids, await users.usersByIds(ids))),
  };
}

export type WalletLoaders = ReturnType<typeof createWalletLoaders>;
