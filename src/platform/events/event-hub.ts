import pg from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
import { EventsExpiredError } from './event.errors.js';
import type { OutboxDatabase } from './outbox.db.js';
import { eventsChannel } from './outbox-relay.js';

/**
 * A numbered outbox event as subscribers receive it. The ledger's entry events and each module's
 * own events share the outbox (one sequence, one resume cursor); `type` tells them apart and each
 * subscription reads only the types it knows.
 */
export interface OutboxEvent {
  seq: bigint;
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Events read in one statement, with the retention floor of the same snapshot: every event up to
 * `floor` was deleted, every one above it is still there. A reader whose position is below the
 * floor has lost events (EVENTS_EXPIRED). `oldest` is the oldest event still kept.
 */
export interface EventPage {
  floor: bigint;
  oldest: bigint | undefined;
  events: OutboxEvent[];
}

type Listener = (page: EventPage) => void;

/** Events a slow subscriber may have waiting before it is cut off. */
const subscriberBufferMax = 10_000;

/**
 * Delivers numbered outbox events to this gateway's subscribers. It LISTENs for the relay's NOTIFY
 * (and polls, in case a notification is lost with a connection), reads new events in sequence
 * order, and fans them out. A subscriber may start `after` a sequence it saw before: it first
 * replays the missed events from the outbox, then continues live, with no gap and no repeat.
 * Where the retention deleted events a subscriber has not had (its `after`, or its position,
 * is below the floor), its stream ends with EVENTS_EXPIRED instead of going on with a gap.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private lastSeq = 0n;
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private stopped = false;
  private reconnecting: Promise<void> | undefined;
  private readonly reconnects: Counter;

  constructor(private readonly orm: MikroORM, private readonly databaseUrl: string, registry?: Registry) {
    const registers = registry ? [registry] : [];
    // 1 while this gateway LISTENs for the relay's NOTIFY; 0 while it reconnects (events then come by the 1 s poll).
    const hub = this;
    new Gauge({ name: 'folio_event_listener_connected', help: 'Whether the event hub is LISTENing for new events (1) or reconnecting (0).', registers,
      collect() { this.set(hub.client ? 1 : 0); } });
    this.reconnects = new Counter({ name: 'folio_event_listener_reconnects_total', help: 'Times the event hub re-established its LISTEN connection after losing it.', registers });
  }

  /** `listening`, or `reconnecting` while the LISTEN connection is being re-established (shown in /readyz). */
  get listenerState(): 'listening' | 'reconnecting' {
    return this.client ? 'listening' : 'reconnecting';
  }

  async start(): Promise<void> {
    this.lastSeq = await this.maxSeq();
    await this.listen();
    this.timer = setInterval(() => this.wake(), 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.reading;
    await this.reconnecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', () => this.wake());
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      this.client = undefined;
      void this.reconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`listen ${eventsChannel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    // Whatever was committed while no NOTIFY could arrive is read now.
    this.wake();
  }

  /**
   * Re-establishes LISTEN after the connection was lost, with backoff and jitter, until it succeeds
   * or the hub stops: a PostgreSQL that is restarting refuses connections (57P03) for a while, and
   * push must come back by itself when it is up again. Meanwhile the 1 s poll delivers events.
   */
  private reconnect(): Promise<void> {
    this.reconnecting ??= (async () => {
      for (let attempt = 1; !this.stopped; attempt += 1) {
        const delay = Math.min(limits.eventListenerReconnectMaxMs, 250 * 2 ** Math.min(attempt - 1, 8));
        await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * delay / 2));
        if (this.stopped) return;
        try {
          await this.listen();
          this.reconnects.inc();
          logger.info({ attempt }, 'event listener reconnected');
          return;
        } catch (error) {
          logger.warn({ err: error, attempt }, 'event listener reconnect failed; trying again');
        }
      }
    })().finally(() => { this.reconnecting = undefined; });
    return this.reconnecting;
  }

  /** The newest sequence number given: the newest event's, or the floor when the retention deleted every one. */
  private async maxSeq(): Promise<bigint> {
    const db = this.orm.em.fork().getKysely<OutboxDatabase>();
    const { rows: [row] } = await sql<{ last: string }>`select greatest(coalesce(max(seq), 0),
      (select deleted_through from ledger_event_retention where id = 1))::text as last from ledger_event`.execute(db);
    return BigInt(row.last);
  }

  /**
   * Reads events after `after`, in order, one page, and the retention floor and oldest event of the
   * same snapshot (one statement), so a gap the retention made is always seen with the page.
   */
  async readPage(after: bigint, limit: number): Promise<EventPage> {
    const db = this.orm.em.fork().getKysely<OutboxDatabase>();
    const { rows } = await sql<{ floor: string; oldest: string | null; seq: string | null; type: string | null; payload: Record<string, unknown> | null }>`
      select r.floor::text as floor, (select min(seq) from ledger_event)::text as oldest, e.seq, e.type, e.payload
      from (select coalesce((select deleted_through from ledger_event_retention where id = 1), 0) as floor) r
      left join lateral (
        select seq, type, payload from ledger_event where seq > ${String(after)} order by seq limit ${limit}
      ) e on true
      order by e.seq`.execute(db);
    const [first] = rows;
    return {
      floor: BigInt(first.floor),
      oldest: first.oldest === null ? undefined : BigInt(first.oldest),
      events: rows.filter((row) => row.seq !== null).map((row) => ({ seq: BigInt(row.seq!), type: row.type!, payload: row.payload! })),
    };
  }

  /** Reads events after `after`, in order, one page. */
  async readAfter(after: bigint, limit: number): Promise<OutboxEvent[]> {
    return (await this.readPage(after, limit)).events;
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.reading) { this.readAgain = true; return; }
    this.reading = this.drain().finally(() => { this.reading = undefined; if (this.readAgain) this.wake(); });
  }

  private async drain(): Promise<void> {
    this.readAgain = false;
    try {
      for (;;) {
        const page = await this.readPage(this.lastSeq, limits.eventReplayPageMax);
        // Events deleted before this hub read them: each subscriber that lacks them is ended.
        const gap = page.floor > this.lastSeq;
        const newest = page.events.at(-1)?.seq ?? page.floor;
        if (newest > this.lastSeq) this.lastSeq = newest;
        if (page.events.length > 0 || gap) for (const listener of this.listeners) listener(page);
        if (page.events.length < limits.eventReplayPageMax) return;
      }
    } catch (error) {
      logger.error({ err: error }, 'reading ledger events failed; the next wake retries');
    }
  }

  /**
   * A stream of events after `after` (or from now), each expanded by `expand` into the items a
   * subscriber receives (none to skip it). Replay is read from the outbox page by page as the
   * subscriber consumes it; live events that arrive meanwhile wait and follow it, skipping any the
   * replay already gave. `return()` (the client unsubscribed) detaches at once. A page whose
   * retention floor is above the stream's position means events it needed were deleted: the
   * stream ends with EVENTS_EXPIRED after what it had already delivered (never with a gap).
   */
  stream<T>(after: bigint | undefined, expand: (event: OutboxEvent) => T[]): AsyncIterableIterator<T> {
    const out: T[] = [];
    const live: EventPage[] = [];
    let last = after ?? this.lastSeq;
    let replaying = after !== undefined;
    let closed = false;
    let failure: Error | undefined;
    let wakeReader: (() => void) | undefined;
    let wakeReplay: (() => void) | undefined;
    const wake = () => { const w = wakeReader; wakeReader = undefined; w?.(); };
    const deliver = (event: OutboxEvent) => {
      if (event.seq <= last) return;
      last = event.seq;
      out.push(...expand(event));
      if (out.length > subscriberBufferMax) failure = new Error('subscriber fell too far behind; resubscribe with `after` to resume');
      wake();
    };
    const receive = (page: EventPage) => {
      if (failure || closed) return;
      if (page.floor > last) {
        failure = new EventsExpiredError(last, page.floor, page.oldest);
        wake();
        return;
      }
      page.events.forEach(deliver);
    };
    const listener: Listener = (page) => (replaying ? live.push(page) : receive(page));
    const close = () => { closed = true; this.listeners.delete(listener); wake(); wakeReplay?.(); };
    this.listeners.add(listener);
    if (replaying) {
      void (async () => {
        try {
          for (;;) {
            while (out.length >= limits.eventReplayPageMax && !closed) await new Promise<void>((r) => { wakeReplay = r; });
            if (closed) return;
            const page = await this.readPage(last, limits.eventReplayPageMax);
            receive(page);
            if (failure || page.events.length < limits.eventReplayPageMax) break;
          }
        } catch (error) {
          failure = error as Error;
        } finally {
          replaying = false;
          live.splice(0).forEach(receive);
          wake();
        }
      })();
    }
    return {
      [Symbol.asyncIterator]() { return this; },
      async next(): Promise<IteratorResult<T>> {
        for (;;) {
          if (out.length > 0) {
            const value = out.shift()!;
            if (out.length < limits.eventReplayPageMax) { const r = wakeReplay; wakeReplay = undefined; r?.(); }
            return { value, done: false };
          }
          if (failure) { close(); throw failure; }
          if (closed) return { value: undefined, done: true };
          await new Promise<void>((resolve) => { wakeReader = resolve; });
        }
      },
      async return(): Promise<IteratorResult<T>> { close(); return { value: undefined, done: true }; },
      async throw(error?: unknown): Promise<IteratorResult<T>> { close(); throw error; },
    };
  }
}
