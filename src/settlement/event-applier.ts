import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import type { LedgerService } from '../ledger/index.js';
import type { Clock } from '../platform/clock.js';
import { FolioError } from '../platform/errors.js';
import { EventData, UnreadableEvent } from './event-data.js';
import { rejected, type Outcome } from './event-handler.js';
import { eventHandlers } from './event-handlers.js';
import { settlementLimits } from './settlement.config.js';
import { ProcessorEventStatus } from './settlement.enums.js';
import type { SettlementTermsReader } from './settlement-terms.js';

/** The statuses an event is applied from: stored and not applied, or waiting for what it names. */
const openStatuses = [ProcessorEventStatus.RECEIVED, ProcessorEventStatus.WAITING, ProcessorEventStatus.UNMATCHED];

interface Applied { status: ProcessorEventStatus; processorId?: string; wakes: string[] }

/**
 * Applies stored events by their type's handler, each in one transaction with the event's row
 * locked: whoever applies an event (its delivery, the sweeper, the arrival of what it waited for)
 * applies it once, and what it posted and how it stands commit together. A handler's entry has
 * the event's idempotency key besides, so a rerun after a crash replays instead of posting twice.
 */
export class EventApplier {
  constructor(private readonly orm: MikroORM, private readonly ledger: LedgerService, private readonly terms: SettlementTermsReader, private readonly clock: Clock) {}

  /** Applies an event unless it is applied or settled already; then applies what its arrival wakes. Returns how it stands. */
  async apply(eventId: string): Promise<ProcessorEventStatus> {
    const applied = await this.applyOnce(eventId);
    for (const key of applied.wakes) await this.wake(applied.processorId!, key);
    return applied.status;
  }

  /** Applies the events of a processor that await `key` (`charge:<id>`, `dispute:<id>`, `merchant:<id>`), oldest first, a batch at a time. */
  async wake(processorId: string, key: string): Promise<void> {
    for (let after = '0'; ;) {
      const { rows } = await sql<{ id: string }>`select id::text from settlement_processor_event
        where processor_id = ${processorId}::bigint and awaiting = ${key} and status = any(${openStatuses}::settlement_processor_event_status[]) and id > ${after}::bigint
        order by id limit ${settlementLimits.workerBatchMax}`.execute(this.db());
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

  private async applyOnce(eventId: string): Promise<Applied> {
    try {
      return await this.ledger.transaction(this.orm.em, async (tx) => {
        const db = tx.em.getKysely() as Kysely<any>;
        const row = await lockedEvent(db, eventId);
        if (!row || !openStatuses.includes(row.status)) return { status: row?.status ?? ProcessorEventStatus.REJECTED, wakes: [] };
        const event = { id: row.id, processorId: row.processor_id, type: row.type };
        const outcome = await this.handle(row.raw_body, async (data) => eventHandlers[row.type]({ tx, db, event, data, terms: this.terms }));
        await record(db, eventId, outcome);
        return { status: outcome.status, processorId: row.processor_id, wakes: outcome.status === ProcessorEventStatus.APPLIED ? outcome.wakes ?? [] : [] };
      });
    } catch (error) {
      // The ledger refused the entry (an account frozen, a balance past its range): the event's fault, not a crash.
      if (!(error instanceof FolioError)) throw error;
      return this.reject(eventId, `${error.code}: ${error.message}`);
    }
  }

  /** Runs the handler on the body's data; data it cannot read makes the event REJECTED. */
  private async handle(body: Buffer, handler: (data: EventData) => Promise<Outcome>): Promise<Outcome> {
    try {
      return await handler(EventData.of(JSON.parse(body.toString('utf8')) as Record<string, unknown>, this.clock.now()));
    } catch (error) {
      if (error instanceof UnreadableEvent) return rejected(error.message);
      throw error;
    }
  }

  /** Marks an event REJECTED after its transaction rolled back, unless another applier settled it meanwhile. */
  private async reject(eventId: string, note: string): Promise<Applied> {
    return this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<any>;
      const row = await lockedEvent(db, eventId);
      if (!row || !openStatuses.includes(row.status)) return { status: row?.status ?? ProcessorEventStatus.REJECTED, wakes: [] };
      await record(db, eventId, rejected(note));
      return { status: ProcessorEventStatus.REJECTED, wakes: [] };
    });
  }

  private db(): Kysely<any> {
    return this.orm.em.fork().getKysely() as Kysely<any>;
  }
}

async function lockedEvent(db: Kysely<any>, id: string) {
  const { rows: [row] } = await sql<{ id: string; processor_id: string; type: string; status: ProcessorEventStatus; raw_body: Buffer }>`select id::text,
    processor_id::text, type, status, raw_body from settlement_processor_event where id = ${id}::bigint for update`.execute(db);
  return row;
}

async function record(db: Kysely<any>, id: string, outcome: Outcome): Promise<void> {
  const entryId = outcome.status === ProcessorEventStatus.APPLIED ? outcome.entryId : null;
  const note = 'note' in outcome ? outcome.note.slice(0, 500) : null;
  const awaiting = 'awaiting' in outcome ? outcome.awaiting.slice(0, 210) : null;
  await sql`update settlement_processor_event set status = ${outcome.status}::settlement_processor_event_status, entry_id = ${entryId}::bigint,
    note = ${note}, awaiting = ${awaiting} where id = ${id}::bigint`.execute(db);
}
