import { moves } from '../ledger/index.js';
import { sql, type Kysely } from 'kysely';
import { addItem, later, postEvent, rejected, serialise, waiting, type EventHandler } from './event-handler.js';
import { settlementAccounts } from './settlement-accounts.js';
import { ProcessorEventStatus, SettlementItemKind } from './settlement.enums.js';

/** A charge as refunds and disputes read it. */
export interface ChargeFacts { id: string; merchantId: string; currency: string; gross: bigint; refunded: bigint; occurredAt: Date }

/** The charge a refund or dispute names, locked; undefined when it has not been applied yet. */
export async function chargeFor(db: Kysely<any>, processorId: string, chargeId: string): Promise<ChargeFacts | undefined> {
  const { rows: [row] } = await sql<{ id: string; merchant_id: string; currency: string; gross: string; refunded: string; occurred_at: Date | string }>`select id::text,
    merchant_id::text, currency, gross::text, refunded::text, occurred_at from settlement_charge
    where processor_id = ${processorId}::bigint and charge_id = ${chargeId} for update`.execute(db);
  return row && { id: row.id, merchantId: row.merchant_id, currency: row.currency, gross: BigInt(row.gross), refunded: BigInt(row.refunded), occurredAt: new Date(row.occurred_at) };
}

/**
 * `refund.succeeded`: `data { id, charge, amount, currency, occurred_at }`, a whole or partial
 * refund of a charge. The processor has paid the customer back, so it always posts: the merchant's
 * available balance goes down by the amount (below zero, if need be: shown as owed and netted
 * against later charges), and so does the processor's receivable. The fee is not returned.
 * WAITING until its charge arrives; REJECTED in another currency, past the charge's amount, or for
 * a refund id applied already (a processor that sends a refund again under a new event id).
 */
export const applyRefund: EventHandler = async (context) => {
  const { data, db, event } = context;
  const refundId = data.text('id');
  const chargeId = data.text('charge');
  const amount = data.amount('amount');
  const currency = data.currency();
  const occurredAt = data.instant('occurred_at');
  // The charge's lock, then the refund id's: a refund id sent again naming another charge still waits its turn.
  await serialise(db, event.processorId, `charge:${chargeId}`);
  await serialise(db, event.processorId, `refund:${refundId}`);
  const charge = await chargeFor(db, event.processorId, chargeId);
  if (!charge) return waiting(`charge:${chargeId}`, `waits for charge "${chargeId}", not received yet`);
  const earlier = await refundEventOf(db, event.processorId, refundId);
  if (earlier) return rejected(`refund "${refundId}" was applied already, from event ${earlier}`);
  if (charge.currency !== currency) return rejected(`the refund is in ${currency}; charge "${chargeId}" is in ${charge.currency}`);
  if (charge.refunded + amount > charge.gross) return rejected(`refunds of charge "${chargeId}" would come to ${charge.refunded + amount}, more than its ${charge.gross}`);
  const codes = settlementAccounts(event.processorId, charge.merchantId, currency);
  const at = later(occurredAt, charge.occurredAt);
  const entryId = await postEvent(context, {
    description: `Refund ${refundId} of charge ${chargeId}`, effectiveAt: at, metadata: { refundId, chargeId, merchantId: charge.merchantId },
    postings: moves(currency, [codes.available, codes.receivable, amount]),
  });
  await sql`update settlement_charge set refunded = refunded + ${String(amount)}::bigint where id = ${charge.id}::bigint`.execute(db);
  await sql`insert into settlement_refund (processor_id, refund_id, charge_row_id, amount, event_id)
    values (${event.processorId}::bigint, ${refundId}, ${charge.id}::bigint, ${String(amount)}::bigint, ${event.id}::bigint)`.execute(db);
  await addItem(db, { processorId: event.processorId, merchantId: charge.merchantId, currency, kind: SettlementItemKind.REFUND, amount: -amount, entryId, at, chargeRowId: charge.id });
  return { status: ProcessorEventStatus.APPLIED, entryId };
};

/** The processor's event id of the event that applied a refund id, if one did. */
async function refundEventOf(db: Kysely<any>, processorId: string, refundId: string): Promise<string | undefined> {
  const { rows: [row] } = await sql<{ event_id: string }>`select e.event_id from settlement_refund r join settlement_processor_event e on e.id = r.event_id
    where r.processor_id = ${processorId}::bigint and r.refund_id = ${refundId}`.execute(db);
  return row?.event_id;
}
