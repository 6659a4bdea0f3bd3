// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The cashback module's public surface.
import type { CashbackQueries } from './cashback.queries.js';
import type { Clock } from './clock.js';
import type { ConfirmWorker } from './confirm-worker.js';
import type { OfferService } from './offer.service.js';
import type { PurchaseChangeService } from './purchase-changes.service.js';
import type { PurchaseService } from './purchase.service.js';

/** The cashback module's long-lived services, as resolvers reach them (`context.cashback`). */
export interface CashbackModule {
  offers: OfferService;
  purchases: PurchaseService;
  changes: PurchaseChangeService;
  queries: CashbackQueries;
  /** What "now" is for recording and the return window; tests move it forward. */
  clock: Clock;
  /** Confirms purchases whose return window has passed. */
  worker: ConfirmWorker;
}

export * from './cashback-math.js';
export { CappedBy, NoCashbackReason, OfferKind, OfferStatus, PurchaseStatus } from './cashback.enums.js';
export { cashbackErrorCodes, CashbackError } from './cashback.errors.js';
export { cashbackModule } from './cashback.module.js';
