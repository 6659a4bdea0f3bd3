import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommitCommand, LedgerService, PostEntryCommand, VoidCommand } from './ledger.service.js';
import { unwrap, type LedgerOp, type OpResult } from './ledger-ops.js';
import { executeBatch } from './ledger-transaction.js';
import type { LedgerDatabase } from './ledger.db.js';

/**
 * One open transaction as a module sees it: its EntityManager for the module's own rows, and the
 * ledger's operations inside the same transaction. Each operation returns its result or throws
 * its LedgerError; a replayed idempotency key returns the first result with `replayed: true`.
 */
export class LedgerTransaction {
  /** What the ledger did in this transaction, reported to the writer's listeners after commit. */
  readonly results: OpResult[] = [];
  private readonly committedHooks: (() => void)[] = [];

  constructor(readonly em: EntityManager, private readonly ledger: LedgerService) {}

  post(command: PostEntryCommand) {
    return this.run(this.ledger.postOp(command));
  }

  commit(command: CommitCommand) {
    return this.run(this.ledger.commitOp(command));
  }

  void(command: VoidCommand) {
    return this.run(this.ledger.voidOp(command));
  }

  /** Runs `hook` once the transaction has committed; never if it rolls back (or is rerun). */
  afterCommit(hook: () => void): void {
    this.committedHooks.push(hook);
  }

  /** Called by LedgerService.transaction after the commit. */
  runAfterCommit(): void {
    for (const hook of this.committedHooks) hook();
  }

  private async run(op: LedgerOp) {
    const [result] = await executeBatch(this.em.getKysely<LedgerDatabase>(), [op]);
    this.results.push(result);
    return unwrap(result);
  }
}
