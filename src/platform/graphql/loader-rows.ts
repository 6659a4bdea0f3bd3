// What a DataLoader's batch function returns: one answer per key, in the keys' order, whatever
// order the query gave its rows in. Every module's loaders use these.

/** The row of each key (undefined where no row has it), in the keys' order. */
export function rowsInKeyOrder<T, K>(keys: readonly K[], rows: readonly T[], key: (row: T) => K): (T | undefined)[] {
  const found = new Map(rows.map((row) => [key(row), row]));
  return keys.map((k) => found.get(k));
}

/** The row of each id (undefined where none has it), in the ids' order. */
export function rowsById<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): (T | undefined)[] {
  return rowsInKeyOrder(ids, rows, (row) => row.id);
}

/** The rows of each key (none: an empty list), in the keys' order; each list keeps the query's order. */
export function groupsInKeyOrder<T, K>(keys: readonly K[], rows: readonly T[], key: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
