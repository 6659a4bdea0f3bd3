import { describe, expect, it } from 'vitest';
import { CoherentCache } from '../../src/platform/cache/coherent-cache.js';

function cacheAt(options = { entriesMax: 3, ttlMs: 1_000 }) {
  const state = { live: true, now: 0 };
  const cache = new CoherentCache<string>(() => state.live, options, () => state.now);
  return { cache, state };
}

describe('CoherentCache', () => {
  it('serves what was stored under a current mark', () => {
    const { cache } = cacheAt();
    cache.set('a', 'row a', cache.mark());
    expect(cache.get('a')).toBe('row a');
    expect(cache.get('b')).toBeUndefined();
  });

  it.each([
    ['delete of any key', (c: CoherentCache<string>) => c.delete('other')],
    ['deleteWhere', (c: CoherentCache<string>) => c.deleteWhere(() => false)],
    ['clear', (c: CoherentCache<string>) => c.clear()],
  ])('stores nothing read before an invalidation that arrived before the store (%s)', (_what, invalidate) => {
    const { cache } = cacheAt();
    const mark = cache.mark();
    // ... the row is read here, the invalidation arrives, then the read completes:
    invalidate(cache);
    cache.set('a', 'stale row a', mark);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('serves and stores nothing while not live', () => {
    const { cache, state } = cacheAt();
    cache.set('a', 'row a', cache.mark());
    state.live = false;
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 'row b', cache.mark());
    state.live = true;
    expect(cache.get('b')).toBeUndefined();
  });

  it('drops an entry after its TTL', () => {
    const { cache, state } = cacheAt();
    cache.set('a', 'row a', cache.mark());
    state.now = 999;
    expect(cache.get('a')).toBe('row a');
    state.now = 1_000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most entriesMax, dropping the least recently used', () => {
    const { cache } = cacheAt();
    for (const key of ['a', 'b', 'c']) cache.set(key, `row ${key}`, cache.mark());
    expect(cache.get('a')).toBe('row a');
    cache.set('d', 'row d', cache.mark());
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((key) => cache.get(key))).toEqual(['row a', 'row c', 'row d']);
  });

  it('deletes by key and by value', () => {
    const { cache } = cacheAt({ entriesMax: 10, ttlMs: 1_000 });
    for (const key of ['a', 'b', 'c']) cache.set(key, `row ${key}`, cache.mark());
    cache.delete('a');
    cache.deleteWhere((value) => value === 'row b');
    expect(['a', 'b', 'c'].map((key) => cache.get(key))).toEqual([undefined, undefined, 'row c']);
  });
});
