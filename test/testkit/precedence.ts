import { expect, it } from 'vitest';
import { errorCode } from './ledger-fixtures.js';

type Result = { errors?: readonly { extensions?: Record<string, unknown> }[] };

/** One row of a precedence table: the code expected, the later code the input also breaks, what the input is, and how to send it. */
export type PrecedenceRow = [earlier: string, later: string, what: string, send: () => Promise<Result>];

/**
 * The two tests every module's precedence table makes: each row names its codes in the module's
 * order (`rank`: a code's place in it, -1 for none), and each input gets the earlier code.
 */
export function precedenceTests(rows: readonly PrecedenceRow[], rank: (code: string) => number): void {
  it('every row names two codes in precedence order', () => {
    for (const [earlier, later] of rows) {
      expect(rank(earlier), earlier).toBeGreaterThanOrEqual(0);
      expect(rank(earlier), `${earlier} before ${later}`).toBeLessThan(rank(later));
    }
  });

  it.each(rows)('%s over %s: %s', async (earlier, _later, _what, send) => {
    const result = await send();
    expect(errorCode(result), JSON.stringify(result.errors)).toBe(earlier);
  });
}
