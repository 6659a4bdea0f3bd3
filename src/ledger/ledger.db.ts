import type { Generated } from 'kysely';
import type {
  ColumnFacts, GeneratedInt8, GeneratedJsonb, GeneratedTimestamptz, Int8, Timestamptz,
} from '../platform/db/column-types.js';
import { outboxColumns, type OutboxDatabase } from '../platform/events/outbox.db.js';
import type { AccountStatus, AccountType, Direction, EntryStatus, NegativeBalancePolicy } from './ledger.enums.js';

/**
 * The ledger's tables for Kysely, column for column as migrations/ create them, so that the raw
 * SQL built with Kysely's query builder is checked against the schema. Keep it in step with every
 * migration that touches these tables; test/ledger/ledger-db.test.ts compares it with a migrated
 * database. Timestamps and int8 values read as strings (see column-types.ts).
 */

export interface LedgerAccountTable {
  id: GeneratedInt8;
  code: string;
  name: string;
  type: AccountType;
  currency: string;
  status: Generated<AccountStatus>;
  negative_balance: Generated<NegativeBalancePolicy>;
  parent_id: Int8 | null;
  metadata: GeneratedJsonb<Record<string, unknown>>;
  posted_debits: GeneratedInt8;
  posted_credits: GeneratedInt8;
  pending_debits: GeneratedInt8;
  pending_credits: GeneratedInt8;
  created_at: GeneratedTimestamptz;
  updated_at: GeneratedTimestamptz;
  /** Added by the identity migration: the user who owns the account; null for system accounts. */
  owner_id: Int8 | null;
  /** Balance changes since the account's latest checkpoint (all of them while it has none). */
  changes_since_checkpoint: Generated<number>;
}

export interface LedgerEntryTable {
  /** Has a default, but the posting transaction inserts ids it reserved from the sequence. */
  id: GeneratedInt8;
  idempotency_key: string;
  description: Generated<string>;
  metadata: GeneratedJsonb<Record<string, unknown>>;
  status: EntryStatus;
  effective_at: Timestamptz;
  recorded_at: GeneratedTimestamptz;
  expires_at: Timestamptz | null;
  resolved_at: Timestamptz | null;
  pending_entry_id: Int8 | null;
  reverses_entry_id: Int8 | null;
}

export interface LedgerPostingTable {
  id: GeneratedInt8;
  entry_id: Int8;
  account_id: Int8;
  direction: Direction;
  amount: Int8;
  currency: string;
  pending: boolean;
  effective_at: Timestamptz;
  /** A pending posting's copy of its entry's recorded_at; null for posted postings. */
  held_at: Timestamptz | null;
  /** When a pending posting's hold was released (never before held_at); null while it is held. */
  released_at: Timestamptz | null;
}

/** Cumulative totals of an account before the change (at, posting_id); see balance-checkpoint.entity.ts. */
export interface LedgerBalanceCheckpointTable {
  account_id: Int8;
  at: Timestamptz;
  posting_id: Int8;
  posted_debits: Int8;
  posted_credits: Int8;
  pending_debits: Int8;
  pending_credits: Int8;
  changes: number;
}

export interface LedgerIdempotencyTable {
  key: string;
  request_hash: string;
  operation: string;
  /** Null only in a claim being written; a committed claim names its entry. */
  entry_id: Int8 | null;
  created_at: GeneratedTimestamptz;
}

/** The tables the ledger's SQL touches: its own, and the outbox its posting transaction writes events to. */
export interface LedgerDatabase extends OutboxDatabase {
  ledger_account: LedgerAccountTable;
  ledger_entry: LedgerEntryTable;
  ledger_posting: LedgerPostingTable;
  ledger_idempotency: LedgerIdempotencyTable;
  ledger_balance_checkpoint: LedgerBalanceCheckpointTable;
}

/** Every column of LedgerDatabase, for the test that compares them with the migrated database. */
export const ledgerColumns = {
  ...outboxColumns,
  ledger_account: {
    id: 'defaulted', code: 'required', name: 'required', type: 'required', currency: 'required',
    status: 'defaulted', negative_balance: 'defaulted', parent_id: 'nullable', metadata: 'defaulted',
    posted_debits: 'defaulted', posted_credits: 'defaulted', pending_debits: 'defaulted', pending_credits: 'defaulted',
    created_at: 'defaulted', updated_at: 'defaulted', owner_id: 'nullable', changes_since_checkpoint: 'defaulted',
  },
  ledger_entry: {
    id: 'defaulted', idempotency_key: 'required', description: 'defaulted', metadata: 'defaulted',
    status: 'required', effective_at: 'required', recorded_at: 'defaulted', expires_at: 'nullable',
    resolved_at: 'nullable', pending_entry_id: 'nullable', reverses_entry_id: 'nullable',
  },
  ledger_posting: {
    id: 'defaulted', entry_id: 'required', account_id: 'required', direction: 'required',
    amount: 'required', currency: 'required', pending: 'required', effective_at: 'required',
    held_at: 'nullable', released_at: 'nullable',
  },
  ledger_idempotency: {
    key: 'required', request_hash: 'required', operation: 'required', entry_id: 'nullable', created_at: 'defaulted',
  },
  ledger_balance_checkpoint: {
    account_id: 'required', at: 'required', posting_id: 'required', posted_debits: 'required', posted_credits: 'required',
    pending_debits: 'required', pending_credits: 'required', changes: 'required',
  },
} satisfies ColumnFacts<LedgerDatabase>;
