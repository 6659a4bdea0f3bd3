import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../platform/logger.js';
import { limits } from '../platform/limits.js';
import type { LedgerOp, OpResult } from './ledger-ops.js';
import { executeBatch, RetryBatch } from './ledger-transaction.js';

interface Waiting {
  op: LedgerOp;
  resolve: (result: OpResult) => void;
  reject: (error: unknown) => void;
}

/** PostgreSQL errors that mean "run the transaction again": deadlock, serialisation, lock timeout, unique race. */
const retryableCodes = new Set(['40P01', '40001', '55P03', '23505']);

function isRetryable(error: unknown): boolean {
  if (error instanceof RetryBatch) return true;
  const code = (error as { code?: string })?.code;
  return typeof code === 'string' && retryableCodes.has(code);
}

/**
 * The ledger's writer. Requests from concurrent clients queue here and are coalesced: each lane
 * takes whatever has queued while it was busy and posts it in one transaction. A hot account then
 * costs one row lock per batch instead of one per entry, and the connection pool never fights over
 * it. A batch that fails for an unexpected reason is split, so one poisoned request fails alone.
 */
export class PostingWriter {
  private readonly queue: Waiting[] = [];
  private busyLanes = 0;
  private closed = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly onCommit: () => void,
    private readonly lanes: number = limits.writerLanes,
  ) {}

  submit(op: LedgerOp): Promise<OpResult> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the ledger writer is shut down'));
      this.queue.push({ op, resolve, reject });
      this.pump();
    });
  }

  /** Submits operations that must go in one transaction together, in order (a batch mutation). */
  async submitTogether(ops: LedgerOp[]): Promise<OpResult[]> {
    if (this.closed) throw new Error('the ledger writer is shut down');
    return this.runWithRetries(ops);
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.busyLanes > 0 || this.queue.length > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private pump(): void {
    while (this.busyLanes < this.lanes && this.queue.length > 0) {
      const batch = this.queue.splice(0, limits.writerBatchEntriesMax);
      this.busyLanes += 1;
      void this.flush(batch).finally(() => {
        this.busyLanes -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Waiting[]): Promise<void> {
    try {
      const results = await this.runWithRetries(batch.map((w) => w.op));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      logger.warn({ err: error, size: batch.length }, 'ledger batch failed; retrying its operations one by one');
      await Promise.all(batch.map((w) => this.runWithRetries([w.op]).then((r) => w.resolve(r[0]), w.reject)));
    }
  }

  private async runWithRetries(ops: LedgerOp[]): Promise<OpResult[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const results = await this.orm.em.fork().transactional((em) => executeBatch(em, ops));
        this.onCommit();
        return results;
      } catch (error) {
        if (!isRetryable(error) || attempt >= limits.writerRetriesMax) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }
}
