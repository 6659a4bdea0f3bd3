// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The billing module's public surface.
import type { Clock } from '../platform/clock.js';
import type { BillingQueries } from './billing.queries.js';
import type { InvoiceService } from './invoice.service.js';
import type { PayerService } from './payer.service.js';
import type { ResilientCache } from '../platform/cache/resilient-cache.js';
import type { StatementService } from './statement.service.js';

/** The billing module's long-lived services, as resolvers reach them (`context.billing`). */
export interface BillingModule {
  payers: PayerService;
  invoices: InvoiceService;
  queries: BillingQueries;
  /** Account statements of payers and organisations, cached in Redis when REDIS_URL is set. */
  statements: StatementService;
  /** The statements' Redis cache, behind its circuit breaker. */
  cache: ResilientCache;
  /** The module's clock: what "overdue" is computed against by default. */
  clock: Clock;
}

export { InvoiceStatus, PayerStatus } from './billing.enums.js';
export { billingModule } from './billing.module.js';
