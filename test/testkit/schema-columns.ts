import pg from 'pg';
import type { AnyColumnFact } from '../../src/platform/db/column-types.js';

type Facts = Readonly<Record<string, Readonly<Record<string, AnyColumnFact>>>>;

/**
 * The facts (nullable, defaulted, required) of the named tables' columns, read from the database's
 * catalogue in the shape of a `ColumnFacts` constant, so that a test can compare the two whole.
 */
export async function catalogueFacts(databaseUrl: string, tables: readonly string[]): Promise<Facts> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO'; column_default: string | null }>(
      `select table_name, column_name, is_nullable, column_default from information_schema.columns
       where table_schema = current_schema() and table_name = any($1::text[]) order by table_name, column_name`, [tables]);
    const facts: Record<string, Record<string, AnyColumnFact>> = Object.fromEntries(tables.map((table) => [table, {}]));
    for (const row of rows) {
      facts[row.table_name][row.column_name] = row.is_nullable === 'YES' ? 'nullable' : row.column_default === null ? 'required' : 'defaulted';
    }
    return facts;
  } finally {
    await client.end();
  }
}

/** Sorts a facts object's tables and columns, so that `toEqual` reports differences readably. */
export function sortedFacts(facts: Facts): Facts {
  return Object.fromEntries(Object.keys(facts).sort().map((table) => [table,
    Object.fromEntries(Object.keys(facts[table]).sort().map((column) => [column, facts[table][column]]))]));
}
