import { sql, type Kysely } from 'kysely';
import type { LedgerTransaction, PostingCommand } from '../ledger/index.js';
import { EventData, UnreadableEvent } from './event-data.js';
import { ProcessorEventStatus } from './settlement.enums.js';
import type { SettlementItemKind } from './settlement.enums.js';
import type { SettlementTermsReader } from './settlement-terms.js';

/** A stored event as its handler sees it: its row id, and `webhookId`, the processor's id of it. */
export interface StoredEvent { id: string; webhookId: string; processorId: string; type: string }

/** What the handlers of one transaction share: the transaction (the events' rows locked) and the module's clock reading. */
export interface ApplyContext {
  tx: LedgerTransaction;
  /** The transaction's query builder, for settlement's own rows. */
  db: Kysely<any>;
  terms: SettlementTermsReader;
  now: Date;
}

/** What a handler of one event works with: the shared context, the event and its data. */
export interface HandlerContext extends ApplyContext {
  event: StoredEvent;
  data: EventData;
}

/** A stored event of a batch, with its body parsed. */
export interface EventItem { event: StoredEvent; body: Record<string, unknown> }

/**
 * How a handler left the event. APPLIED names the entry it posted and what its arrival wakes (the
 * WAITING events that await `charge:<id>` or `dispute:<id>`); UNMATCHED and WAITING name what they
 * await; REJECTED says why it is never posted.
 */
export type Outcome =
  | { status: ProcessorEventStatus.APPLIED; entryId: string | null; wakes?: string[] }
  | { status: ProcessorEventStatus.UNMATCHED | ProcessorEventStatus.WAITING; awaiting: string; note: string }
  | { status: ProcessorEventStatus.REJECTED; note: string };

/** Applies one type of event inside the event's transaction; throws UnreadableEvent for data it cannot read. */
export type EventHandler = (context: HandlerContext) => Promise<Outcome>;

/** Applies a batch of events of one type and processor inside one transaction: an outcome per event, in order. */
export type BatchHandler = (context: ApplyContext, items: EventItem[]) => Promise<Outcome[]>;

/** A handler of one event as a batch handler: the events one after another, each its own outcome. */
export function oneByOne(handle: EventHandler): BatchHandler {
  return async (context, items) => {
    const outcomes: Outcome[] = [];
    for (const { event, body } of items) {
      const read = readable(() => EventData.of(body, context.now));
      outcomes.push('outcome' in read ? read.outcome : await handle({ ...context, event, data: read.value }).catch(rejectUnreadable));
    }
    return outcomes;
  };
}

/** What `read` returns, or the REJECTED outcome of data it cannot read. */
export function readable<T>(read: () => T): { value: T } | { outcome: Outcome } {
  try {
    return { value: read() };
  } catch (error) {
    return { outcome: rejectUnreadable(error) };
  }
}

function rejectUnreadable(error: unknown): Outcome {
  if (error instanceof UnreadableEvent) return rejected(error.message);
  throw error;
}

export const rejected = (note: string): Outcome => ({ status: ProcessorEventStatus.REJECTED, note });
export const waiting = (awaiting: string, note: string): Outcome => ({ status: ProcessorEventStatus.WAITING, awaiting, note });

/**
 * Serialises the transactions that touch one charge or dispute of a processor, until commit: an
 * event that finds its charge missing (and waits) commits before the charge's transaction looks
 * for waiting events, or after the charge is there to be found. Either way none is left waiting.
 */
export async function serialise(db: Kysely<any>, processorId: string, key: string): Promise<void> {
  await serialiseAll(db, processorId, [key]);
}

/** serialise for many keys at once, taken in one order (the locks' own) by every caller, so two batches never deadlock. */
export async function serialiseAll(db: Kysely<any>, processorId: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  // PostgreSQL sorts before it evaluates a volatile select list: the locks are taken in hash order.
  await sql`select pg_advisory_xact_lock(s.lock) from (select distinct hashtextextended(k, 0) as lock
    from unnest(${keys.map((key) => `settlement:${processorId}:${key}`)}::text[]) k) s order by s.lock`.execute(db);
}

/** Posts the event's entry (its idempotency key is the stored event's, so it posts once however often it is applied). */
export async function postEvent(context: { tx: LedgerTransaction; event: StoredEvent }, entry: { description: string; effectiveAt: Date; metadata: Record<string, unknown>; postings: PostingCommand[] }): Promise<string> {
  const posted = await context.tx.post({
    idempotencyKey: `settlement:event:${context.event.id}`, effectiveAt: entry.effectiveAt, description: entry.description,
    metadata: { processorEventId: context.event.id, processorId: context.event.processorId, ...entry.metadata }, postings: entry.postings,
  });
  return posted.entryId;
}

/** A movement of a merchant's available balance, recorded in the transaction that posts it. */
export interface ItemCommand {
  processorId: string; merchantId: string; currency: string; kind: SettlementItemKind; amount: bigint; entryId: string | null; at: Date;
  gross?: bigint; fee?: bigint; chargeRowId?: string; disputeRowId?: string; returnedPayoutId?: string;
}

export async function addItem(db: Kysely<any>, item: ItemCommand): Promise<void> {
  const optional = (value: bigint | string | undefined) => (value === undefined ? null : String(value));
  await sql`insert into settlement_item (processor_id, merchant_id, currency, kind, amount, gross, fee, charge_row_id, dispute_row_id, returned_payout_id, entry_id, at)
    values (${item.processorId}::bigint, ${item.merchantId}::bigint, ${item.currency}, ${item.kind}::settlement_item_kind, ${String(item.amount)}::bigint,
      ${optional(item.gross)}::bigint, ${optional(item.fee)}::bigint, ${optional(item.chargeRowId)}::bigint, ${optional(item.disputeRowId)}::bigint,
      ${optional(item.returnedPayoutId)}::bigint, ${item.entryId}::bigint, ${item.at})`.execute(db);
}

/** The later of two instants: an entry about a charge is never effective before the charge. */
export const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
