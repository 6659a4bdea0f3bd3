import { requestHash } from '../platform/idempotency.js';
import { InputError } from '../platform/errors.js';
import type { Direction, EntryStatus } from './ledger.enums.js';
import { LedgerError } from './ledger.errors.js';

export { requestHash };

/** One posting as a client asks for it: the account by id or by code. */
export interface PostingRequest {
  accountId?: string;
  accountCode?: string;
  direction: Direction;
  amount: bigint;
  currency: string;
}

export interface PostRequest {
  description: string;
  metadata: Record<string, unknown>;
  effectiveAt?: Date;
  pending: boolean;
  expiresAt?: Date;
  postings: PostingRequest[];
}

/**
 * A module's own rows that must commit with the entry a post creates (a transfer's lines of wallet
 * history), for a module that needs nothing else in the transaction: the ledger's transaction writes
 * them, one statement per table and batch, so the post still coalesces with its neighbours in the
 * writer. Each row gets the new entry's id in `entryColumn`; a replayed or refused post writes none.
 */
export interface CompanionRows {
  /** The module's table (a plain lower-case identifier). */
  table: string;
  entryColumn: string;
  /** Column name to value; absent columns take their defaults. */
  rows: Record<string, string | number | boolean | null>[];
}

/**
 * An operation of the ledger's single write path. Every operation a client starts carries its
 * idempotency key and a hash of its input; `expire` is the ledger's own and needs neither.
 */
export type LedgerOp = (
  | { kind: 'post'; key: string; hash: string; request: PostRequest; companions?: CompanionRows }
  | { kind: 'commit'; key: string; hash: string; entryId: string; amount?: bigint; description?: string }
  | { kind: 'void'; key: string; hash: string; entryId: string }
  | { kind: 'reverse'; key: string; hash: string; entryId: string; description?: string; effectiveAt?: Date }
  | { kind: 'expire'; entryId: string }
  // The module whose call it is ('api' for the GraphQL API's own), for the metrics.
) & { origin?: string };

/** A journal entry as the planner makes it, before the database records it. */
export interface EntryDraft {
  id: string;
  idempotencyKey: string;
  description: string;
  metadata: Record<string, unknown>;
  status: EntryStatus;
  effectiveAt: Date;
  expiresAt: Date | null;
  pendingEntryId: string | null;
  reversesEntryId: string | null;
}

/** A journal entry as the posting transaction wrote it. */
export interface CreatedEntry extends EntryDraft {
  recordedAt: Date;
  resolvedAt: Date | null;
}

/**
 * The entry an operation produced (for void and expire, the pending entry), with its row when this
 * transaction created it (so the API need not read it back) and the companion rows as written
 * (column name to value, as PostgreSQL returned them), or why the operation was refused.
 */
/** What an entry this transaction created moved: its debits per currency, and whose call it was. */
export interface EntryVolume { origin: string; debits: Map<string, bigint> }

export type OpResult =
  | { entryId: string; replayed: boolean; entry?: CreatedEntry; companions?: Record<string, unknown>[]; volume?: EntryVolume }
  | { error: LedgerError };

export function isKeyed(op: LedgerOp): op is Exclude<LedgerOp, { kind: 'expire' }> {
  return op.kind !== 'expire';
}

/** Operations that create an entry; their claim reserves the new entry's id. */
export function createsEntry(op: LedgerOp): boolean {
  return op.kind === 'post' || op.kind === 'commit' || op.kind === 'reverse';
}

/**
 * Builds each item of a batch, keeping an expected refusal (a LedgerError) in the item's place
 * instead of failing the whole batch; anything else is a bug and is thrown. A platform check's
 * refusal (a malformed global id, a text too long) is kept as the LedgerError it stands for.
 */
export function buildEach<I, T>(items: readonly (I | LedgerError)[], build: (item: I) => T): (T | LedgerError)[] {
  return items.map((item) => {
    if (item instanceof LedgerError) return item;
    try {
      return build(item);
    } catch (error) {
      if (error instanceof LedgerError) return error;
      if (error instanceof InputError) return LedgerError.fromInput(error);
      throw error;
    }
  });
}

/** The result of an operation that succeeded; a refusal is thrown as its LedgerError. */
export function unwrap(result: OpResult): Exclude<OpResult, { error: LedgerError }> {
  if ('error' in result) throw result.error;
  return result;
}
