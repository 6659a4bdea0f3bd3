import type { ColumnFacts, GeneratedInt8, GeneratedTimestamptz, Int8, Jsonb } from '../db/column-types.js';

/**
 * The transactional outbox, as migrations/ create it (the initial migration, less `xid`, which
 * Migration20261122045949 dropped). Rows are inserted unnumbered; the relay sets `seq` after commit.
 */
export interface LedgerEventTable {
  id: GeneratedInt8;
  seq: Int8 | null;
  type: string;
  payload: Jsonb<Record<string, unknown>>;
  created_at: GeneratedTimestamptz;
}

export interface OutboxDatabase {
  ledger_event: LedgerEventTable;
}

/** The outbox's columns, for the test that compares them with the migrated database. */
export const outboxColumns = {
  ledger_event: { id: 'defaulted', seq: 'nullable', type: 'required', payload: 'required', created_at: 'defaulted' },
} as const satisfies ColumnFacts<OutboxDatabase>;
