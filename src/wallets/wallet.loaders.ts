import DataLoader from 'dataloader';
import { groupsInKeyOrder, rowsById, rowsInKeyOrder } from '../platform/graphql/loader-rows.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IdentityQueries, UserRow } from '../identity/index.js';
import type { DisbursementRow } from './disbursement.service.js';
import type { StatusChangeRow, WalletQueries } from './wallet.queries.js';
import type { WalletRow, WalletTransactionRow } from './wallet.service.js';

/** The wallets module's DataLoaders, fresh per request like the ledger's. */
export function createWalletLoaders(em: EntityManager, queries: WalletQueries, users: IdentityQueries) {
  return {
    wallet: new DataLoader<string, WalletRow | undefined>(async (ids) => rowsById(ids, await queries.walletsByIds(em, ids))),
    walletByAccount: new DataLoader<string, WalletRow | undefined>(async (accountIds) => rowsInKeyOrder(accountIds, await queries.walletsByAccountIds(em, accountIds), (row) => row.accountId)),
    walletLine: new DataLoader<string, WalletTransactionRow | undefined>(async (ids) => rowsById(ids, await queries.linesByIds(em, ids))),
    disbursement: new DataLoader<string, DisbursementRow | undefined>(async (ids) => rowsById(ids, await queries.disbursementsByIds(em, ids))),
    statusChanges: new DataLoader<string, StatusChangeRow[]>(async (ids) => groupsInKeyOrder(ids, await queries.statusChangesOf(em, ids), (row) => row.disbursementId)),
    user: new DataLoader<string, UserRow | undefined>(async (ids) => rowsById(ids, await users.usersByIds(ids))),
  };
}

export type WalletLoaders = ReturnType<typeof createWalletLoaders>;
