import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import { systemClock } from './clock.js';
import { cashbackConfig } from './cashback.config.js';
import { OfferEntity, OfferUserCashbackEntity, PurchaseChangeEntity, PurchaseEntity } from './cashback.entity.js';
import { cashbackErrorCodes } from './cashback.errors.js';
import { cashbackIdPrefixes } from './cashback.ids.js';
import { createCashbackLoaders, type CashbackLoaders } from './cashback.loaders.js';
import { CashbackQueries } from './cashback.queries.js';
import { CashbackChangeResolver, CashbackSubscriptionResolver, PurchaseRecordedResolver } from './cashback.subscription.js';
import { ConfirmWorker } from './confirm-worker.js';
import type { CashbackModule } from './index.js';
import { MerchantCashbackResolver, OfferFieldResolver, OfferResolver, WalletCashbackResolver } from './offer.resolver.js';
import { OfferService } from './offer.service.js';
import { PurchaseChangeService } from './purchase-changes.service.js';
import { cashbackNodes, PurchaseFieldResolver, PurchaseResolver } from './purchase.resolver.js';
import { PurchaseService } from './purchase.service.js';

declare module '../platform/module.js' {
  interface Services {
    /** Offers, purchases and their cashback. */
    cashback: CashbackModule;
  }
  interface Loaders extends CashbackLoaders {}
}

/** Cashback (ClickNBack): offers, purchases ingested by external id, pending → confirmed → reversed cashback. */
export const cashbackModule = defineModule({
  name: 'cashback',
  dependsOn: ['ledger', 'identity', 'wallets', 'merchants'],
  entities: [OfferEntity, OfferUserCashbackEntity, PurchaseEntity, PurchaseChangeEntity],
  resolvers: [
    OfferResolver, OfferFieldResolver, MerchantCashbackResolver, WalletCashbackResolver, PurchaseResolver, PurchaseFieldResolver,
    CashbackSubscriptionResolver, CashbackChangeResolver, PurchaseRecordedResolver,
  ],
  idPrefixes: cashbackIdPrefixes,
  nodes: cashbackNodes,
  errorCodes: cashbackErrorCodes,
  access: {
    // Offers show the merchant's budget used and left: its users' and staff's business. A customer
    // sees the cashback its purchases earned (purchase, purchases, cashbackSummary), not the offers.
    Query: { offer: access.merchantOrStaff, offers: access.merchantOrStaff, purchase: access.ownOrStaff, purchases: access.ownOrStaff, cashbackSummary: access.ownOrStaff },
    Mutation: {
      createOffer: access.merchantOrStaff, setOfferStatus: access.merchantOrStaff, recordPurchase: access.merchantOrStaff,
      confirmPurchase: access.merchantOrStaff, reversePurchase: access.merchantOrStaff, refundPurchase: access.merchantOrStaff,
    },
    Subscription: { cashbackChanged: access.ownOrStaff, purchaseRecorded: access.merchantOrStaff },
  },
  config: cashbackConfig,
  events: {
    CASHBACK_PURCHASE_RECORDED: { subject: 'folio.cashback.purchase.recorded', version: 1, description: 'A purchase recorded: `purchaseId`, `merchantId`, `userId`, `currency`, `state`.' },
    CASHBACK_CHANGED: { subject: 'folio.cashback.purchase.changed', version: 1, description: 'A purchase’s cashback changed state (recorded, confirmed, refunded, reversed): `purchaseId`, `merchantId`, `userId`, `currency`, `state`.' },
  },
  describes: { query: 'cashback (offers, purchases, summaries)', mutation: 'cashback (offers, purchases, refunds, reversals)', subscription: 'cashback changes and recorded purchases' },
  loaders: (em, services) => createCashbackLoaders(em, services.cashback.queries, services.merchants.queries),
  async start({ orm, config }, { ledger, identity, wallets, merchants }) {
    const clock = systemClock();
    const changes = new PurchaseChangeService(orm, ledger, merchants, wallets.service, clock);
    return {
      cashback: {
        clock, changes, queries: new CashbackQueries(),
        offers: new OfferService(orm, merchants, wallets.service, clock),
        purchases: new PurchaseService(orm, ledger, merchants, wallets.service, identity.queries, clock, () => config.cashbackConfirmationDays),
        worker: new ConfirmWorker(changes),
      },
    };
  },
  workers: (services) => [services.cashback.worker],
});
