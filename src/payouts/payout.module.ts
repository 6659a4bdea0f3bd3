import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import type { PayoutModule } from './index.js';
import { PayoutRunEntity } from './payout-run.entity.js';
import { PayoutRunService } from './payout-run.service.js';
import { payoutConfig } from './payout.config.js';
import { payoutIdPrefixes } from './payout.ids.js';
import { createPayoutLoaders, type PayoutLoaders } from './payout.loaders.js';
import { PayoutQueries } from './payout.queries.js';
import { PayoutFieldResolver, payoutNodes, PayoutResolver, PayoutUpdateResolver, WalletTransactionPayoutResolver } from './payout.resolver.js';
import { PayoutService } from './payout.service.js';

declare module '../platform/module.js' {
  interface Services {
    /** Payouts and payout runs. */
    payouts: PayoutModule;
  }
  interface Loaders extends PayoutLoaders {}
}

/** Payouts from a wallet's available balance, one by one or in runs over every wallet above a threshold. */
export const payoutsModule = defineModule({
  name: 'payouts',
  dependsOn: ['wallets'],
  entities: [PayoutRunEntity],
  resolvers: [PayoutResolver, PayoutFieldResolver, PayoutUpdateResolver, WalletTransactionPayoutResolver],
  idPrefixes: payoutIdPrefixes,
  nodes: payoutNodes,
  // Payouts answer with the wallets module's codes (PAYOUT_BELOW_MINIMUM, PAYOUT_NOT_CANCELLABLE, …).
  errorCodes: [],
  access: {
    Query: { payout: access.ownOrStaff, payouts: access.ownOrStaff, payoutRun: access.staff, payoutRuns: access.staff },
    Mutation: { requestPayout: access.selfService, cancelPayout: access.ownOrStaff, startPayoutRun: access.staff },
    Subscription: { payoutUpdated: access.ownOrStaff, payoutRunProgress: access.staff },
  },
  config: payoutConfig,
  events: {
    PAYOUT_RUN_PROGRESS: { subject: 'folio.payouts.run.progress', version: 1, description: 'A payout run’s progress: `runId`, `state`, `walletsScanned`, `payoutsCreated`, `walletsSkipped`, `totalAmount` (minor units), `error`, `finishedAt`.' },
  },
  describes: { query: 'payouts and payout runs', mutation: 'payouts and payout runs', subscription: 'payouts and payout runs' },
  loaders: (_em, services) => createPayoutLoaders(services.payouts.queries),
  async start({ orm, config }, { work, wallets }) {
    const service = new PayoutService(orm, wallets.service, wallets.disbursements, { minimum: config.payoutMinimum, cancelWindowSeconds: config.payoutCancelWindowSeconds });
    return {
      payouts: { service, queries: new PayoutQueries(orm), runs: new PayoutRunService(orm, work, service, { minimum: config.payoutMinimum }) },
    };
  },
  // Runs cut off by a restart resume where they stopped.
  workers: ({ payouts }) => [{ name: 'payout-runs', start: () => void payouts.runs.resume(), stop: () => payouts.runs.stop() }],
});
