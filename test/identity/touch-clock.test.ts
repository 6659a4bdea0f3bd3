import { describe, expect, it } from 'vitest';
import { TouchClock } from '../../src/identity/authenticator.js';

// Regression (issue 11, lever 9): the times of each API key's last_used_at write were kept in a Map
// that only grew, one entry for every key that ever authenticated on the gateway.
describe('TouchClock', () => {
  it('writes a key at most once an interval', () => {
    const clock = new TouchClock(10, 60_000);
    expect(clock.due('k', 0)).toBe(true);
    expect(clock.due('k', 59_999)).toBe(false);
    expect(clock.due('k', 60_000)).toBe(true);
  });

  it('remembers at most entriesMax keys after many distinct ones, forgetting the least recently written', () => {
    const clock = new TouchClock(100, 60_000);
    for (let i = 0; i < 10_000; i += 1) clock.due(`key ${i}`, i);
    expect(clock.size).toBe(100);
    expect(clock.due('key 9999', 10_000)).toBe(false);
    // Forgotten: one more write of its last_used_at, nothing worse.
    expect(clock.due('key 0', 10_000)).toBe(true);
  });
});
