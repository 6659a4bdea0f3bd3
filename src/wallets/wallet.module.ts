import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import { SimulatedProcessor } from '../platform/payments/simulated-processor.js';
import { DisbursementEntity, DisbursementStatusChangeEntity } from './disbursement.entity.js';
import { DisbursementService } from './disbursement.service.js';
import { DisbursementWorker } from './disbursement-worker.js';
import type { WalletModule } from './index.js';
import { openSystemAccounts } from './system-accounts.js';
import { walletConfig } from './wallet.config.js';
import { WalletEntity, WalletTransactionEntity } from './wallet.entity.js';
import { walletErrorCodes } from './wallet.errors.js';
import { walletIdPrefixes } from './wallet.ids.js';
import { createWalletLoaders, type WalletLoaders } from './wallet.loaders.js';
import { WalletQueries } from './wallet.queries.js';
import { WalletFieldResolver, WalletResolver, walletNodes, WalletTransactionFieldResolver } from './wallet.resolver.js';
import { WalletService } from './wallet.service.js';
import { WalletBalanceChangeResolver, WalletSubscriptionResolver, WithdrawalUpdateResolver } from './wallet.subscription.js';
import { WithdrawalFieldResolver, WithdrawalResolver, withdrawalNodes } from './withdrawal.resolver.js';
import { WithdrawalService } from './withdrawal.service.js';
import { sql } from 'kysely';
import { perCurrency } from '../platform/business-gauges.js';

declare module '../platform/module.js' {
  interface Services {
    /** Wallets, deposits, transfers and withdrawals. */
    wallets: WalletModule;
  }
  interface Loaders extends WalletLoaders {}
}

/** A wallet per user and currency: deposits, transfers, withdrawals through the payment processor. */
export const walletsModule = defineModule({
  name: 'wallets',
  dependsOn: ['ledger', 'identity'],
  entities: [WalletEntity, WalletTransactionEntity, DisbursementEntity, DisbursementStatusChangeEntity],
  resolvers: [
    WalletResolver, WalletFieldResolver, WalletTransactionFieldResolver, WithdrawalResolver, WithdrawalFieldResolver,
    WalletSubscriptionResolver, WalletBalanceChangeResolver, WithdrawalUpdateResolver,
  ],
  idPrefixes: walletIdPrefixes,
  nodes: { ...walletNodes, ...withdrawalNodes },
  errorCodes: walletErrorCodes,
  access: {
    Query: { wallets: access.ownOrStaff, wallet: access.ownOrStaff, withdrawal: access.ownOrStaff, withdrawals: access.ownOrStaff },
    Mutation: {
      openWallet: access.selfService, deposit: access.ownOrStaff, transfer: access.selfService,
      requestWithdrawal: access.selfService, retryWithdrawal: access.ownOrStaff,
    },
    Subscription: { walletBalanceChanged: access.ownOrStaff, withdrawalUpdated: access.ownOrStaff },
  },
  config: walletConfig,
  gauges: [
    perCurrency('folio_wallet_pending_withdrawals', 'Withdrawals not yet paid or failed (OPEN or PROCESSING), by currency',
      (db) => sql<{ currency: string; value: string }>`select currency, count(*)::text as value from disbursement
        where kind = 'WITHDRAWAL' and state in ('OPEN', 'PROCESSING') group by currency`.execute(db)),
    perCurrency('folio_wallet_pending_withdrawals_amount', 'Minor units of pending withdrawals, by currency',
      (db) => sql<{ currency: string; value: string }>`select currency, sum(amount)::text as value from disbursement
        where kind = 'WITHDRAWAL' and state in ('OPEN', 'PROCESSING') group by currency`.execute(db)),
  ],
  events: {
    DISBURSEMENT_UPDATED: { subject: 'folio.wallets.disbursement.updated', version: 1, description: 'A withdrawal or payout changed state: `disbursementId`, `kind` (WITHDRAWAL or PAYOUT), `userId`, `state` as stored (OPEN, PROCESSING, SUCCEEDED, FAILED, CANCELLED), `attempt`.' },
  },
  describes: {
    query: 'wallets (balances, history, withdrawals)',
    mutation: 'wallets (deposits, transfers, withdrawals)',
    subscription: 'wallet balances and withdrawals',
  },
  loaders: (em, services) => createWalletLoaders(em, services.wallets.queries, services.identity.queries),
  async start({ orm, config, metrics }, { ledger, identity }) {
    await openSystemAccounts(orm, ledger, config.walletCurrencies);
    const service = new WalletService(orm, ledger, identity.queries, { currencies: config.walletCurrencies, selfDeposits: config.selfDeposits });
    // The worker is made after the service that pokes it: a new withdrawal wakes it at once.
    let worker: DisbursementWorker | undefined;
    const disbursements = new DisbursementService(orm, ledger, service, () => worker?.poke());
    const processor = new SimulatedProcessor(orm.em.fork().getKysely(), { mode: config.paymentProcessorMode, delayMs: config.paymentProcessorDelayMs });
    worker = new DisbursementWorker(disbursements, processor, metrics.registry);
    const withdrawals = new WithdrawalService(service, disbursements, config.withdrawalFeeBps);
    return { wallets: { service, disbursements, withdrawals, worker, queries: new WalletQueries() } };
  },
  workers: (services) => [services.wallets.worker],
});
