import { inject } from 'vitest';
import pg from 'pg';

export interface PrivateDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * An empty database of one test file's own, on the server of the run's test database (the gateway
 * migrates it when it starts). For a test that compares whole tables before and after, which the
 * shared database cannot give while other files write to it at the same time.
 */
export async function privateDatabase(label: string): Promise<PrivateDatabase> {
  const shared = new URL(inject('databaseUrl'));
  const name = `folio_${label.replace(/[^a-z0-9]/g, '_')}_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: shared.toString() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(shared.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: shared.toString() });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
