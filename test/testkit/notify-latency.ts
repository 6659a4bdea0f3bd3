import { expect } from 'vitest';

/**
 * How long a change committed through one gateway may take to reach another's caches (a NOTIFY
 * crossing: milliseconds). Far below every cache's backstop TTL (60 s), so only the invalidation
 * can make a test that waits this long pass.
 */
export const notifyLatencyMaxMs = 2_000;

type Result = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code as string | undefined;

/**
 * Sends `probe` until it answers `code` (undefined: succeeds): that must happen within the NOTIFY
 * latency allowed, and from then on it must keep answering so.
 */
export async function answersWithin(probe: () => Promise<Result>, code: string | undefined): Promise<void> {
  const started = performance.now();
  while (codeOf(await probe()) !== code) {
    expect(performance.now() - started, `still not ${code ?? 'accepted'} ${notifyLatencyMaxMs} ms after the change committed`).toBeLessThan(notifyLatencyMaxMs);
  }
  for (let i = 0; i < 5; i += 1) expect(codeOf(await probe())).toBe(code);
}
