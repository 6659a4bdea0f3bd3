import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupsInKeyOrder, rowsById } from '../platform/graphql/loader-rows.js';
import { InvoiceEntity, PayerEntity, type InvoiceLineRow, type InvoicePaymentRow, type InvoiceRow, type PayerRow } from './billing.entity.js';
import type { BillingQueries } from './billing.queries.js';

/** The billing module's DataLoaders, fresh per request. */
export function createBillingLoaders(em: EntityManager, queries: BillingQueries) {
  return {
    payer: new DataLoader<string, PayerRow | undefined>(async (ids) => rowsById(ids, await em.find(PayerEntity, { id: { $in: [...ids] } }) as PayerRow[])),
    invoice: new DataLoader<string, InvoiceRow | undefined>(async (ids) => rowsById(ids, await em.find(InvoiceEntity, { id: { $in: [...ids] } }) as InvoiceRow[])),
    /** Each invoice's lines, in order. */
    invoiceLines: new DataLoader<string, InvoiceLineRow[]>(async (ids) => groupsInKeyOrder(ids, await queries.linesOf(em, ids), (row) => String(row.invoiceId))),
    /** Each invoice's payments, oldest first. */
    invoicePayments: new DataLoader<string, InvoicePaymentRow[]>(async (ids) => groupsInKeyOrder(ids, await queries.paymentsOf(em, ids), (row) => String(row.invoiceId))),
    /** Each payer's guardians' user ids. */
    payerGuardianIds: new DataLoader<string, string[]>(async (ids) => { const map = await queries.guardianIdsOf(em, ids); return ids.map((id) => map.get(id) ?? []); }),
  };
}

export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
