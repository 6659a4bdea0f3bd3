import type { ColumnType } from 'kysely';
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

/** The retention floor, one row (Migration20261202022814_event_retention makes it): events up to `deleted_through` are deleted. */
export interface LedgerEventRetentionTable {
  id: ColumnType<number, number | undefined, never>;
  deleted_through: GeneratedInt8;
  /** The last sequence NATS JetStream acknowledged (Migration20261204191706); null without a broker. */
  broker_published_through: Int8 | null;
  updated_at: GeneratedTimestamptz;
}

export interface OutboxDatabase {
  ledger_event: LedgerEventTable;
  ledger_event_retention: LedgerEventRetentionTable;
}

/** The outbox's columns, for the test that compares them with the migrated database. */
export const outboxColumns = {
  ledger_event: { id: 'defaulted', seq: 'nullable', type: 'required', payload: 'required', created_at: 'defaulted' },
  ledger_event_retention: { id: 'defaulted', deleted_through: 'defaulted', broker_published_through: 'nullable', updated_at: 'defaulted' },
} as const satisfies ColumnFacts<OutboxDatabase>;
