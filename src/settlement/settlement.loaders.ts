import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupsInKeyOrder } from '../platform/graphql/loader-rows.js';
import type { MerchantLinkRow } from './merchant-link.entity.js';
import type { MerchantLinkService } from './merchant-link.service.js';

/** The settlement module's DataLoaders, fresh per request. */
export function createSettlementLoaders(em: EntityManager, links: MerchantLinkService) {
  return {
    /** Each merchant's ids at processors. */
    merchantProcessorLinks: new DataLoader<string, MerchantLinkRow[]>(async (ids) => groupsInKeyOrder(ids, await links.ofMerchants(em, ids), (row) => String(row.merchantId))),
  };
}

export type SettlementLoaders = ReturnType<typeof createSettlementLoaders>;
