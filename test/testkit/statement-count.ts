import pg from 'pg';

/**
 * Counts the SQL statements this process sends while `run` executes, of those `counts` accepts
 * (by their text): how the DataLoader tests prove a list costs one query, not one per row.
 */
export async function countStatements(run: () => Promise<unknown>, counts: (text: string) => boolean): Promise<number> {
  const original = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function patched(this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text ?? '';
    if (counts(text.trim())) count += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return count;
}
