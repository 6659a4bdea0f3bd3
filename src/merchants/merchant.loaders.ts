import DataLoader from 'dataloader';
import { groupsInKeyOrder, rowsById } from '../platform/graphql/loader-rows.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MerchantRow } from './merchant.entity.js';
import type { MerchantQueries } from './merchant.queries.js';

/** The merchants module's DataLoaders, fresh per request. */
export function createMerchantLoaders(em: EntityManager, queries: MerchantQueries) {
  return {
    merchant: new DataLoader<string, MerchantRow | undefined>(async (ids) => rowsById(ids, await queries.byIds(em, ids))),
    merchantUserIds: new DataLoader<string, string[]>(async (ids) =>
      groupsInKeyOrder(ids, await queries.userIdsOf(em, ids), (row) => row.merchantId).map((rows) => rows.map((row) => row.userId))),
  };
}

export type MerchantLoaders = ReturnType<typeof createMerchantLoaders>;
