import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type NotNull } from 'kysely';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
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

type Listener = (event: OutboxEvent) => void;

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

  /** One event to its subscribers: every-event ones, then each routed one at most once. */
  private dispatch(event: OutboxEvent): void {
    for (const listener of this.listeners) listener(event);
    for (const [router, byKey] of this.routed) {
      if (byKey.size === 0) continue;
      const reached = new Set<Listener>();
      for (const key of router(event)) {
        for (const listener of byKey.get(key) ?? []) {
          if (reached.has(listener)) continue;
          reached.add(listener);
          listener(event);
        }
      }
    }
  }

  private async maxSeq(): Promise<bigint> {
    const db = this.orm.em.fork().getKysely<OutboxDatabase>();
    const { rows: [row] } = await sql<{ last: string }>`select coalesce(max(seq), 0)::text as last from ledger_event`.execute(db);
    return BigInt(row.last);
  }

  /** Reads events after `after`, in order, one page. */
  async readAfter(after: bigint, limit: number): Promise<OutboxEvent[]> {
    const rows = await this.orm.em.fork().getKysely<OutboxDatabase>().selectFrom('ledger_event')
      .select(['seq', 'type', 'payload']).where('seq', '>', String(after)).orderBy('seq').limit(limit)
      .$narrowType<{ seq: NotNull }>().execute();
    return rows.map((row) => ({ seq: BigInt(row.seq), type: row.type, payload: row.payload }));
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
        const events = await this.readAfter(this.lastSeq, limits.eventReplayPageMax);
        for (const event of events) {
          this.lastSeq = event.seq;
          this.dispatch(event);
        }
        if (events.length < limits.eventReplayPageMax) return;
      }
    } catch (error) {
      logger.error({ err: error }, 'reading ledger events failed; the next wake retries');
    }
  }

  /**
   * A stream of events after `after` (or from now), each expanded by `expand` into the items a
   * subscriber receives (none to skip it). Replay is read from the outbox page by page as the
   * subscriber consumes it; live events that arrive meanwhile wait and follow it, skipping any the
   * replay already gave. `return()` (the client unsubscribed) detaches at once.
   */
  stream<T>(after: bigint | undefined, expand: (event: OutboxEvent) => T[], options: StreamOptions = {}): AsyncIterableIterator<T> {
    const out: T[] = [];
    const live: OutboxEvent[] = [];
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
    const listener: Listener = (event) => (replaying ? live.push(event) : deliver(event, true));
    const detach = this.attach(listener, options.route);
    const close = () => { closed = true; detach(); wake(); wakeReplay?.(); };
    if (replaying) {
      void (async () => {
        try {
          for (;;) {
            while (out.length >= limits.eventReplayPageMax && !closed) await new Promise<void>((r) => { wakeReplay = r; });
            if (closed) return;
            const page = await this.readAfter(last, limits.eventReplayPageMax);
            page.forEach((event) => deliver(event));
            if (page.length < limits.eventReplayPageMax) break;
          }
        } catch (error) {
          failure = error as Error;
        } finally {
          replaying = false;
          live.splice(0).forEach((event) => deliver(event));
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
            const seq = outSeqs.shift()!;
            // Taken whole only when no item of the same event is still waiting.
            if (outSeqs[0] !== seq) taken = seq;
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
