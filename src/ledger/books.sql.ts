import { sql } from 'kysely';
import type { Db } from './ledger.sql.js';

/**
 * The books lock: an advisory lock (class 17, object 1) that every posting transaction takes
 * shared, in the statement that locks its accounts and before it locks them, and a period close
 * takes exclusive. PostgreSQL's lock manager queues a shared request behind a waiting exclusive
 * one, so a close waits only for the postings already under way, never for a stream of them.
 *
 * `ledger_closed_through()` (the migration's) takes the lock shared and then reads the closed
 * bound; being VOLATILE, its read gets a snapshot of its own, taken after the lock was granted, so
 * a posting that waited for a close sees the bound that close set, never the one from before.
 */
export const booksLockSql = sql`pg_advisory_xact_lock(17, 1)`;

/** Takes the books lock exclusive (waits for postings under way), then reads the closed bound. */
export async function lockBooks(db: Db): Promise<Date | null> {
  await sql`select ${booksLockSql}`.execute(db);
  const { rows: [row] } = await sql<{ closed_through: string | null }>`select closed_through::text from ledger_books where id = 1`.execute(db);
  return row?.closed_through ? new Date(row.closed_through) : null;
}

/** Moves the closed bound; only under the exclusive books lock (lockBooks, in the same transaction). */
export async function setClosedThrough(db: Db, at: Date | null): Promise<void> {
  await sql`update ledger_books set closed_through = ${at ? at.toISOString() : null}::timestamptz, updated_at = now() where id = 1`.execute(db);
}

/** The closed bound as committed (no lock): for reading, never for deciding whether to post. */
export async function closedThroughNow(db: Db): Promise<Date | null> {
  const { rows: [row] } = await sql<{ closed_through: string | null }>`select closed_through::text from ledger_books where id = 1`.execute(db);
  return row?.closed_through ? new Date(row.closed_through) : null;
}
