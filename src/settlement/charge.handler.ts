import { moves } from '../ledger/index.js';
import { sql, type Kysely } from 'kysely';
import { EventData, UnreadableEvent } from './event-data.js';
import { postEvent, readable, rejected, serialiseAll, type BatchHandler, type EventItem, type Outcome } from './event-handler.js';
import { openSettlementAccounts } from './settlement-accounts.js';
import { ProcessorEventStatus } from './settlement.enums.js';

/** What a charge event says, read and checked. */
interface Charge { item: EventItem; index: number; chargeId: string; externalMerchant: string; gross: bigint; fee: bigint; currency: string; occurredAt: Date }
interface Matched extends Charge { merchantId: string; maturityHours: number }

/**
 * `charge.succeeded`: `data { id, amount, fee, currency, merchant, occurred_at }`. The processor
 * owes the gross less its fee; the fee is the platform's expense, recharged to the merchant as
 * revenue; the merchant is owed the net, immature until `occurred_at` plus its maturity window.
 * Effective at `occurred_at`. UNMATCHED while no merchant is linked to `merchant`; a charge id
 * already applied (from another event, or earlier in the batch) is REJECTED. Its arrival wakes the
 * refunds and disputes that wait for it.
 *
 * A batch handler: every charge posts to its processor's receivable and fee accounts, so the
 * deliveries that arrive together are applied together (WebhookIntake coalesces them), each step
 * one statement for the batch and the entries one ledger batch, which locks those accounts once.
 */
export const applyCharges: BatchHandler = async (context, items) => {
  const outcomes: Outcome[] = new Array(items.length);
  const charges: Charge[] = [];
  items.forEach((item, index) => {
    const read = readable(() => readCharge(item, index, EventData.of(item.body, context.now)));
    if ('outcome' in read) outcomes[index] = read.outcome;
    else charges.push(read.value);
  });
  const { db } = context;
  const processorId = items[0].event.processorId;
  const links = await linkedMerchants(db, processorId, charges.map((c) => c.externalMerchant));
  const matched: Matched[] = [];
  for (const charge of charges) {
    const link = links.get(charge.externalMerchant);
    if (link) matched.push({ ...charge, merchantId: link.merchantId, maturityHours: link.maturityHours ?? context.terms.defaultMaturityHours });
    else outcomes[charge.index] = { status: ProcessorEventStatus.UNMATCHED, awaiting: `merchant:${charge.externalMerchant}`, note: `no merchant is linked to the processor's merchant id "${charge.externalMerchant}"` };
  }
  await serialiseAll(db, processorId, matched.map((c) => `charge:${c.chargeId}`));
  const firsts = await appliedCharges(db, processorId, matched.map((c) => c.chargeId));
  const fresh = matched.filter((charge) => {
    const first = firsts.get(charge.chargeId);
    if (first) outcomes[charge.index] = rejected(`charge "${charge.chargeId}" was applied already, from event ${first}`);
    else firsts.set(charge.chargeId, charge.item.event.webhookId);
    return !first;
  });
  for (const [charge, entryId] of await postCharges(context, fresh)) {
    outcomes[charge.index] = { status: ProcessorEventStatus.APPLIED, entryId, wakes: [`charge:${charge.chargeId}`] };
  }
  return outcomes;
};

function readCharge(item: EventItem, index: number, data: EventData): Charge {
  const charge = {
    item, index, chargeId: data.text('id'), externalMerchant: data.text('merchant'), gross: data.amount('amount'), fee: data.amountOrZero('fee'),
    currency: data.currency(), occurredAt: data.instant('occurred_at'),
  };
  if (charge.fee > charge.gross) throw new UnreadableEvent('a charge\'s "fee" is at most its "amount"');
  return charge;
}

/** The merchant linked to each of the processor's merchant ids that has one, with its own maturity window (null: the default). */
async function linkedMerchants(db: Kysely<any>, processorId: string, externalIds: string[]): Promise<Map<string, { merchantId: string; maturityHours: number | null }>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await sql<{ external_id: string; merchant_id: string; maturity_hours: number | null }>`select l.external_id, l.merchant_id::text, t.maturity_hours
    from settlement_merchant_link l left join settlement_terms t on t.merchant_id = l.merchant_id
    where l.processor_id = ${processorId}::bigint and l.external_id = any(${[...new Set(externalIds)]}::text[])`.execute(db);
  return new Map(rows.map((row) => [row.external_id, { merchantId: row.merchant_id, maturityHours: row.maturity_hours }]));
}

/** The processor's event id that applied each of these charge ids that was applied. */
async function appliedCharges(db: Kysely<any>, processorId: string, chargeIds: string[]): Promise<Map<string, string>> {
  if (chargeIds.length === 0) return new Map();
  const { rows } = await sql<{ charge_id: string; event_id: string }>`select c.charge_id, e.event_id from settlement_charge c
    join settlement_processor_event e on e.id = c.event_id
    where c.processor_id = ${processorId}::bigint and c.charge_id = any(${[...new Set(chargeIds)]}::text[])`.execute(db);
  return new Map(rows.map((row) => [row.charge_id, row.event_id]));
}

/** Posts the charges' entries as one ledger batch and records the charges, each maturing by its merchant's window. */
async function postCharges(context: Parameters<BatchHandler>[0], charges: Matched[]): Promise<[Matched, string][]> {
  if (charges.length === 0) return [];
  const { tx, db } = context;
  const processorId = charges[0].item.event.processorId;
  const accounts = await openSettlementAccounts(tx, processorId, charges);
  // Started in one tick, the posts run as one ledger batch.
  const entryIds = await Promise.all(charges.map((charge) => {
    const codes = accounts.get(`${charge.merchantId}:${charge.currency}`)!;
    return postEvent({ tx, event: charge.item.event }, {
      description: `Charge ${charge.chargeId}`, effectiveAt: charge.occurredAt,
      metadata: { chargeId: charge.chargeId, merchantId: charge.merchantId, gross: String(charge.gross), fee: String(charge.fee) },
      postings: moves(charge.currency, [codes.receivable, codes.immature, charge.gross - charge.fee], [codes.fees, codes.recharged, charge.fee]),
    });
  }));
  const column = <T>(pick: (charge: Matched, index: number) => T) => charges.map(pick);
  await sql`insert into settlement_charge (processor_id, charge_id, merchant_id, currency, gross, fee, occurred_at, matures_at, event_id, entry_id)
    select ${processorId}::bigint, v.charge_id, v.merchant_id, v.currency, v.gross, v.fee, v.occurred_at, v.matures_at, v.event_id, v.entry_id
    from unnest(${column((c) => c.chargeId)}::text[], ${column((c) => c.merchantId)}::bigint[], ${column((c) => c.currency)}::text[],
      ${column((c) => String(c.gross))}::bigint[], ${column((c) => String(c.fee))}::bigint[], ${column((c) => c.occurredAt.toISOString())}::timestamptz[],
      ${column((c) => new Date(c.occurredAt.getTime() + c.maturityHours * 3_600_000).toISOString())}::timestamptz[],
      ${column((c) => c.item.event.id)}::bigint[], ${column((_c, index) => entryIds[index])}::bigint[])
      as v(charge_id, merchant_id, currency, gross, fee, occurred_at, matures_at, event_id, entry_id)`.execute(db);
  return charges.map((charge, index) => [charge, entryIds[index]]);
}
