import DataLoader from 'dataloader';
import type { PayoutRunRow } from './payout-run.entity.js';
import type { PayoutQueries } from './payout.queries.js';

/**
 * The payouts module's DataLoaders, fresh per request like the ledger's and the wallets': a page
 * of payouts asking for `run` costs one query for all their runs, not one per payout.
 */
export function createPayoutLoaders(queries: PayoutQueries) {
  return {
    payoutRun: new DataLoader<string, PayoutRunRow | undefined>(async (ids) => {
      const found = new Map((await queries.payoutRunsByIds(ids)).map((row) => [row.id, row]));
      return ids.map((id) => found.get(id));
    }),
  };
}

export type PayoutLoaders = ReturnType<typeof createPayoutLoaders>;
