import { describe, expect, it } from 'vitest';
import { KeyedBatcher } from '../../src/platform/keyed-batcher.js';

/** A batcher whose batches run until released, recording each batch it was given. */
function heldBatcher(options: { lanes: number; batchMax: number; waitingMax: number }, fail?: (items: string[]) => Error | undefined) {
  const batches: string[][] = [];
  const releases: (() => void)[] = [];
  const batcher = new KeyedBatcher<string, string>({
    ...options, what: 'purchases of this merchant',
    run: async (key, items) => {
      batches.push([...items]);
      await new Promise<void>((resolve) => releases.push(resolve));
      const failure = fail?.(items);
      if (failure) throw failure;
      return items.map((item) => (item.startsWith('bad') ? new Error(`refused ${item}`) : `${key}:${item}`));
    },
  });
  const releaseAll = async () => {
    for (let round = 0; round < 20; round++) {
      while (releases.length) releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { batcher, batches, releases, releaseAll };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedBatcher', () => {
  it('runs what queued while a key was busy as one batch, in arrival order, up to batchMax, other keys unhindered', async () => {
    const { batcher, batches, releaseAll } = heldBatcher({ lanes: 1, batchMax: 3, waitingMax: 100 });
    const first = batcher.submit('a', 'a1');
    await tick();
    const rest = ['a2', 'a3', 'a4', 'a5'].map((item) => batcher.submit('a', item));
    const other = batcher.submit('b', 'b1');
    await tick();
    expect(batches).toEqual([['a1'], ['b1']]);
    await releaseAll();
    expect(await Promise.all([first, ...rest, other])).toEqual(['a:a1', 'a:a2', 'a:a3', 'a:a4', 'a:a5', 'b:b1']);
    expect(batches).toEqual([['a1'], ['b1'], ['a2', 'a3', 'a4'], ['a5']]);
  });

  it('keeps a key to its lanes: with two, two batches run at once and the third waits', async () => {
    const { batcher, batches, releases, releaseAll } = heldBatcher({ lanes: 2, batchMax: 1, waitingMax: 100 });
    const runs = ['x1', 'x2', 'x3'].map((item) => batcher.submit('k', item));
    await tick();
    expect(batches).toEqual([['x1'], ['x2']]);
    releases.shift()!();
    await runs[0];
    await tick();
    expect(batches).toEqual([['x1'], ['x2'], ['x3']]);
    await releaseAll();
    expect(await Promise.all(runs)).toEqual(['k:x1', 'k:x2', 'k:x3']);
  });

  it('refuses an item past its waiting bound at once with SERVICE_UNAVAILABLE and a retry time, and never runs it', async () => {
    const { batcher, batches, releaseAll } = heldBatcher({ lanes: 1, batchMax: 10, waitingMax: 2 });
    const running = batcher.submit('m', 't1');
    await tick();
    const waiting = [batcher.submit('m', 't2'), batcher.submit('m', 't3')];
    const refused = batcher.submit('m', 't4');
    await expect(refused).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('too many purchases of this merchant are waiting') });
    await expect(refused).rejects.toHaveProperty('details.retryAfterSeconds');
    await releaseAll();
    expect(await Promise.all([running, ...waiting])).toEqual(['m:t1', 'm:t2', 'm:t3']);
    expect(batches.flat()).not.toContain('t4');
    // Once the queue drains, the key takes new work again.
    const after = batcher.submit('m', 'after');
    await releaseAll();
    expect(await after).toBe('m:after');
  });

  it('refuses an item its batch refused, and only that one', async () => {
    const { batcher, releaseAll } = heldBatcher({ lanes: 1, batchMax: 10, waitingMax: 10 });
    const held = batcher.submit('m', 'ok0');
    await tick();
    const runs = [batcher.submit('m', 'ok1'), batcher.submit('m', 'bad2'), batcher.submit('m', 'ok3')];
    const settled = Promise.allSettled([held, ...runs]);
    await releaseAll();
    expect((await settled).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['m:ok0', 'm:ok1', 'refused bad2', 'm:ok3']);
  });

  it('runs the items of a batch that threw one by one, so only the poisoned one fails', async () => {
    const poison = (items: string[]) => (items.includes('poison') ? new Error('a bug on poison') : undefined);
    const { batcher, batches, releaseAll } = heldBatcher({ lanes: 1, batchMax: 10, waitingMax: 10 }, poison);
    const held = batcher.submit('m', 'p0');
    await tick();
    const runs = ['p1', 'poison', 'p3'].map((item) => batcher.submit('m', item));
    const settled = Promise.allSettled([held, ...runs]);
    await releaseAll();
    expect((await settled).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['m:p0', 'm:p1', 'a bug on poison', 'm:p3']);
    expect(batches).toEqual([['p0'], ['p1', 'poison', 'p3'], ['p1'], ['poison'], ['p3']]);
  });
});
