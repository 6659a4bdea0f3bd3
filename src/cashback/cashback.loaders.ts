import DataLoader from 'dataloader';
import { groupsInKeyOrder, rowsById } from '../platform/graphql/loader-rows.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MerchantQueries } from '../merchants/index.js';
import type { OfferRow, PurchaseChangeRow, PurchaseRow } from './cashback.entity.js';
import type { CashbackQueries } from './cashback.queries.js';
import { availableByCodes, customerDebtCode } from './cashback-ledger.js';

/** The cashback module's DataLoaders, fresh per request and per subscription event. */
export function createCashbackLoaders(em: EntityManager, queries: CashbackQueries, merchants: MerchantQueries) {
  return {
    offer: new DataLoader<string, OfferRow | undefined>(async (ids) => rowsById(ids, await queries.offersByIds(em, ids))),
    purchase: new DataLoader<string, PurchaseRow | undefined>(async (ids) => rowsById(ids, await queries.purchasesByIds(em, ids))),
    purchaseChanges: new DataLoader<string, PurchaseChangeRow[]>(async (ids) => groupsInKeyOrder(ids, await queries.changesOf(em, ids), (row) => String(row.purchaseId))),
    /** What each user owes in each currency from clawbacks its wallet could not cover, by `userId:currency`. */
    owed: new DataLoader<string, bigint>(async (keys) => {
      const codes = keys.map((key) => customerDebtCode(...(key.split(':') as [string, string])));
      const owed = await availableByCodes(em, codes);
      return codes.map((code) => owed.get(code) ?? 0n);
    }),
    /** The merchants a user acts for. */
    merchantsOfUser: new DataLoader<string, string[]>(async (userIds) => Promise.all(userIds.map((id) => merchants.merchantIdsOf(em, id)))),
  };
}

export type CashbackLoaders = ReturnType<typeof createCashbackLoaders>;
