import { access } from '../platform/auth/access-rows.js';
import { systemClock } from '../platform/clock.js';
import { defineModule } from '../platform/module.js';
import type { BillingModule } from './index.js';
import { GuardianEntity, InvoiceEntity, InvoiceLineEntity, InvoicePaymentEntity, PayerEntity } from './billing.entity.js';
import { billingErrorCodes } from './billing.errors.js';
import { billingConfig } from './billing.config.js';
import { billingIdPrefixes } from './billing.ids.js';
import { createBillingLoaders, type BillingLoaders } from './billing.loaders.js';
import { BillingQueries } from './billing.queries.js';
import { billingNodes, BillingResolver, InvoiceFieldResolver, PayerFieldResolver, PayInvoiceResolver } from './billing.resolver.js';
import { InvoiceService } from './invoice.service.js';
import { PayerService } from './payer.service.js';
import { StatementQueries } from './statement.queries.js';
import { StatementService } from './statement.service.js';
import { mountStatementCsv } from './statement.routes.js';
import { BillingSubscriptionResolver, InvoiceUpdateResolver } from './billing.subscription.js';
import { ResilientCache } from '../platform/cache/resilient-cache.js';
import { sql } from 'kysely';
import { perCurrency } from '../platform/business-gauges.js';

declare module '../platform/module.js' {
  interface Services {
    /** Organisations' payers, invoices and payments. */
    billing: BillingModule;
  }
  interface Loaders extends BillingLoaders {}
}

/** Billing (School Payments): organisations (merchants) invoice their payers, who pay never more than what remains. */
export const billingModule = defineModule({
  name: 'billing',
  dependsOn: ['ledger', 'identity', 'wallets', 'merchants'],
  entities: [PayerEntity, GuardianEntity, InvoiceEntity, InvoiceLineEntity, InvoicePaymentEntity],
  resolvers: [BillingResolver, PayInvoiceResolver, InvoiceFieldResolver, PayerFieldResolver, BillingSubscriptionResolver, InvoiceUpdateResolver],
  idPrefixes: billingIdPrefixes,
  nodes: billingNodes,
  errorCodes: billingErrorCodes,
  access: {
    // Guardians (CUSTOMER users) read their payers'; MERCHANT users their organisations'; staff all.
    Query: {
      payer: access.ownOrStaff, payers: access.ownOrStaff, invoice: access.ownOrStaff, invoices: access.ownOrStaff,
      payerStatement: access.ownOrStaff, organisationStatement: access.merchantOrStaff,
    },
    Mutation: {
      createPayer: access.merchantOrStaff, archivePayer: access.merchantOrStaff, addPayerGuardian: access.merchantOrStaff, removePayerGuardian: access.merchantOrStaff,
      issueInvoice: access.merchantOrStaff, voidInvoice: access.merchantOrStaff, recordInvoicePayment: access.merchantOrStaff,
      // A guardian pays from its own wallet; no one else pays from a wallet.
      payInvoice: { anonymous: 'deny', CUSTOMER: 'own', MERCHANT: 'deny', FINANCE: 'deny', ADMIN: 'deny' },
    },
    Subscription: { invoiceUpdated: access.ownOrStaff },
  },
  config: billingConfig,
  gauges: [
    perCurrency('folio_billing_overdue_invoices', 'Invoices PENDING or PARTIALLY_PAID past their due date, by currency',
      (db) => sql<{ currency: string; value: string }>`select currency, count(*)::text as value from billing_invoice
        where status in ('PENDING', 'PARTIALLY_PAID') and due_at < now() group by currency`.execute(db)),
    perCurrency('folio_billing_overdue_amount', 'Minor units still to be paid on overdue invoices, by currency',
      (db) => sql<{ currency: string; value: string }>`select currency, sum(total - paid)::text as value from billing_invoice
        where status in ('PENDING', 'PARTIALLY_PAID') and due_at < now() group by currency`.execute(db)),
  ],
  events: {
    BILLING_INVOICE_UPDATED: { subject: 'folio.billing.invoice.updated', version: 1, description: 'An invoice issued, paid (in part or whole) or voided: `invoiceId`, `payerId`, `merchantId`, `status` (PENDING, PARTIALLY_PAID, PAID, VOID).' },
  },
  describes: { query: 'billing (payers, invoices, statements)', mutation: 'billing (payers, guardians, invoices, payments)', subscription: 'billing (invoice updates)' },
  loaders: (em, services) => createBillingLoaders(em, services.billing.queries),
  routes: (router, services, guards) => mountStatementCsv(router, services, guards),
  async start({ orm, config, metrics }, { ledger, identity, wallets, merchants }) {
    const clock = systemClock();
    const payers = new PayerService(orm, merchants, identity.queries);
    const cache = new ResilientCache({ redisUrl: config.redisUrl, name: 'statement', registry: metrics.registry });
    return { billing: { payers, invoices: new InvoiceService(orm, ledger, payers, wallets.service, clock), queries: new BillingQueries(), statements: new StatementService(new StatementQueries(config.billingStatementLinesMax), cache), cache, clock } };
  },
  async stop({ billing }) {
    await billing.cache.close();
  },
});
