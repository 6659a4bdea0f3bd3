// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The payouts module's public surface: other modules (and the wiring in app.ts) import it through this file only.
import type { PayoutRunService } from './payout-run.service.js';
import type { PayoutQueries } from './payout.queries.js';
import type { PayoutService } from './payout.service.js';

/** The payouts module's long-lived services, as resolvers reach them (`context.payouts`). */
export interface PayoutModule {
  service: PayoutService;
  runs: PayoutRunService;
  queries: PayoutQueries;
}

export { PayoutService, runKeyPrefix, type PayoutOptions, type PayoutRequest, type PayoutResult, type RunPayoutCommand } from './payout.service.js';
export { PayoutRunService, payoutRunProgressType, type PayoutRunOptions, type PayoutRunProgressPayload, type StartPayoutRunCommand } from './payout-run.service.js';
export { PayoutQueries, availableBalanceOf, payableWallets, type PayableCriteria, type PayableWallet } from './payout.queries.js';
export { PayoutRunEntity, PayoutRunState, type PayoutRunRow } from './payout-run.entity.js';
export { payoutsModule } from './payout.module.js';
