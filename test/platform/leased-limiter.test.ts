import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { LeasedLimiter } from '../../src/platform/abuse/leased-limiter.js';
import { RateLimitStore } from '../../src/platform/abuse/rate-limit-store.js';
import { limits } from '../../src/platform/limits.js';
import { logger } from '../../src/platform/logger.js';
import { uniq } from '../testkit/gateway.js';
import { redisUrl, requireRedis } from './abuse-testkit.js';

const opened: RateLimitStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  vi.restoreAllMocks();
});

type Kind = 'postgres' | 'redis';

async function open(kind: Kind, keyPrefix: string, urls = { redis: redisUrl, postgres: inject('databaseUrl') }): Promise<RateLimitStore> {
  if (kind === 'redis' && urls.redis === redisUrl) await requireRedis();
  const store = await RateLimitStore.open({ databaseUrl: urls.postgres, redisUrl: kind === 'redis' ? urls.redis : undefined, keyPrefix });
  opened.push(store);
  return store;
}

/**
 * A leased limiter as a gateway process has one, and the sizes of the draws it makes on the shared
 * counter (one round trip each).
 */
function leased(store: RateLimitStore, points: number, windowSeconds = 60): { limiter: LeasedLimiter; draws: number[] } {
  const counter = store.limiter('lease', { points, windowSeconds });
  const draws: number[] = [];
  const consume = counter.consume.bind(counter);
  vi.spyOn(counter, 'consume').mockImplementation((key, size = 1, options) => {
    draws.push(size);
    return consume(key, size, options);
  });
  return { limiter: new LeasedLimiter(counter), draws };
}

/** The wait of a refusal, or undefined when the point was admitted. */
async function wait(limiter: LeasedLimiter, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (rejection) {
    expect(rejection).toBeInstanceOf(RateLimiterRes);
    return (rejection as RateLimiterRes).msBeforeNext;
  }
}

const admittedOf = (waits: (number | undefined)[]) => waits.filter((ms) => ms === undefined).length;
const leaseMax = (points: number) => Math.max(1, Math.floor(points / limits.rateLimitLeasesPerLimit));

describe.each(['postgres', 'redis'] as const)('a leased counter on %s', (kind) => {
  it('admits at most its limit of many parallel consumes spread over two processes, and at least that less a lease each', async () => {
    const prefix = uniq('lease');
    const gateways = [leased(await open(kind, prefix), 100), leased(await open(kind, prefix), 100)];
    const waits = await Promise.all(Array.from({ length: 300 }, (_, i) => wait(gateways[i % 2].limiter, 'k')));
    expect(admittedOf(waits)).toBeLessThanOrEqual(100);
    expect(admittedOf(waits)).toBeGreaterThanOrEqual(100 - 2 * leaseMax(100));
    for (const { draws } of gateways) expect(Math.max(...draws)).toBeLessThanOrEqual(leaseMax(100));
  });

  it('lets another process have all but what one drew and has not spent, never more than a lease', async () => {
    const prefix = uniq('lease');
    const one = leased(await open(kind, prefix), 100);
    const other = leased(await open(kind, prefix), 100);
    for (let i = 0; i < 5; i += 1) expect(await wait(one.limiter, 'k')).toBeUndefined();
    const drawnByOne = one.draws.reduce((sum, size) => sum + size, 0);
    expect(drawnByOne - 5).toBeLessThanOrEqual(Math.min(5, leaseMax(100)));
    const waits: (number | undefined)[] = [];
    for (let i = 0; i < 120; i += 1) waits.push(await wait(other.limiter, 'k'));
    expect(admittedOf(waits)).toBe(100 - drawnByOne);
  });

  it('draws 1, 2, 4, … points up to a tenth of the limit, so 50 consumes cost a handful of round trips', async () => {
    const { limiter, draws } = leased(await open(kind, uniq('lease')), 100);
    for (let i = 0; i < 50; i += 1) expect(await wait(limiter, 'k')).toBeUndefined();
    expect(draws).toEqual([1, 2, 4, 8, 10, 10, 10, 10]);
  });

  it('draws for the requests waiting on a draw, not one at a time', async () => {
    const { limiter, draws } = leased(await open(kind, uniq('lease')), 1_000);
    expect(admittedOf(await Promise.all(Array.from({ length: 60 }, () => wait(limiter, 'k'))))).toBe(60);
    // The first draws one point; by its answer 59 requests wait, and the next draw is for them all.
    expect(draws).toEqual([1, 59]);
  });

  it('refuses a key over its limit from memory until its window ends, then admits it again', async () => {
    const { limiter, draws } = leased(await open(kind, uniq('lease')), 3, 1);
    expect(admittedOf(await Promise.all(Array.from({ length: 10 }, () => wait(limiter, 'k'))))).toBe(3);
    const drawsWhenOver = draws.length;
    const refused = await Promise.all(Array.from({ length: 20 }, () => wait(limiter, 'k')));
    expect(draws).toHaveLength(drawsWhenOver);
    for (const ms of refused) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(1_000);
    }
    expect(await wait(limiter, 'other')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, Math.max(...(refused as number[])) + 50));
    expect(await wait(limiter, 'k')).toBeUndefined();
  });
});

describe('a leased counter whose store is unreachable', () => {
  it.each(['postgres', 'redis'] as const)('(%s) still holds its limit in this process (the insurance limiter answers the draws)', async (kind) => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const store = await open(kind, uniq('down'), { redis: 'redis://127.0.0.1:1', postgres: 'postgres://postgres@127.0.0.1:1/none' });
    const limiter = store.leasedLimiter('lease', { points: 100, windowSeconds: 60 });
    const waits: (number | undefined)[] = [];
    for (let i = 0; i < 150; i += 1) waits.push(await wait(limiter, 'k'));
    expect(admittedOf(waits)).toBe(100);
  });
});
