import { moves } from '../ledger/index.js';
import { sql } from 'kysely';
import { FolioError } from '../platform/errors.js';
import { UnreadableEvent } from './event-data.js';
import { addItem, later, postEvent, rejected, type EventHandler, type HandlerContext } from './event-handler.js';
import { settlementAccounts } from './settlement-accounts.js';
import { ProcessorEventStatus, SettlementItemKind, SettlementPayoutStatus } from './settlement.enums.js';
import { fromGlobalId } from './settlement.ids.js';

/** The payout a processor's event names by `reference` (Folio's id of it, `spo_…`), locked; undefined when it is not this processor's. */
async function payoutFor(context: HandlerContext, reference: string) {
  let id: string;
  try {
    id = fromGlobalId('SettlementPayout', reference, 'reference');
  } catch (error) {
    if (error instanceof FolioError) throw new UnreadableEvent(error.message);
    throw error;
  }
  const { rows: [row] } = await sql<{ id: string; merchant_id: string; currency: string; amount: string; status: SettlementPayoutStatus; created_at: Date | string }>`select
    id::text, merchant_id::text, currency, amount::text, status, created_at from settlement_payout
    where id = ${id}::bigint and processor_id = ${context.event.processorId}::bigint for update`.execute(context.db);
  return row;
}

/**
 * `payout.paid` and `payout.failed`: `data { id, reference, amount, currency, occurred_at }`, the
 * processor reporting a settlement payout Folio instructed (`reference`: its id). Paid: the amount
 * leaves the processor's receivable for the merchant's bank. Failed: it is available to the
 * merchant again, for the next run. REJECTED for a payout that is not this processor's, is
 * settled already, or has another amount or currency.
 */
function payoutHandler(paid: boolean): EventHandler {
  return async (context) => {
    const { data, db, event } = context;
    const processorPayoutId = data.text('id');
    const amount = data.amount('amount');
    const currency = data.currency();
    const occurredAt = data.instant('occurred_at');
    const reference = data.text('reference');
    const payout = await payoutFor(context, reference);
    if (!payout) return rejected(`no payout "${reference}" of this processor`);
    if (payout.status !== SettlementPayoutStatus.PENDING) return rejected(`payout "${reference}" is ${payout.status} already`);
    if (BigInt(payout.amount) !== amount || payout.currency !== currency) return rejected(`the payout is ${payout.amount} ${payout.currency}; the event says ${amount} ${currency}`);
    const codes = settlementAccounts(event.processorId, payout.merchant_id, currency);
    const at = later(occurredAt, new Date(payout.created_at));
    const entryId = await postEvent(context, {
      description: `Payout ${processorPayoutId} ${paid ? 'paid' : 'failed'}`, effectiveAt: at, metadata: { payoutId: payout.id, processorPayoutId, merchantId: payout.merchant_id },
      postings: moves(currency, [codes.inPayout, paid ? codes.receivable : codes.available, amount]),
    });
    await sql`update settlement_payout set status = ${paid ? SettlementPayoutStatus.PAID : SettlementPayoutStatus.FAILED}::settlement_payout_status,
      settled_event_id = ${event.id}::bigint, settled_entry_id = ${entryId}::bigint, settled_at = ${at} where id = ${payout.id}::bigint`.execute(db);
    if (!paid) {
      await addItem(db, { processorId: event.processorId, merchantId: payout.merchant_id, currency, kind: SettlementItemKind.PAYOUT_RETURNED, amount, entryId, at, returnedPayoutId: payout.id });
    }
    return { status: ProcessorEventStatus.APPLIED, entryId };
  };
}

export const applyPayoutPaid = payoutHandler(true);
export const applyPayoutFailed = payoutHandler(false);
