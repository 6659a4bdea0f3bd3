import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupsInKeyOrder, rowsById, rowsInKeyOrder } from '../platform/graphql/loader-rows.js';
import type { MerchantLinkRow } from './merchant-link.entity.js';
import type { MerchantLinkService } from './merchant-link.service.js';
import type { SettlementPayoutRow, SettlementTermsRow } from './settlement-ledger.entity.js';
import type { SettlementPlace, SettlementQueries } from './settlement.queries.js';

/** The settlement module's DataLoaders, fresh per request. */
export function createSettlementLoaders(em: EntityManager, links: MerchantLinkService, queries: SettlementQueries) {
  return {
    /** Each merchant's ids at processors. */
    merchantProcessorLinks: new DataLoader<string, MerchantLinkRow[]>(async (ids) => groupsInKeyOrder(ids, await links.ofMerchants(em, ids), (row) => String(row.merchantId))),
    /** The processors and currencies each merchant has settlement at. */
    settlementPlaces: new DataLoader<string, SettlementPlace[]>(async (ids) => groupsInKeyOrder(ids, await queries.places(em, ids), (place) => place.merchantId)),
    /** Each merchant's own settlement terms (null: the defaults). */
    settlementTerms: new DataLoader<string, SettlementTermsRow | undefined>(async (ids) => rowsInKeyOrder(ids, await queries.terms(em, ids), (row) => String(row.merchantId))),
    settlementPayout: new DataLoader<string, SettlementPayoutRow | undefined>(async (ids) => rowsById(ids, await queries.payoutsByIds(em, ids))),
  };
}

export type SettlementLoaders = ReturnType<typeof createSettlementLoaders>;
