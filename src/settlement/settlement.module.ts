import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import type { SettlementModule } from './index.js';
import { MerchantLinkEntity } from './merchant-link.entity.js';
import { MerchantLinkResolver, MerchantProcessorLinksResolver } from './merchant-link.resolver.js';
import { MerchantLinkService } from './merchant-link.service.js';
import { ProcessorDeadLetterEntity, ProcessorEventEntity } from './processor-event.entity.js';
import { ProcessorEntity } from './processor.entity.js';
import { ProcessorEventQueries } from './processor-event.queries.js';
import { ProcessorEventResolver } from './processor-event.resolver.js';
import { ProcessorResolver, settlementNodes } from './processor.resolver.js';
import { SecretBox } from './processor-secrets.js';
import { ProcessorService } from './processor.service.js';
import { settlementConfig } from './settlement.config.js';
import { settlementErrorCodes } from './settlement.errors.js';
import { settlementIdPrefixes } from './settlement.ids.js';
import { createSettlementLoaders, type SettlementLoaders } from './settlement.loaders.js';
import { WebhookIntake } from './webhook-intake.js';
import { mountWebhooks } from './webhook.routes.js';

declare module '../platform/module.js' {
  interface Services {
    /** Payment processors, their webhooks, and merchants' settlement. */
    settlement: SettlementModule;
  }
  interface Loaders extends SettlementLoaders {}
}

/** Settlement (Restaurant Ledger): processors that report charges, refunds and payouts through signed webhooks. */
export const settlementModule = defineModule({
  name: 'settlement',
  dependsOn: ['ledger', 'merchants'],
  entities: [ProcessorEntity, ProcessorEventEntity, ProcessorDeadLetterEntity, MerchantLinkEntity],
  resolvers: [ProcessorResolver, ProcessorEventResolver, MerchantLinkResolver, MerchantProcessorLinksResolver],
  idPrefixes: settlementIdPrefixes,
  nodes: settlementNodes,
  errorCodes: settlementErrorCodes,
  access: {
    Query: { processors: access.staff, processorEvents: access.staff, processorDeadLetters: access.staff },
    Mutation: { registerProcessor: access.staff, rotateProcessorSecret: access.staff, linkMerchantToProcessor: access.staff },
  },
  config: settlementConfig,
  describes: { query: 'settlement (processors and what they delivered)', mutation: 'settlement (processors and their signing secrets)' },
  loaders: (em, services) => createSettlementLoaders(em, services.settlement.links),
  routes: (router, services) => mountWebhooks(router, () => services.settlement.intake),
  async start({ orm, config }, { ledger }) {
    const processors = new ProcessorService(orm, new SecretBox(config.settlementSecretsKey));
    return { settlement: { processors, links: new MerchantLinkService(orm), events: new ProcessorEventQueries(), intake: new WebhookIntake(orm, processors, ledger) } };
  },
});
