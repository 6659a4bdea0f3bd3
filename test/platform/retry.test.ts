import { describe, expect, it } from 'vitest';
import { retry } from '../../src/platform/retry.js';

class Race extends Error {}
const isRetryable = (error: unknown) => error instanceof Race;

/** Runs retry over a script of outcomes (an error to throw, or a value), recording the tries and waits. */
async function run(script: (Error | string)[], attempts = 5, baseDelayMs = 10) {
  const tries: number[] = [];
  const waits: number[] = [];
  const outcome = await retry(async (attempt) => {
    tries.push(attempt);
    const step = script[attempt - 1];
    if (step instanceof Error) throw step;
    return step;
  }, { attempts, isRetryable, baseDelayMs, sleep: async (ms) => { waits.push(ms); } }).catch((error: Error) => error);
  return { outcome, tries, waits };
}

describe('retry', () => {
  it('returns the first success without waiting', async () => {
    expect(await run(['ok'])).toEqual({ outcome: 'ok', tries: [1], waits: [] });
  });

  it('retries retryable errors until one try succeeds', async () => {
    const { outcome, tries, waits } = await run([new Race(), new Race(), 'ok']);
    expect(outcome).toBe('ok');
    expect(tries).toEqual([1, 2, 3]);
    expect(waits).toHaveLength(2);
  });

  it('throws any other error at once', async () => {
    const bug = new Error('not a race');
    const { outcome, tries } = await run([new Race(), bug, 'ok']);
    expect(outcome).toBe(bug);
    expect(tries).toEqual([1, 2]);
  });

  it('stops at `attempts` tries and throws the last error', async () => {
    const last = new Race('third');
    const { outcome, tries, waits } = await run([new Race(), new Race(), last, 'ok'], 3);
    expect(outcome).toBe(last);
    expect(tries).toEqual([1, 2, 3]);
    expect(waits).toHaveLength(2);
  });

  it('tries once with attempts: 1', async () => {
    const race = new Race();
    expect(await run([race, 'ok'], 1)).toEqual({ outcome: race, tries: [1], waits: [] });
  });

  it('waits a jittered time that grows with each try: up to baseDelayMs × n before try n + 1', async () => {
    for (let round = 0; round < 20; round += 1) {
      const { waits } = await run([new Race(), new Race(), new Race(), new Race(), 'ok'], 5, 10);
      waits.forEach((ms, i) => {
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(10 * (i + 1));
      });
    }
  });
});
