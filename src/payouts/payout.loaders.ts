import DataLoader from 'dataloader';
import { rowsById } from '../platform/graphql/loader-rows.js';
import type { PayoutRunRow } from './payout-run.entity.js';
import type { PayoutQueries } from './payout.queries.js';

/**
 * The payouts module's DataLoaders, fresh per request like the ledger's and the wallets': a page
 * of payouts asking for `run` costs one query for all their runs, not one per payout.
 */
export function createPayoutLoaders(queries: PayoutQueries) {
  return {
    payoutRun: new DataLoader<string, PayoutRunRow | undefined>(async (ids) => rowsById(ids, await queries.payoutRunsByIds(ids))),
  };
}

export type PayoutLoaders = ReturnType<typeof createPayoutLoaders>;
