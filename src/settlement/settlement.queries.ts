import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { pageOf, type Page } from '../platform/db/page.js';
import { SettlementPayoutEntity, SettlementTermsEntity, type SettlementPayoutRow, type SettlementTermsRow } from './settlement-ledger.entity.js';
import { settlementLimits } from './settlement.config.js';
import { SettlementItemKind, SettlementPayoutStatus } from './settlement.enums.js';

export interface SettlementPayoutFilter {
  /** The merchants the caller may see; undefined: all (staff). */
  merchantIds?: string[];
  processorId?: string;
  runId?: string;
  status?: SettlementPayoutStatus;
}

/** A report line as stored, with the processor's ids of its charge and dispute. */
export interface ReportLineRow {
  kind: SettlementItemKind; amount: string; gross: string | null; fee: string | null; charge_id: string | null; dispute_id: string | null; entry_id: string | null; at: Date | string;
}

/** Where a merchant has settlement: each processor and currency it has had a charge at. */
export interface SettlementPlace { merchantId: string; processorId: string; currency: string }

const db = (em: EntityManager) => em.getKysely() as Kysely<any>;

/** Reads of settlement: payouts, their reports, merchants' terms and where they have balances. */
export class SettlementQueries {
  async payouts(em: EntityManager, filter: SettlementPayoutFilter, first: number, after?: string): Promise<Page<SettlementPayoutRow>> {
    const where: Record<string, unknown> = {};
    if (filter.merchantIds) where.merchantId = { $in: filter.merchantIds };
    if (filter.processorId) where.processorId = filter.processorId;
    if (filter.runId) where.runId = filter.runId;
    if (filter.status) where.status = filter.status;
    if (after) where.id = { $lt: after };
    return pageOf(await em.find(SettlementPayoutEntity, where, { orderBy: { id: 'desc' }, limit: first + 1 }) as SettlementPayoutRow[], first);
  }

  async payoutsByIds(em: EntityManager, ids: readonly string[]): Promise<SettlementPayoutRow[]> {
    return await em.find(SettlementPayoutEntity, { id: { $in: [...ids] } }) as SettlementPayoutRow[];
  }

  /** A payout's lines, oldest first. */
  async reportLines(em: EntityManager, payoutId: string): Promise<ReportLineRow[]> {
    const { rows } = await sql<ReportLineRow>`select i.kind, i.amount::text, i.gross::text, i.fee::text, c.charge_id, d.dispute_id, i.entry_id::text, i.at
      from settlement_item i left join settlement_charge c on c.id = i.charge_row_id left join settlement_dispute d on d.id = i.dispute_row_id
      where i.payout_id = ${payoutId}::bigint order by i.id limit ${settlementLimits.reportItemsMax}`.execute(db(em));
    return rows;
  }

  async places(em: EntityManager, merchantIds: readonly string[]): Promise<SettlementPlace[]> {
    const { rows } = await sql<{ merchant_id: string; processor_id: string; currency: string }>`select merchant_id::text as merchant_id, processor_id::text as processor_id, currency
      from (select distinct c.merchant_id, c.processor_id, c.currency from settlement_charge c where c.merchant_id = any(${merchantIds}::bigint[])) p
      order by p.processor_id, p.currency, p.merchant_id`.execute(db(em));
    return rows.map((row) => ({ merchantId: row.merchant_id, processorId: row.processor_id, currency: row.currency }));
  }

  /** What the processor has confirmed paying a merchant at a processor and currency, by `asOf` (null: ever). */
  async paid(em: EntityManager, place: SettlementPlace, asOf: Date | null): Promise<bigint> {
    const { rows: [row] } = await sql<{ total: string | null }>`select sum(amount)::text as total from settlement_payout
      where merchant_id = ${place.merchantId}::bigint and processor_id = ${place.processorId}::bigint and currency = ${place.currency}
        and status = ${SettlementPayoutStatus.PAID}::settlement_payout_status and (${asOf}::timestamptz is null or settled_at <= ${asOf}::timestamptz)`.execute(db(em));
    return BigInt(row.total ?? '0');
  }

  async terms(em: EntityManager, merchantIds: readonly string[]): Promise<SettlementTermsRow[]> {
    return await em.find(SettlementTermsEntity, { merchantId: { $in: [...merchantIds] } }) as SettlementTermsRow[];
  }
}
