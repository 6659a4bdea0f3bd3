import pg from 'pg';

export interface Statement { text: string; values: unknown[] }

/**
 * The SQL statements this process sends while `run` executes, of those `accepts` takes (by their
 * text), with their parameters.
 */
export async function captureStatements(run: () => Promise<unknown>, accepts: (text: string) => boolean): Promise<Statement[]> {
  const original = pg.Client.prototype.query;
  const seen: Statement[] = [];
  pg.Client.prototype.query = function patched(this: pg.Client, ...args: unknown[]) {
    const query = args[0] as string | { text?: string; values?: unknown[] };
    const text = typeof query === 'string' ? query : query?.text ?? '';
    const values = (typeof query === 'object' && query?.values) || (Array.isArray(args[1]) ? args[1] : []);
    if (accepts(text.trim())) seen.push({ text, values: values as unknown[] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}

/** How many statements `counts` accepts while `run` executes: how the DataLoader tests prove a list costs one query, not one per row. */
export async function countStatements(run: () => Promise<unknown>, counts: (text: string) => boolean): Promise<number> {
  return (await captureStatements(run, counts)).length;
}
