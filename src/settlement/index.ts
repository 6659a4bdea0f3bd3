// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The settlement module's public surface.
import type { Clock } from '../platform/clock.js';
import type { EventApplier } from './event-applier.js';
import type { Maturity, EventSweeper, MaturityWorker } from './maturity.js';
import type { MerchantLinkService } from './merchant-link.service.js';
import type { ProcessorEventQueries } from './processor-event.queries.js';
import type { ProcessorService } from './processor.service.js';
import type { SettlementRuns } from './settlement-runs.js';
import type { SettlementTerms } from './settlement-terms.js';
import type { SettlementQueries } from './settlement.queries.js';
import type { WebhookIntake } from './webhook-intake.js';

/** The settlement module's long-lived services, as resolvers reach them (`context.settlement`). */
export interface SettlementModule {
  processors: ProcessorService;
  /** Merchants' ids at processors. */
  links: MerchantLinkService;
  /** What processors delivered, as stored. */
  events: ProcessorEventQueries;
  /** Processors' webhook deliveries (POST /webhooks/<slug>). */
  intake: WebhookIntake;
  /** Applies stored events by their type's handler. */
  applier: EventApplier;
  /** The module's clock: maturity reads it (tests move it instead of waiting days). */
  clock: Clock;
  maturity: Maturity;
  maturityWorker: MaturityWorker;
  sweeper: EventSweeper;
  terms: SettlementTerms;
  runs: SettlementRuns;
  queries: SettlementQueries;
}

export { ProcessorService } from './processor.service.js';
export { Processor } from './processor.type.js';
export { settlementModule } from './settlement.module.js';
