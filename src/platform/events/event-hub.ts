import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
import { EventsExpiredError } from './event.errors.js';
import type { ListenerState, PgListener } from './pg-listener.js';
import type { OutboxDatabase } from './outbox.db.js';
import { eventsChannel } from './outbox-relay.js';
import { SubscriptionInterruptedError } from './interrupted.js';

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

/** A subscriber's share of a page the hub read; `gap` when the hub itself missed deleted events. */
type Listener = (page: EventPage, gap: boolean) => void;

/**
 * The keys an event concerns (account ids, user ids): a module-level function of the event, the
 * same one for every subscription that routes by it, so the hub computes it once per event.
 */
export type EventRouter = (event: OutboxEvent) => readonly string[];

export interface StreamOptions {
  /**
   * Only events whose router keys meet these reach the subscriber's `expand` (which still filters:
   * the route is an index, not the rule). Without a route a subscriber sees every event.
   */
  route?: { by: EventRouter; keys: Iterable<string> };
}

export interface EventHubOptions {
  /** Items a slow subscriber may have waiting before it is cut off (resumable). */
  subscriberBufferMax?: number;
}

/**
 * Delivers numbered outbox events to this gateway's subscribers. It hears the relay's NOTIFY on
 * the gateway's LISTEN connection (and polls, in case a notification is lost with that connection),
 * reads new events in sequence order, and fans them out. A subscriber may start `after` a sequence it saw before: it first
 * replays the missed events from the outbox, then continues live, with no gap and no repeat.
 * Where the retention deleted events a subscriber has not had (its `after`, or its position,
 * is below the floor), its stream ends with EVENTS_EXPIRED instead of going on with a gap.
 */
export class EventHub {
  /** Subscribers of every event. */
  private readonly listeners = new Set<Listener>();
  /** Subscribers of some keys, by router and key: an event reaches only those of its keys. */
  private readonly routed = new Map<EventRouter, Map<string, Set<Listener>>>();
  private routedCount = 0;
  private lastSeq = 0n;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private stopped = false;

  private readonly subscriberBufferMax: number;

  constructor(private readonly orm: MikroORM, private readonly connection: PgListener, options: EventHubOptions = {}) {
    this.subscriberBufferMax = options.subscriberBufferMax ?? limits.subscriberBufferMax;
    connection.on(eventsChannel, () => this.wake());
    // Whatever was committed while no NOTIFY could arrive is read as soon as LISTEN is back.
    connection.onConnected(() => this.wake());
  }

  /** `listening`, or `reconnecting` while the LISTEN connection is being re-established (shown in /readyz). */
  get listenerState(): ListenerState {
    return this.connection.state;
  }

  /** Reads the newest sequence number; events after it are delivered live. Start before the listener. */
  async start(): Promise<void> {
    this.lastSeq = await this.maxSeq();
    this.started = true;
    this.timer = setInterval(() => this.wake(), 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.reading;
  }

  get subscriberCount(): number {
    return this.listeners.size + this.routedCount;
  }

  private attach(listener: Listener, route: StreamOptions['route']): () => void {
    if (!route) {
      this.listeners.add(listener);
      return () => { this.listeners.delete(listener); };
    }
    let byKey = this.routed.get(route.by);
    if (!byKey) this.routed.set(route.by, byKey = new Map());
    const keys = [...new Set(route.keys)];
    for (const key of keys) {
      let set = byKey.get(key);
      if (!set) byKey.set(key, set = new Set());
      set.add(listener);
    }
    this.routedCount += 1;
    return () => {
      for (const key of keys) {
        const set = byKey!.get(key);
        set?.delete(listener);
        if (set?.size === 0) byKey!.delete(key);
      }
      this.routedCount -= 1;
    };
  }

  /**
   * One page to its subscribers: every-event ones get it whole; each routed one gets the events of
   * its keys (each once), and only if there are any, unless the page shows a gap, which all get.
   */
  private dispatch(page: EventPage, gap: boolean): void {
    for (const listener of this.listeners) listener(page, gap);
    for (const [router, byKey] of this.routed) {
      const reached = new Map<Listener, OutboxEvent[]>();
      if (gap) for (const set of byKey.values()) for (const listener of set) reached.set(listener, []);
      for (const event of page.events) {
        for (const key of router(event)) {
          for (const listener of byKey.get(key) ?? []) {
            let events = reached.get(listener);
            if (!events) reached.set(listener, events = []);
            if (events.at(-1) !== event) events.push(event);
          }
        }
      }
      for (const [listener, events] of reached) listener({ ...page, events }, gap);
    }
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
    if (this.stopped || !this.started) return;
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
        if (page.events.length > 0 || gap) this.dispatch(page, gap);
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
  stream<T>(after: bigint | undefined, expand: (event: OutboxEvent) => T[], options: StreamOptions = {}): AsyncIterableIterator<T> {
    const out: T[] = [];
    const live: [EventPage, boolean][] = [];
    let last = after ?? this.lastSeq;
    let replaying = after !== undefined;
    let closed = false;
    let failure: Error | undefined;
    let wakeReader: (() => void) | undefined;
    let wakeReplay: (() => void) | undefined;
    const wake = () => { const w = wakeReader; wakeReader = undefined; w?.(); };
    // The last sequence the subscriber has taken (all of its items): where a resubscription resumes.
    let taken = after ?? this.lastSeq;
    // A replay is paced by the reader (a page at a time); only live pushes can outrun it.
    const deliver = (event: OutboxEvent, pushed = false) => {
      if (event.seq <= last || failure) return;
      last = event.seq;
      for (const item of expand(event)) out.push(item), outSeqs.push(event.seq);
      if (pushed && out.length > this.subscriberBufferMax) {
        // Cut off, never slowing the others: it resumes from what it took.
        failure = new SubscriptionInterruptedError(String(taken), `the subscriber fell more than ${this.subscriberBufferMax} events behind`);
        out.length = 0;
        outSeqs.length = 0;
      }
      wake();
    };
    const outSeqs: bigint[] = [];
    // The replay checks each page against its own position; a live page only when the hub itself
    // missed events (`gap`): a routed subscriber's position stays where its last event was.
    const receive = (page: EventPage, gap?: boolean) => {
      if (failure || closed) return;
      if (page.floor > last && gap !== false) {
        failure = new EventsExpiredError(last, page.floor, page.oldest);
        wake();
        return;
      }
      for (const event of page.events) deliver(event, gap !== undefined);
    };
    const listener: Listener = (page, gap) => (replaying ? live.push([page, gap]) : receive(page, gap));
    const detach = this.attach(listener, options.route);
    // What was waiting is dropped with the subscriber: a stream returned to while its consumer was
    // still busy with an earlier item would otherwise hand that consumer its whole backlog (up to
    // subscriberBufferMax events, each executed for nobody) before it ended.
    const close = () => { closed = true; out.length = 0; outSeqs.length = 0; detach(); wake(); wakeReplay?.(); };
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
          for (const [page, gap] of live.splice(0)) receive(page, gap);
          wake();
        }
      })();
    }
    return {
      [Symbol.asyncIterator]() { return this; },
      async next(): Promise<IteratorResult<T>> {
        for (;;) {
          if (closed) return { value: undefined, done: true };
          if (out.length > 0) {
            const value = out.shift()!;
            const seq = outSeqs.shift()!;
            // Taken whole only when no item of the same event is still waiting.
            if (outSeqs[0] !== seq) taken = seq;
            if (out.length < limits.eventReplayPageMax) { const r = wakeReplay; wakeReplay = undefined; r?.(); }
            return { value, done: false };
          }
          if (failure) { close(); throw failure; }
          await new Promise<void>((resolve) => { wakeReader = resolve; });
        }
      },
      async return(): Promise<IteratorResult<T>> { close(); return { value: undefined, done: true }; },
      async throw(error?: unknown): Promise<IteratorResult<T>> { close(); throw error; },
    };
  }
}
