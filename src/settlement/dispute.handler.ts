import { moves } from '../ledger/index.js';
import { sql } from 'kysely';
import { addItem, later, postEvent, rejected, serialise, waiting, type EventHandler } from './event-handler.js';
import { chargeFor } from './refund.handler.js';
import { settlementAccounts } from './settlement-accounts.js';
import { DisputeStatus, ProcessorEventStatus, SettlementItemKind } from './settlement.enums.js';

/**
 * `dispute.opened`: `data { id, charge, amount, currency, occurred_at }`. The amount moves from
 * the merchant's available balance to held (available may go below zero). WAITING until its
 * charge arrives; REJECTED in another currency, past the charge's amount, or for a dispute id
 * opened already. Its arrival wakes a `dispute.closed` that came first.
 */
export const applyDisputeOpened: EventHandler = async (context) => {
  const { data, db, event } = context;
  const disputeId = data.text('id');
  const chargeId = data.text('charge');
  const amount = data.amount('amount');
  const currency = data.currency();
  const occurredAt = data.instant('occurred_at');
  // The charge's lock, then the dispute's: a closing that waits for this dispute takes only the latter.
  await serialise(db, event.processorId, `charge:${chargeId}`);
  await serialise(db, event.processorId, `dispute:${disputeId}`);
  const charge = await chargeFor(db, event.processorId, chargeId);
  if (!charge) return waiting(`charge:${chargeId}`, `waits for charge "${chargeId}", not received yet`);
  if (charge.currency !== currency) return rejected(`the dispute is in ${currency}; charge "${chargeId}" is in ${charge.currency}`);
  if (amount > charge.gross) return rejected(`the dispute's ${amount} is more than charge "${chargeId}"'s ${charge.gross}`);
  const { rows: [earlier] } = await sql`select 1 from settlement_dispute where processor_id = ${event.processorId}::bigint and dispute_id = ${disputeId}`.execute(db);
  if (earlier) return rejected(`dispute "${disputeId}" was opened already`);
  const codes = settlementAccounts(event.processorId, charge.merchantId, currency);
  const at = later(occurredAt, charge.occurredAt);
  const entryId = await postEvent(context, {
    description: `Dispute ${disputeId} of charge ${chargeId} opened`, effectiveAt: at, metadata: { disputeId, chargeId, merchantId: charge.merchantId },
    postings: moves(currency, [codes.available, codes.held, amount]),
  });
  const { rows: [dispute] } = await sql<{ id: string }>`insert into settlement_dispute (processor_id, dispute_id, charge_row_id, merchant_id, currency, amount, status, opened_event_id)
    values (${event.processorId}::bigint, ${disputeId}, ${charge.id}::bigint, ${charge.merchantId}::bigint, ${currency}, ${String(amount)}::bigint,
      ${DisputeStatus.OPEN}::settlement_dispute_status, ${event.id}::bigint) returning id::text`.execute(db);
  await addItem(db, { processorId: event.processorId, merchantId: charge.merchantId, currency, kind: SettlementItemKind.DISPUTE_HELD, amount: -amount, entryId, at, chargeRowId: charge.id, disputeRowId: dispute.id });
  return { status: ProcessorEventStatus.APPLIED, entryId, wakes: [`dispute:${disputeId}`] };
};

/**
 * `dispute.closed`: `data { id, status: "won" | "lost", occurred_at }`. Won: the held amount is
 * available again. Lost: it is gone to the customer, out of the processor's receivable. WAITING
 * until the dispute opens; REJECTED for a dispute closed already.
 */
export const applyDisputeClosed: EventHandler = async (context) => {
  const { data, db, event } = context;
  const disputeId = data.text('id');
  const outcome = data.oneOf('status', ['won', 'lost'] as const);
  const occurredAt = data.instant('occurred_at');
  await serialise(db, event.processorId, `dispute:${disputeId}`);
  const { rows: [dispute] } = await sql<{ id: string; merchant_id: string; currency: string; amount: string; status: DisputeStatus; charge_row_id: string; opened_at: Date | string }>`select
    d.id::text, d.merchant_id::text, d.currency, d.amount::text, d.status, d.charge_row_id::text, i.at as opened_at
    from settlement_dispute d join settlement_item i on i.dispute_row_id = d.id and i.kind = ${SettlementItemKind.DISPUTE_HELD}::settlement_item_kind
    where d.processor_id = ${event.processorId}::bigint and d.dispute_id = ${disputeId} for update of d`.execute(db);
  if (!dispute) return waiting(`dispute:${disputeId}`, `waits for dispute "${disputeId}" to open`);
  if (dispute.status !== DisputeStatus.OPEN) return rejected(`dispute "${disputeId}" was closed already (${dispute.status})`);
  const amount = BigInt(dispute.amount);
  const codes = settlementAccounts(event.processorId, dispute.merchant_id, dispute.currency);
  const won = outcome === 'won';
  const at = later(occurredAt, new Date(dispute.opened_at));
  const entryId = await postEvent(context, {
    description: `Dispute ${disputeId} ${won ? 'won' : 'lost'}`, effectiveAt: at, metadata: { disputeId, merchantId: dispute.merchant_id, outcome },
    postings: moves(dispute.currency, [codes.held, won ? codes.available : codes.receivable, amount]),
  });
  await sql`update settlement_dispute set status = ${won ? DisputeStatus.WON : DisputeStatus.LOST}::settlement_dispute_status, closed_event_id = ${event.id}::bigint
    where id = ${dispute.id}::bigint`.execute(db);
  if (won) {
    await addItem(db, {
      processorId: event.processorId, merchantId: dispute.merchant_id, currency: dispute.currency, kind: SettlementItemKind.DISPUTE_RETURNED,
      amount, entryId, at, chargeRowId: dispute.charge_row_id, disputeRowId: dispute.id,
    });
  }
  return { status: ProcessorEventStatus.APPLIED, entryId };
};
