import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MerchantRow } from './merchant.entity.js';
import type { MerchantQueries } from './merchant.queries.js';

/** The merchants module's DataLoaders, fresh per request. */
export function createMerchantLoaders(em: EntityManager, queries: MerchantQueries) {
  return {
    merchant: new DataLoader<string, MerchantRow | undefined>(async (ids) => {
      const rows = new Map((await queries.byIds(em, ids)).map((row) => [row.id, row]));
      return ids.map((id) => rows.get(id));
    }),
    merchantUserIds: new DataLoader<string, string[]>(async (ids) => {
      const rows = await queries.userIdsOf(em, ids);
      return ids.map((id) => rows.filter((row) => row.merchantId === id).map((row) => row.userId));
    }),
  };
}

export type MerchantLoaders = ReturnType<typeof createMerchantLoaders>;
