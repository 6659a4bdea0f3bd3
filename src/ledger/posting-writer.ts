import { logger } from '../platform/logger.js';
import { limits } from '../platform/limits.js';
import { isTransientConflict } from '../platform/db/unit-of-work.js';
import { retry, type RetryOptions } from '../platform/retry.js';
import type { LedgerOp, OpResult } from './ledger-ops.js';
import { executeBatch, RetryBatch } from './ledger-transaction.js';
import type { Db } from './ledger.sql.js';

/** Operations that must commit together, in order (one request, or one batch mutation). */
interface Group {
  ops: LedgerOp[];
  resolve: (results: OpResult[]) => void;
  reject: (error: unknown) => void;
}

/** Entries a committed transaction created: new posts, commits and reversals (not replays, voids or expiries). */
export function entriesCreatedBy(results: readonly OpResult[]): number {
  return results.filter((result) => 'entry' in result && result.entry && !result.replayed).length;
}

/** Run the batch again: the transient conflicts any unit of work reruns, a race on the ledger's unique keys, or a RetryBatch. */
export function isRetryable(error: unknown): boolean {
  return error instanceof RetryBatch || isTransientConflict(error) || (error as { code?: unknown } | null)?.code === '23505';
}

/** How the writer and LedgerService.transaction retry a transaction PostgreSQL refused for a race. */
export const writerRetries: RetryOptions = { attempts: limits.writerRetriesMax, isRetryable, baseDelayMs: limits.writerRetryDelayMs };

/**
 * The ledger's writer. Requests from concurrent clients queue here and are coalesced: each lane
 * takes whatever has queued while it was busy (up to writerBatchEntriesMax operations, a batch
 * mutation always whole) and posts it in one transaction. A hot account then costs one row lock
 * per transaction instead of one per entry, and the connection pool never fights over it. A
 * transaction that fails for an unexpected reason is split by group, so one poisoned request fails
 * alone. The transaction is a plain Kysely one on the ORM's pool: this path flushes no entities,
 * so MikroORM's unit of work would only add cost.
 */
export class PostingWriter {
  private readonly queue: Group[] = [];
  private busyLanes = 0;
  private closed = false;

  constructor(
    private readonly db: Db,
    /** Called after each transaction commits (never for one rolled back), with its results. */
    private readonly onCommit: (results: readonly OpResult[]) => void,
    private readonly lanes: number = limits.writerLanes,
    /** Balance changes between two checkpoints of an account at most; module transactions use it too. */
    readonly checkpointSpan: number = limits.balanceCheckpointSpanMax,
  ) {}

  async submit(op: LedgerOp): Promise<OpResult> {
    const [result] = await this.submitTogether([op]);
    return result;
  }

  /** Submits operations that must go in one transaction together, in order (a batch mutation). */
  submitTogether(ops: LedgerOp[]): Promise<OpResult[]> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the ledger writer is shut down'));
      this.queue.push({ ops, resolve, reject });
      this.pump();
    });
  }

  /** Tells the writer's listeners about work a module's own transaction committed (LedgerService.transaction). */
  committed(results: readonly OpResult[]): void {
    this.onCommit(results);
  }

  /** Stops taking operations and waits for the queued ones to finish. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.busyLanes > 0 || this.queue.length > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private takeBatch(): Group[] {
    const batch = [this.queue.shift()!];
    let size = batch[0].ops.length;
    while (this.queue.length > 0 && size + this.queue[0].ops.length <= limits.writerBatchEntriesMax) {
      const group = this.queue.shift()!;
      size += group.ops.length;
      batch.push(group);
    }
    return batch;
  }

  private pump(): void {
    while (this.busyLanes < this.lanes && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.busyLanes += 1;
      void this.flush(batch).finally(() => {
        this.busyLanes -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Group[]): Promise<void> {
    try {
      const results = await this.runWithRetries(batch.flatMap((group) => group.ops));
      let next = 0;
      for (const group of batch) {
        group.resolve(results.slice(next, next + group.ops.length));
        next += group.ops.length;
      }
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      logger.warn({ err: error, groups: batch.length }, 'ledger batch failed; retrying its requests one by one');
      await Promise.all(batch.map((group) => this.runWithRetries(group.ops).then(group.resolve, group.reject)));
    }
  }

  private async runWithRetries(ops: LedgerOp[]): Promise<OpResult[]> {
    return retry(async () => {
      const results = await this.db.transaction().execute((trx) => executeBatch(trx as Db, ops, { checkpointSpan: this.checkpointSpan }));
      this.onCommit(results);
      return results;
    }, writerRetries);
  }
}
