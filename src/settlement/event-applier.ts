import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import type { LedgerService, LedgerTransaction } from '../ledger/index.js';
import type { Clock } from '../platform/clock.js';
import { FolioError } from '../platform/errors.js';
import { rejected, type Outcome } from './event-handler.js';
import { eventHandlers } from './event-handlers.js';
import { storeEvents, type Arrival, type EventRow } from './event-store.js';
import { settlementLimits } from './settlement.config.js';
import { ProcessorEventStatus } from './settlement.enums.js';
import type { SettlementTermsReader } from './settlement-terms.js';

/** The statuses an event is applied from: stored and not applied, or waiting for what it names. */
const openStatuses = [ProcessorEventStatus.RECEIVED, ProcessorEventStatus.WAITING, ProcessorEventStatus.UNMATCHED];

interface Applied { status: ProcessorEventStatus; processorId?: string; wakes: string[] }

/** How a delivery stored and applied in a batch ended: as a duplicate of an event stored before, or as its event stands. */
export type Arrived = ProcessorEventStatus | 'DUPLICATE';

/**
 * Applies stored events by their type's handler, each in one transaction with its row locked (or
 * a batch of one processor's charges stored and applied together): whoever applies an event (its delivery, the sweeper, the arrival of what it waited for)
 * applies it once, and what it posted and how it stands commit together. A handler's entry has
 * the event's idempotency key besides, so a rerun after a crash replays instead of posting twice.
 */
export class EventApplier {
  constructor(private readonly orm: MikroORM, private readonly ledger: LedgerService, private readonly terms: SettlementTermsReader, private readonly clock: Clock) {}

  /** Applies an event unless it is applied or settled already; then applies what its arrival wakes. Returns how it stands. */
  async apply(eventId: string): Promise<ProcessorEventStatus> {
    const applied = await this.applyOne(eventId);
    await this.wakeAfter([applied]);
    return applied.status;
  }

  /**
   * Stores deliveries of one processor and applies them, in one transaction (a batch of charges,
   * from WebhookIntake), then what their arrival wakes; how each ended, in order. Nothing of a
   * batch is stored unless all of it is applied and committed: a delivery is answered only after,
   * so one that fails is the processor's to retry. When the ledger refuses one entry the batch is
   * stored and applied again one delivery at a time, and that one is stored REJECTED; one that
   * fails otherwise is stored RECEIVED, if it can be, for the sweeper (and its retry is a duplicate).
   */
  async storeAndApply(processorId: string, arrivals: readonly Arrival[]): Promise<Arrived[]> {
    const ended = await this.storeOrSplit(processorId, arrivals);
    await this.wakeAfter(ended.filter((e): e is Applied => e !== 'DUPLICATE'));
    return ended.map((e) => (e === 'DUPLICATE' ? e : e.status));
  }

  /** Applies what the arrival of these applied events wakes. */
  private async wakeAfter(applied: readonly Applied[]): Promise<void> {
    const wakes = new Map<string, string[]>();
    for (const { processorId, wakes: keys } of applied) if (keys.length > 0) wakes.set(processorId!, [...(wakes.get(processorId!) ?? []), ...keys]);
    for (const [processorId, keys] of wakes) await this.wake(processorId, keys);
  }

  /**
   * Applies the events of a processor that await any of `keys` (`charge:<id>`, `dispute:<id>`,
   * `merchant:<id>`), oldest first, each in a transaction of its own (a refund or dispute takes
   * its charge's lock before its accounts, a batch would hold accounts while taking the next).
   */
  async wake(processorId: string, keys: readonly string[]): Promise<void> {
    for (let after = '0'; ;) {
      // Ordered by the column, not by the text it is selected as (`order by id` would sort '10' before '9').
      const { rows } = await sql<{ id: string }>`select e.id::text as id from settlement_processor_event e
        where e.processor_id = ${processorId}::bigint and e.awaiting = any(${keys}::text[]) and e.status = any(${openStatuses}::settlement_processor_event_status[]) and e.id > ${after}::bigint
        order by e.id limit ${settlementLimits.workerBatchMax}`.execute(this.db());
      for (const { id } of rows) await this.apply(id);
      if (rows.length < settlementLimits.workerBatchMax) return;
      after = rows.at(-1)!.id;
    }
  }

  /**
   * The events the sweeper applies: RECEIVED for longer than a delivery takes (a crash or an outage
   * cut their delivery off), and WAITING or UNMATCHED ones whose charge, dispute or merchant link is
   * there now (its arrival's wake was cut off). Oldest first.
   */
  async stranded(limit: number): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`select e.id::text from settlement_processor_event e
      where (e.status = ${ProcessorEventStatus.RECEIVED}::settlement_processor_event_status and e.received_at < now() - make_interval(secs => ${settlementLimits.sweepAfterMs / 1000}))
        or (e.status in (${ProcessorEventStatus.WAITING}::settlement_processor_event_status, ${ProcessorEventStatus.UNMATCHED}::settlement_processor_event_status) and (
          exists (select 1 from settlement_charge c where c.processor_id = e.processor_id and e.awaiting = 'charge:' || c.charge_id)
          or exists (select 1 from settlement_dispute d where d.processor_id = e.processor_id and e.awaiting = 'dispute:' || d.dispute_id)
          or exists (select 1 from settlement_merchant_link l where l.processor_id = e.processor_id and e.awaiting = 'merchant:' || l.external_id)))
      order by e.id limit ${limit}`.execute(this.db());
    return rows.map((row) => row.id);
  }

  private async applyOne(eventId: string): Promise<Applied> {
    try {
      return await this.applyTogether(eventId);
    } catch (error) {
      // The ledger refused the entry (an account frozen, a balance past its range): the event's fault, not a crash.
      if (!(error instanceof FolioError)) throw error;
      return this.reject(eventId, `${error.code}: ${error.message}`);
    }
  }

  /** One transaction: the event's row locked, applied if it is open. */
  private async applyTogether(eventId: string): Promise<Applied> {
    return this.ledger.transaction(this.orm.em, async (tx) => {
      const db = tx.em.getKysely() as Kysely<any>;
      const applied = await this.applyRows(tx, db, await lockedEvents(db, [eventId]));
      return applied.get(eventId) ?? { status: ProcessorEventStatus.REJECTED, wakes: [] };
    });
  }

  private async storeOrSplit(processorId: string, arrivals: readonly Arrival[]): Promise<(Applied | 'DUPLICATE')[]> {
    try {
      return await this.storeTogether(processorId, arrivals);
    } catch (error) {
      if (arrivals.length > 1 && error instanceof FolioError) {
        const ended: (Applied | 'DUPLICATE')[] = [];
        for (const arrival of arrivals) ended.push(...await this.storeOrSplit(processorId, [arrival]));
        return ended;
      }
      if (error instanceof FolioError) return [await this.storeAlone(processorId, arrivals[0], rejected(`${error.code}: ${error.message}`))];
      // Kept RECEIVED for the sweeper if the database takes it; when the database is what failed, the first error is the answer.
      if (arrivals.length === 1) await this.storeAlone(processorId, arrivals[0]).catch(() => undefined);
      throw error;
    }
  }

  /** One transaction: the deliveries stored (those stored already are duplicates), then applied. */
  private async storeTogether(processorId: string, arrivals: readonly Arrival[]): Promise<(Applied | 'DUPLICATE')[]> {
    return this.ledger.transaction(this.orm.em, async (tx) => {
      const db = tx.em.getKysely() as Kysely<any>;
      const stored = await storeEvents(db, processorId, arrivals);
      const applied = await this.applyRows(tx, db, [...stored.values()].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id))));
      const answered = new Set<string>();
      return arrivals.map((arrival) => {
        const row = stored.get(arrival.eventId);
        if (!row || answered.has(row.id)) return 'DUPLICATE';
        answered.add(row.id);
        return applied.get(row.id)!;
      });
    });
  }

  /** Stores a delivery the batch could not apply: REJECTED with the ledger's refusal, or RECEIVED for the sweeper. */
  private async storeAlone(processorId: string, arrival: Arrival, outcome?: Outcome): Promise<Applied | 'DUPLICATE'> {
    return this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<any>;
      const row = (await storeEvents(db, processorId, [arrival])).get(arrival.eventId);
      if (!row) return 'DUPLICATE';
      if (outcome) await record(db, [[row.id, outcome]]);
      return { status: outcome?.status ?? row.status, wakes: [] };
    });
  }

  /** Applies the open ones of these events by their types' handlers (runs of one type and processor) and records their outcomes; how each stands, by row id. */
  private async applyRows(tx: LedgerTransaction, db: Kysely<any>, rows: readonly EventRow[]): Promise<Map<string, Applied>> {
    const applied = new Map(rows.map((row): [string, Applied] => [row.id, { status: row.status, wakes: [] }]));
    const open = rows.filter((row) => openStatuses.includes(row.status));
    const context = { tx, db, terms: this.terms, now: this.clock.now() };
    const outcomes: [string, Outcome][] = [];
    for (const run of runsOf(open)) {
      const items = run.map((row) => ({ event: { id: row.id, webhookId: row.event_id, processorId: row.processor_id, type: row.type }, body: JSON.parse(row.raw_body.toString('utf8')) as Record<string, unknown> }));
      const results = await eventHandlers[run[0].type](context, items);
      run.forEach((row, index) => {
        const outcome = results[index];
        outcomes.push([row.id, outcome]);
        applied.set(row.id, { status: outcome.status, processorId: row.processor_id, wakes: outcome.status === ProcessorEventStatus.APPLIED ? outcome.wakes ?? [] : [] });
      });
    }
    await record(db, outcomes);
    return applied;
  }

  /** Marks an event REJECTED after its transaction rolled back, unless another applier settled it meanwhile. */
  private async reject(eventId: string, note: string): Promise<Applied> {
    return this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<any>;
      const [row] = await lockedEvents(db, [eventId]);
      if (!row || !openStatuses.includes(row.status)) return { status: row?.status ?? ProcessorEventStatus.REJECTED, wakes: [] };
      await record(db, [[eventId, rejected(note)]]);
      return { status: ProcessorEventStatus.REJECTED, wakes: [] };
    });
  }

  private db(): Kysely<any> {
    return this.orm.em.fork().getKysely() as Kysely<any>;
  }
}

/** The events' rows, locked in id order, with what applying them reads. */
async function lockedEvents(db: Kysely<any>, ids: readonly string[]): Promise<EventRow[]> {
  const { rows } = await sql<EventRow>`select e.id::text as id,
    e.event_id, e.processor_id::text as processor_id, e.type, e.status, e.raw_body from settlement_processor_event e where e.id = any(${ids}::bigint[]) order by e.id for update`.execute(db);
  return rows;
}

/** The events in id order, cut wherever the type or the processor changes: each run goes to its type's handler whole. */
function runsOf<T extends { type: string; processor_id: string }>(rows: T[]): T[][] {
  const runs: T[][] = [];
  for (const row of rows) {
    const last = runs.at(-1);
    if (last && last[0].type === row.type && last[0].processor_id === row.processor_id) last.push(row);
    else runs.push([row]);
  }
  return runs;
}

/** Writes each event's outcome: its status, entry, note and what it awaits, in one statement. */
async function record(db: Kysely<any>, outcomes: readonly [string, Outcome][]): Promise<void> {
  if (outcomes.length === 0) return;
  const column = <T>(pick: (outcome: Outcome) => T) => outcomes.map(([, outcome]) => pick(outcome));
  await sql`update settlement_processor_event e set status = v.status::settlement_processor_event_status, entry_id = v.entry_id, note = v.note, awaiting = v.awaiting
    from unnest(${outcomes.map(([id]) => id)}::bigint[], ${column((o) => o.status)}::text[],
      ${column((o) => (o.status === ProcessorEventStatus.APPLIED ? o.entryId : null))}::bigint[],
      ${column((o) => ('note' in o ? o.note.slice(0, 500) : null))}::text[], ${column((o) => ('awaiting' in o ? o.awaiting.slice(0, 210) : null))}::text[])
      as v(id, status, entry_id, note, awaiting)
    where e.id = v.id`.execute(db);
}
