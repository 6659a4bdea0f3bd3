/** How big a cache may grow and how long an entry is trusted without hearing of a change. */
export interface CoherentCacheOptions {
  entriesMax: number;
  ttlMs: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Rows read from the database, kept in memory only while they are known to be current: whoever
 * changes a row sends an invalidation in the changing transaction (platform/events/invalidations),
 * and the cache drops the entry when it arrives. Three rules keep an entry from outliving a change:
 * - nothing is served or stored while `live()` is false (the LISTEN connection is down, so an
 *   invalidation could be missed), and the owner clears the cache when it goes down and comes back;
 * - a row read before an invalidation and stored after it would be stale for good, so `set` takes
 *   the mark read before the row was, and stores nothing if any invalidation or clear came since;
 * - an entry is dropped after `ttlMs` however quiet the channel, as a backstop.
 * Least recently used entries go first beyond `entriesMax`. Only what `set` is given is kept: the
 * caller decides what deserves a place (nothing an unauthenticated caller can choose, say).
 */
export class CoherentCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private generation = 0;

  constructor(private readonly live: () => boolean, private readonly options: CoherentCacheOptions, private readonly now: () => number = Date.now) {}

  /** The current value, or undefined when not cached, expired, or while invalidations may be missed. */
  get(key: string): V | undefined {
    if (!this.live()) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    // Re-inserted, so the Map's order is least recently used first.
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Take this before reading the row that `set` will store. */
  mark(): number {
    return this.generation;
  }

  /** Stores a row read after `mark` was taken, unless something was invalidated since. */
  set(key: string, value: V, mark: number): void {
    if (mark !== this.generation || !this.live()) return;
    this.entries.delete(key);
    if (this.entries.size >= this.options.entriesMax) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
  }

  delete(key: string): void {
    this.generation += 1;
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches (a user's change invalidates the keys that act for it). */
  deleteWhere(matches: (value: V) => boolean): void {
    this.generation += 1;
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
