import { sql } from 'kysely';
import { UnreadableEvent } from './event-data.js';
import { postEvent, rejected, serialise, type EventHandler } from './event-handler.js';
import { moves, openSettlementAccounts } from './settlement-accounts.js';
import { ProcessorEventStatus } from './settlement.enums.js';

/**
 * `charge.succeeded`: `data { id, amount, fee, currency, merchant, occurred_at }`. The processor
 * owes the gross less its fee; the fee is the platform's expense, recharged to the merchant as
 * revenue; the merchant is owed the net, immature until `occurred_at` plus its maturity window.
 * Effective at `occurred_at`. UNMATCHED while no merchant is linked to `merchant`; a charge id
 * already applied from another event is REJECTED. Its arrival wakes the refunds and disputes
 * that wait for it.
 */
export const applyCharge: EventHandler = async (context) => {
  const { data, db, event } = context;
  const chargeId = data.text('id');
  const externalMerchant = data.text('merchant');
  const gross = data.amount('amount');
  const fee = data.amountOrZero('fee');
  const currency = data.currency();
  const occurredAt = data.instant('occurred_at');
  if (fee > gross) throw new UnreadableEvent('a charge\'s "fee" is at most its "amount"');
  const { rows: [link] } = await sql<{ merchant_id: string }>`select merchant_id::text from settlement_merchant_link
    where processor_id = ${event.processorId}::bigint and external_id = ${externalMerchant}`.execute(db);
  if (!link) return { status: ProcessorEventStatus.UNMATCHED, awaiting: `merchant:${externalMerchant}`, note: `no merchant is linked to the processor's merchant id "${externalMerchant}"` };
  const merchantId = link.merchant_id;
  await serialise(db, event.processorId, `charge:${chargeId}`);
  const { rows: [earlier] } = await sql<{ event_id: string }>`select event_id::text from settlement_charge
    where processor_id = ${event.processorId}::bigint and charge_id = ${chargeId}`.execute(db);
  if (earlier) return rejected(`charge "${chargeId}" was applied already, from event ${earlier.event_id}`);
  const { maturityHours } = await context.terms.of(db, merchantId);
  const codes = await openSettlementAccounts(context.tx, event.processorId, merchantId, currency);
  const entryId = await postEvent(context, {
    description: `Charge ${chargeId}`, effectiveAt: occurredAt, metadata: { chargeId, merchantId, gross: String(gross), fee: String(fee) },
    postings: moves(currency, [codes.receivable, codes.immature, gross - fee], [codes.fees, codes.recharged, fee]),
  });
  const maturesAt = new Date(occurredAt.getTime() + maturityHours * 3_600_000);
  await sql`insert into settlement_charge (processor_id, charge_id, merchant_id, currency, gross, fee, occurred_at, matures_at, event_id, entry_id)
    values (${event.processorId}::bigint, ${chargeId}, ${merchantId}::bigint, ${currency}, ${String(gross)}::bigint, ${String(fee)}::bigint,
      ${occurredAt}, ${maturesAt}, ${event.id}::bigint, ${entryId}::bigint)`.execute(db);
  return { status: ProcessorEventStatus.APPLIED, entryId, wakes: [`charge:${chargeId}`] };
};
