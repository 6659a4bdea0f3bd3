import type { EntityManager } from '@mikro-orm/postgresql';
import { UnitOfWork } from '../platform/db/unit-of-work.js';
import type { AccountRow } from './ledger.queries.js';
import type { CommitCommand, EnsureAccountCommand, LedgerService, PostEntryCommand, ReverseCommand, VoidCommand } from './ledger.service.js';
import type { EntryRows } from './entry-rows.js';
import { unwrap, type LedgerOp, type OpResult } from './ledger-ops.js';
import { executeBatch } from './ledger-transaction.js';
import { lockAccounts } from './ledger.sql.js';
import { lockBooks, setClosedThrough } from './books.sql.js';
import { invariant } from './ledger.errors.js';
import type { LedgerDatabase } from './ledger.db.js';

interface Queued { op: LedgerOp; resolve: (result: OpResult) => void; reject: (error: unknown) => void }

/**
 * One open transaction as a module sees it: its EntityManager for the module's own rows, and the
 * ledger's operations inside the same transaction. Each operation returns its result or throws
 * its LedgerError; a replayed idempotency key returns the first result with `replayed: true`.
 *
 * Operations started together (in the same tick: `Promise.all([tx.commit(…), tx.post(…)])`) run
 * as one batch, which locks every account they touch in one id-ordered statement, as the writer
 * does. Operations awaited one after another lock in turn, and two such transactions crossing the
 * same accounts can deadlock: a module that posts in steps names its accounts up front
 * (`transaction(em, work, { lockAccounts })`), and they are locked in id order before the work runs.
 */
export class LedgerTransaction extends UnitOfWork {
  /** What the ledger did in this transaction, reported to the writer's listeners after commit. */
  readonly results: OpResult[] = [];
  /** Every account this transaction has locked: what a rerun locks with its first operation. */
  readonly lockedAccountIds = new Set<string>();
  private queued: Queued[] = [];
  private booksLocked = false;
  private closedThrough: Date | null = null;
  private batches: Promise<void> = Promise.resolve();

  constructor(em: EntityManager, private readonly ledger: LedgerService) {
    super(em);
  }

  /** Locks accounts by id and by code in one id-ordered statement (LedgerService.transaction calls it before the work). */
  async lockUpFront(accounts: { ids?: readonly string[]; codes?: readonly string[] }): Promise<void> {
    const ids = [...(accounts.ids ?? [])];
    const codes = [...(accounts.codes ?? [])];
    if (ids.length + codes.length === 0) return;
    for (const account of (await lockAccounts(this.em.getKysely<LedgerDatabase>(), ids, codes)).locked) this.lockedAccountIds.add(account.id);
  }

  /**
   * Posts an entry. `rows`: the module's own rows that carry the new entry's id, written with the
   * entry (none for a replay) and returned as the module's entities.
   */
  async post<T extends object>(command: PostEntryCommand, options: { rows?: EntryRows<T> } = {}) {
    return this.ledger.postWithRows(this.em, command, options.rows, (op) => this.run(op));
  }

  async commit(command: CommitCommand) {
    return unwrap(await this.run(this.ledger.commitOp(command)));
  }

  async void(command: VoidCommand) {
    return unwrap(await this.run(this.ledger.voidOp(command)));
  }

  /** Reverses a posted entry (a cashback clawback): a new entry with every posting's side swapped, linked to the original. */
  async reverse(command: ReverseCommand) {
    return unwrap(await this.run(this.ledger.reverseOp(command)));
  }

  /**
   * Takes the books lock exclusive and reads the closed bound (LedgerService.transaction does it
   * first, with `{ lockBooks: true }`, before any account is locked): when it returns, every
   * posting that was under way has committed, and new ones wait until this transaction ends.
   */
  async lockBooks(): Promise<void> {
    this.closedThrough = await lockBooks(this.em.getKysely<LedgerDatabase>());
    this.booksLocked = true;
  }

  /** The books' closed bound as read under the exclusive books lock (`{ lockBooks: true }`). */
  get booksClosedThrough(): Date | null {
    invariant(this.booksLocked, 'the closed bound is read under the books lock: run the transaction with { lockBooks: true }');
    return this.closedThrough;
  }

  /** Moves the books' closed bound (a period closed, or reopened); only under the books lock. */
  async setClosedThrough(at: Date | null): Promise<void> {
    invariant(this.booksLocked, 'setClosedThrough needs the books lock: run the transaction with { lockBooks: true }');
    await setClosedThrough(this.em.getKysely<LedgerDatabase>(), at);
    this.closedThrough = at;
  }

  /** Opens an account unless one with its code exists, inside this transaction (a refused transaction opens nothing). */
  ensureAccount(command: EnsureAccountCommand): Promise<AccountRow> {
    return this.ledger.ensureAccount(this.em, command);
  }

  /** Queues the operation; what is queued in one tick runs as one batch, batches one after another. */
  private run(op: LedgerOp): Promise<OpResult> {
    return new Promise((resolve, reject) => {
      this.queued.push({ op, resolve, reject });
      if (this.queued.length === 1) queueMicrotask(() => { this.batches = this.batches.then(() => this.runQueued()); });
    });
  }

  private async runQueued(): Promise<void> {
    const batch = this.queued;
    this.queued = [];
    try {
      const results = await executeBatch(this.em.getKysely<LedgerDatabase>(), batch.map((item) => item.op), {
        onLocked: (ids) => { for (const id of ids) this.lockedAccountIds.add(id); },
        checkpointSpan: this.ledger.checkpointSpan,
      });
      this.results.push(...results);
      batch.forEach((item, index) => item.resolve(results[index]));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
