import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import type { SettlementModule } from './index.js';
import { MerchantLinkEntity } from './merchant-link.entity.js';
import { MerchantLinkResolver, MerchantProcessorLinksResolver } from './merchant-link.resolver.js';
import { MerchantLinkService } from './merchant-link.service.js';
import { ProcessorDeadLetterEntity, ProcessorEventEntity } from './processor-event.entity.js';
import { ProcessorEntity } from './processor.entity.js';
import { SettlementChargeEntity, SettlementDisputeEntity, SettlementItemEntity, SettlementRefundEntity, SettlementPayoutEntity, SettlementRunEntity, SettlementTermsEntity } from './settlement-ledger.entity.js';
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
import { systemClock } from '../platform/clock.js';
import { EventApplier } from './event-applier.js';
import { EventSweeper, Maturity, MaturityWorker } from './maturity.js';
import { MerchantSettlementResolver, SettlementPayoutResolver, settlementPayoutNodes } from './settlement-payout.resolver.js';
import { SettlementRuns } from './settlement-runs.js';
import { SettlementTerms } from './settlement-terms.js';
import { SettlementQueries } from './settlement.queries.js';
import { mountWebhooks } from './webhook.routes.js';
import { sql } from 'kysely';
import { perCurrency } from '../platform/business-gauges.js';

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
  entities: [
    ProcessorEntity, ProcessorEventEntity, ProcessorDeadLetterEntity, MerchantLinkEntity,
    SettlementChargeEntity, SettlementRefundEntity, SettlementDisputeEntity, SettlementRunEntity, SettlementPayoutEntity, SettlementItemEntity, SettlementTermsEntity,
  ],
  resolvers: [ProcessorResolver, ProcessorEventResolver, MerchantLinkResolver, MerchantProcessorLinksResolver, SettlementPayoutResolver, MerchantSettlementResolver],
  idPrefixes: settlementIdPrefixes,
  nodes: { ...settlementNodes, ...settlementPayoutNodes },
  errorCodes: settlementErrorCodes,
  access: {
    Query: { processors: access.staff, processorEvents: access.staff, processorDeadLetters: access.staff, settlementPayouts: access.merchantOrStaff },
    Mutation: {
      registerProcessor: access.staff, rotateProcessorSecret: access.staff, linkMerchantToProcessor: access.staff,
      runSettlementPayouts: access.staff, setSettlementTerms: access.staff,
    },
  },
  config: settlementConfig,
  gauges: [
    // The merchants' immature accounts (settlement-accounts.ts), a liability: what is owed once charges mature.
    perCurrency('folio_settlement_immature_funds', 'Minor units of merchants’ settlement not yet matured (their immature accounts’ balances), by currency',
      (db) => sql<{ currency: string; value: string }>`select currency, sum(posted_credits - posted_debits)::text as value from ledger_account
        where code like 'merchant:%:settlement:%:immature:%' group by currency`.execute(db)),
  ],
  describes: { query: 'settlement (processors, what they delivered, payouts)', mutation: 'settlement (processors, merchant links, terms, payout runs)' },
  loaders: (em, services) => createSettlementLoaders(em, services.settlement.links, services.settlement.queries),
  routes: (router, services) => mountWebhooks(router, () => services.settlement.intake),
  async start({ orm, config }, { ledger }) {
    const clock = systemClock();
    const processors = new ProcessorService(orm, new SecretBox(config.settlementSecretsKey));
    const terms = new SettlementTerms(orm, config.settlementMaturityHours);
    const applier = new EventApplier(orm, ledger, terms, clock);
    const maturity = new Maturity(orm, ledger, clock);
    return {
      settlement: {
        processors, links: new MerchantLinkService(orm, applier), events: new ProcessorEventQueries(), intake: new WebhookIntake(orm, processors, applier),
        applier, clock, maturity, maturityWorker: new MaturityWorker(maturity), sweeper: new EventSweeper(applier), terms,
        runs: new SettlementRuns(orm, ledger, BigInt(config.settlementPayoutMinimum)), queries: new SettlementQueries(),
      },
    };
  },
  workers: (services) => [services.settlement.maturityWorker, services.settlement.sweeper],
});
