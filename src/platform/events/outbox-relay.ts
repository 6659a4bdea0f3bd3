import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { limits } from '../limits.js';
import { PollingWorker } from '../worker.js';
import type { OutboxDatabase } from './outbox.db.js';

/** Advisory lock key that makes one relay run at a time across every gateway on the database. */
const relayLockKey = 0x666f6c696f; // "folio"
export const eventsChannel = 'folio_events';

/**
 * Numbers committed outbox events in an order that never goes back in time. Only one relay runs at
 * a time (an advisory lock held to its commit), and a relay can number only rows already committed,
 * so each run's numbers are above every number visible before it: a subscriber that has seen
 * sequence N will never later find an event below N. An open transaction holds back nothing but its
 * own events. Any gateway may run the relay; each run ends with a NOTIFY that wakes every
 * gateway's EventHub. Numbers continue above the retention floor as well as above the newest
 * event: after the retention deleted every event, the next is still above all it deleted, so no
 * number is ever given twice and no resume point is ever behind a new event.
 */
export class OutboxRelay extends PollingWorker {
  constructor(private readonly orm: MikroORM, registry?: Registry) {
    // Stop drains: every event committed before it is numbered, so the last NOTIFY reaches the hubs.
    super({ name: 'outbox-relay', intervalMs: limits.relayPollIntervalMs, drainOnStop: true, registry });
  }

  /** One run; more waits when it numbered a whole batch. */
  protected async pass(): Promise<boolean> {
    return (await this.runOnce()) >= limits.relayBatchMax;
  }

  /** One relay transaction; returns how many events it numbered. */
  async runOnce(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely<OutboxDatabase>();
      const { rows: [lock] } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(${relayLockKey}) as got`.execute(db);
      if (!lock.got) return 0;
      const { rows: [result] } = await sql<{ last: string | null; n: number }>`
        with ready as (
          select id from ledger_event
          where seq is null
          order by id limit ${limits.relayBatchMax}),
        base as (select greatest(coalesce(max(seq), 0), (select deleted_through from ledger_event_retention where id = 1)) as b from ledger_event),
        numbered as (
          update ledger_event e set seq = base.b + r.rn
          from (select id, row_number() over (order by id) as rn from ready) r, base
          where e.id = r.id returning e.seq)
        select max(seq)::text as last, count(*)::int as n from numbered`.execute(db);
      if (result.n > 0) await sql`select pg_notify(${eventsChannel}, ${result.last})`.execute(db);
      return result.n;
    });
  }
}
