import pg from 'pg';
import { inject } from 'vitest';

/**
 * A fresh, empty database on the run's PostgreSQL server, for a test that must have the ledger to
 * itself: one that corrupts a row on purpose (verifyLedger is ledger-wide, and every other file
 * checks it), or one that runs the migrations step by step. `drop` removes it.
 */
export async function createDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = inject('databaseUrl');
  const name = `${new URL(server).pathname.slice(1)}_${label}_${Math.random().toString(36).slice(2, 8)}`.slice(0, 63);
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try { await client.query(statement); } finally { await client.end(); }
  };
  await admin(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}
