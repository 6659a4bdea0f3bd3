import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { pageOf, type Page } from '../platform/db/page.js';
import { availableByCode, customerDebtCode } from './cashback-ledger.js';
import { OfferEntity, PurchaseChangeEntity, PurchaseEntity, type OfferRow, type PurchaseChangeRow, type PurchaseRow } from './cashback.entity.js';
import type { PurchaseStatus } from './cashback.enums.js';

export interface PurchaseFilter {
  /** Only these merchants' purchases (a MERCHANT user's own merchants). */
  merchantIds?: readonly string[];
  /** Only this customer's. */
  customerId?: string;
  /** A MERCHANT user sees its merchants' purchases and its own as a customer: both given, either matches. */
  either?: boolean;
  statuses?: readonly PurchaseStatus[];
}

/** One currency of a customer's cashback, in minor units. */
export interface CashbackTotals { currency: string; pending: bigint; confirmed: bigint; available: bigint; paidOut: bigint; clawedBack: bigint; owed: bigint }

const db = (em: EntityManager) => em.getKysely() as Kysely<any>;

/** Reads of offers and purchases; never writes. */
export class CashbackQueries {
  async offersByIds(em: EntityManager, ids: readonly string[]): Promise<OfferRow[]> {
    return (await em.find(OfferEntity, { id: { $in: [...ids] } })) as OfferRow[];
  }

  async purchasesByIds(em: EntityManager, ids: readonly string[]): Promise<PurchaseRow[]> {
    return (await em.find(PurchaseEntity, { id: { $in: [...ids] } })) as PurchaseRow[];
  }

  async changesOf(em: EntityManager, purchaseIds: readonly string[]): Promise<PurchaseChangeRow[]> {
    return (await em.find(PurchaseChangeEntity, { purchaseId: { $in: [...purchaseIds] } }, { orderBy: { id: 'asc' } })) as PurchaseChangeRow[];
  }

  /** A merchant's offers (or all, for staff with no merchant), newest first. */
  async offers(em: EntityManager, merchantIds: readonly string[] | undefined, first: number, after?: string): Promise<Page<OfferRow>> {
    const where: Record<string, unknown> = {};
    if (merchantIds) where.merchantId = { $in: [...merchantIds] };
    if (after) where.id = { $lt: after };
    return pageOf(await em.find(OfferEntity, where, { orderBy: { id: 'desc' }, limit: first + 1 }) as OfferRow[], first);
  }

  async purchases(em: EntityManager, filter: PurchaseFilter, first: number, after?: string): Promise<Page<PurchaseRow>> {
    const scopes: Record<string, unknown>[] = [];
    if (filter.merchantIds) scopes.push({ merchantId: { $in: [...filter.merchantIds] } });
    if (filter.customerId) scopes.push({ customerId: filter.customerId });
    const where: Record<string, unknown> = {};
    if (filter.either && scopes.length) where.$or = scopes;
    else Object.assign(where, ...scopes);
    if (filter.statuses?.length) where.state = { $in: [...filter.statuses] };
    if (after) where.id = { $lt: after };
    return pageOf(await em.find(PurchaseEntity, where, { orderBy: { id: 'desc' }, limit: first + 1 }) as PurchaseRow[], first);
  }

  /**
   * A customer's cashback per currency: pending and confirmed cashback (what purchases still grant),
   * clawed back, what the wallet has available (what a payout can take), what payouts paid in
   * total, and what the customer owes from clawbacks the wallet could not cover.
   */
  async summary(em: EntityManager, userId: string): Promise<CashbackTotals[]> {
    const { rows } = await sql<{ currency: string; pending: string; confirmed: string; clawed: string }>`
      select currency, coalesce(sum(cashback - cashback_reversed) filter (where state = 'PENDING'), 0)::text as pending,
        coalesce(sum(cashback - cashback_reversed) filter (where state = 'CONFIRMED'), 0)::text as confirmed,
        coalesce(sum(clawed_back), 0)::text as clawed
      from cashback_purchase where customer_id = ${userId}::bigint group by currency order by currency`.execute(db(em));
    return Promise.all(rows.map(async (row) => {
      const currency = row.currency.trim();
      const { rows: [paid] } = await sql<{ total: string }>`select coalesce(sum(amount), 0)::text as total from disbursement
        where user_id = ${userId}::bigint and currency = ${currency} and kind = 'PAYOUT' and state = 'SUCCEEDED'`.execute(db(em));
      return {
        currency, pending: BigInt(row.pending), confirmed: BigInt(row.confirmed), clawedBack: BigInt(row.clawed), paidOut: BigInt(paid.total),
        available: await availableByCode(em, `wallet:user:${userId}:${currency.toLowerCase()}`), owed: await availableByCode(em, customerDebtCode(userId, currency)),
      };
    }));
  }

  /** A merchant's cashback granted (what its purchases still grant) per currency. */
  async granted(em: EntityManager, merchantId: string): Promise<{ currency: string; total: bigint }[]> {
    const { rows } = await sql<{ currency: string; total: string }>`select currency, coalesce(sum(cashback - cashback_reversed), 0)::text as total
      from cashback_purchase where merchant_id = ${merchantId}::bigint group by currency order by currency`.execute(db(em));
    return rows.map((row) => ({ currency: row.currency.trim(), total: BigInt(row.total) }));
  }
}
