import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
import { PollingWorker } from '../worker.js';
import type { OutboxDatabase } from './outbox.db.js';

/** The window the outbox keeps and how often it is enforced (PlatformConfig's EVENT_RETENTION_* settings). */
export interface RetentionSettings {
  eventRetentionSeconds: number;
  eventRetentionEvents: number;
  eventRetentionIntervalMs: number;
  /** NATS_URL is set: nothing is deleted that JetStream has not acknowledged. */
  natsUrl?: string;
}

/** What the retention reports to the gateway's metrics (GatewayMetrics implements it). */
export interface RetentionMetrics {
  eventsDeleted(count: number): void;
  oldestEventSequence(seq: bigint | undefined): void;
}

/**
 * Deletes outbox events outside the retention window, oldest first, in batches of at most
 * `eventRetentionBatchMax` sequence numbers per transaction. An event goes once it is older than
 * EVENT_RETENTION_SECONDS or no longer among the newest EVENT_RETENTION_EVENTS sequence numbers,
 * and only after every event numbered before it: what is deleted is always the range from the
 * start up to the floor, so the floor alone says which resume points still replay whole.
 *
 * Only numbered events are ever deleted (the relay's work list, `seq is null`, is never touched),
 * and the relay numbers above the floor, so it needs no event kept. Every gateway runs the
 * worker; the floor's row, locked FOR UPDATE SKIP LOCKED, makes one delete at a time while the
 * others skip their pass.
 */
export class OutboxRetention extends PollingWorker {
  constructor(private readonly orm: MikroORM, private readonly settings: RetentionSettings, private readonly report?: RetentionMetrics, registry?: Registry) {
    super({ name: 'outbox-retention', intervalMs: settings.eventRetentionIntervalMs, pollWhileBusy: 'skip', registry });
  }

  /** One batch; another at once when it was full. The oldest-sequence gauge is read after it, here or not. */
  protected async pass(): Promise<boolean> {
    const { full } = await this.deleteBatch();
    const db = this.orm.em.fork().getKysely<OutboxDatabase>();
    const { rows: [row] } = await sql<{ oldest: string | null }>`select min(seq)::text as oldest from ledger_event`.execute(db);
    this.report?.oldestEventSequence(row.oldest === null ? undefined : BigInt(row.oldest));
    return full;
  }

  /**
   * One retention transaction: deletes the events past the window in the next range of at most
   * `eventRetentionBatchMax` sequence numbers above the floor, and raises the floor to the last of
   * them. Returns how many it deleted (0 when another gateway holds the floor's row).
   */
  async runOnce(): Promise<number> {
    return (await this.deleteBatch()).deleted;
  }

  /** runOnce, and whether the range was a whole batch (so more may be waiting). */
  private async deleteBatch(): Promise<{ deleted: number; full: boolean }> {
    const result = await this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely<OutboxDatabase>();
      const { rows: [locked] } = await sql<{ floor: string; published: string }>`
        select deleted_through::text as floor, coalesce(broker_published_through, 0)::text as published from ledger_event_retention where id = 1 for update skip locked`.execute(db);
      if (!locked) return { deleted: 0, floor: 0n, full: false };
      const floor = BigInt(locked.floor);
      const { rows: [{ top }] } = await sql<{ top: string }>`select coalesce(max(seq), 0)::text as top from ledger_event`.execute(db);
      // With a broker, an event stays until JetStream has acknowledged it, however old.
      const keepFrom = this.settings.natsUrl ? BigInt(locked.published) : BigInt(top);
      const end = min(min(floor + BigInt(limits.eventRetentionBatchMax), BigInt(top)), keepFrom);
      if (end <= floor) return { deleted: 0, floor, full: false };
      // Events at or below this one are past the count window; above it, the first event still
      // inside the time window ends the range (an index scan of at most one batch).
      const countEdge = BigInt(top) - BigInt(this.settings.eventRetentionEvents);
      const { rows: [keeper] } = await sql<{ seq: string }>`
        select e.seq::text as seq from ledger_event e
        where e.seq > ${String(max(floor, countEdge))} and e.seq <= ${String(end)}
          and e.created_at >= now() - make_interval(secs => ${this.settings.eventRetentionSeconds})
        order by e.seq limit 1`.execute(db);
      const upTo = keeper ? BigInt(keeper.seq) - 1n : end;
      if (upTo <= floor) return { deleted: 0, floor, full: false };
      const deleted = await db.deleteFrom('ledger_event').where('seq', '>', String(floor)).where('seq', '<=', String(upTo)).executeTakeFirst();
      await db.updateTable('ledger_event_retention').set({ deleted_through: String(upTo), updated_at: sql`now()` }).where('id', '=', 1).execute();
      return { deleted: Number(deleted.numDeletedRows), floor: upTo, full: upTo - floor === BigInt(limits.eventRetentionBatchMax) };
    });
    if (result.deleted > 0) {
      this.report?.eventsDeleted(result.deleted);
      logger.debug({ deleted: result.deleted, deletedThrough: String(result.floor) }, 'outbox retention deleted events past the window');
    }
    return result;
  }
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
