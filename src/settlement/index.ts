// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The settlement module's public surface.
import type { MerchantLinkService } from './merchant-link.service.js';
import type { ProcessorEventQueries } from './processor-event.queries.js';
import type { ProcessorService } from './processor.service.js';
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
}

export { ProcessorService } from './processor.service.js';
export { Processor } from './processor.type.js';
export { settlementModule } from './settlement.module.js';
