import { sql, type Kysely } from 'kysely';
import { CoherentCache, type CoherentCacheOptions } from '../cache/coherent-cache.js';
import { logger } from '../logger.js';
import type { PgListener } from './pg-listener.js';

/** The NOTIFY channel of every invalidation; the payload is `<topic>:<key>`, or `*` for everything. */
export const invalidationChannel = 'folio_invalidate';

/** An invalidation payload that clears every cache (`NOTIFY folio_invalidate, '*'` after a change made by hand). */
export const invalidateEverything = '*';

const topicPattern = /^[a-z][a-z0-9.-]{0,63}$/;
/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; keys are ids, far shorter. */
const keyLengthMax = 1_000;

/**
 * Sends an invalidation of `key` under `topic` inside the caller's open transaction. PostgreSQL
 * delivers a NOTIFY when, and only if, its transaction commits, to every gateway LISTENing then:
 * a rolled-back change invalidates nothing, and no gateway hears of a change before it is visible.
 * Needs no running gateway (a script may send it).
 */
export async function notifyInvalidation(db: Kysely<any>, topic: string, key: string): Promise<void> {
  if (!topicPattern.test(topic) || key.length > keyLengthMax) throw new Error(`bad invalidation ${topic}: a topic is lower-case, a key at most ${keyLengthMax} characters`);
  await sql`select pg_notify(${invalidationChannel}, ${`${topic}:${key}`})`.execute(db);
}

/**
 * The gateway's invalidation channel: modules keep rows in memory (`cache`) and hear of their
 * changes from any gateway (`on`), over the gateway's LISTEN connection. While that connection is
 * down a notification could be missed, so every cache made here is bypassed then, and cleared when
 * the connection is lost and again once LISTEN is back.
 */
export class Invalidations {
  private readonly topics = new Map<string, ((key: string) => void)[]>();
  private readonly caches: CoherentCache<unknown>[] = [];

  constructor(private readonly connection: PgListener) {
    connection.on(invalidationChannel, (payload) => this.receive(payload));
    connection.onLost(() => this.clearAll());
    connection.onConnected(() => this.clearAll());
  }

  /** Whether invalidations can arrive now; caches serve nothing while this is false. */
  get live(): boolean {
    return this.connection.state === 'listening';
  }

  /** A cache kept coherent by this channel (its owner deletes entries from its `on` handlers). */
  cache<V>(options: CoherentCacheOptions): CoherentCache<V> {
    const cache = new CoherentCache<V>(() => this.live, options);
    this.caches.push(cache as CoherentCache<unknown>);
    return cache;
  }

  /** Calls `handler` with the key of every invalidation under `topic`, from any gateway. */
  on(topic: string, handler: (key: string) => void): void {
    if (!topicPattern.test(topic)) throw new Error(`bad invalidation topic ${topic}`);
    this.topics.set(topic, [...(this.topics.get(topic) ?? []), handler]);
  }

  /**
   * Applies an invalidation in this process at once, after the transaction that sent it has
   * committed: the caller's next request must not wait for its own NOTIFY to come back.
   */
  deliver(topic: string, key: string): void {
    for (const handler of this.topics.get(topic) ?? []) handler(key);
  }

  private receive(payload: string): void {
    const colon = payload.indexOf(':');
    if (payload === invalidateEverything || colon < 1) {
      if (payload !== invalidateEverything) logger.warn({ channel: invalidationChannel }, 'malformed invalidation: clearing every cache');
      this.clearAll();
      return;
    }
    this.deliver(payload.slice(0, colon), payload.slice(colon + 1));
  }

  private clearAll(): void {
    for (const cache of this.caches) cache.clear();
  }
}
