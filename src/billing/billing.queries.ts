import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { pageOf, type Page } from '../platform/db/page.js';
import { GuardianEntity, InvoiceEntity, InvoiceLineEntity, InvoicePaymentEntity, PayerEntity, type InvoiceLineRow, type InvoicePaymentRow, type InvoiceRow, type PayerRow } from './billing.entity.js';
import type { InvoiceStatus, PayerStatus } from './billing.enums.js';
import type { BillingScope } from './billing-scope.js';

export interface PayerFilter { merchantId?: string; status?: PayerStatus }
export interface InvoiceFilter { merchantId?: string; payerId?: string; status?: InvoiceStatus }

/** Billing's reads, each narrowed to what the caller's scope reaches. */
export class BillingQueries {
  /** The payer ids a guardian may see. */
  async guardedPayerIds(em: EntityManager, userId: string): Promise<string[]> {
    return (await em.find(GuardianEntity, { userId }, { fields: ['payerId'], limit: 1_000 })).map((row) => String(row.payerId));
  }

  async payers(em: EntityManager, scope: BillingScope, filter: PayerFilter, first: number, after?: string): Promise<Page<PayerRow>> {
    const asked = { ...(filter.merchantId && { merchantId: filter.merchantId }), ...(filter.status && { status: filter.status }), ...(after && { id: { $lt: after } }) };
    // The scope and the filter each narrow: a filter never widens what the scope reaches.
    const where = { $and: [await this.reach(em, scope, 'id'), asked] } as FilterQuery<PayerRow>;
    return pageOf(await em.find(PayerEntity, where, { orderBy: { id: 'desc' }, limit: first + 1 }) as PayerRow[], first);
  }

  async invoices(em: EntityManager, scope: BillingScope, filter: InvoiceFilter, first: number, after?: string): Promise<Page<InvoiceRow>> {
    const asked = {
      ...(filter.merchantId && { merchantId: filter.merchantId }), ...(filter.payerId && { payerId: filter.payerId }),
      ...(filter.status && { status: filter.status }), ...(after && { id: { $lt: after } }),
    };
    const where = { $and: [await this.reach(em, scope, 'payerId'), asked] } as FilterQuery<InvoiceRow>;
    return pageOf(await em.find(InvoiceEntity, where, { orderBy: { id: 'desc' }, limit: first + 1 }) as InvoiceRow[], first);
  }

  async payersByIds(em: EntityManager, ids: readonly string[]): Promise<PayerRow[]> {
    return await em.find(PayerEntity, { id: { $in: [...ids] } }) as PayerRow[];
  }

  async linesOf(em: EntityManager, invoiceIds: readonly string[]): Promise<InvoiceLineRow[]> {
    return await em.find(InvoiceLineEntity, { invoiceId: { $in: [...invoiceIds] } }, { orderBy: { invoiceId: 'asc', position: 'asc' } }) as InvoiceLineRow[];
  }

  async paymentsOf(em: EntityManager, invoiceIds: readonly string[]): Promise<InvoicePaymentRow[]> {
    return await em.find(InvoicePaymentEntity, { invoiceId: { $in: [...invoiceIds] } }, { orderBy: { id: 'asc' } }) as InvoicePaymentRow[];
  }

  async guardianIdsOf(em: EntityManager, payerIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await em.find(GuardianEntity, { payerId: { $in: [...payerIds] } }, { orderBy: { id: 'asc' } });
    const byPayer = new Map(payerIds.map((id) => [id, [] as string[]]));
    for (const row of rows) byPayer.get(String(row.payerId))?.push(String(row.userId));
    return byPayer;
  }

  /** The condition a scope puts on rows: by organisation, or by the payers a guardian sees (on `payerColumn`). */
  private async reach(em: EntityManager, scope: BillingScope, payerColumn: 'id' | 'payerId'): Promise<Record<string, unknown>> {
    if (scope.merchantIds === undefined) return {};
    if (scope.guardianId === undefined) return { merchantId: { $in: [...scope.merchantIds] } };
    return { [payerColumn]: { $in: await this.guardedPayerIds(em, scope.guardianId) } };
  }
}
