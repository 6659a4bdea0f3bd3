import { logger } from './logger.js';
import { ServiceUnavailableError } from './db/unavailable.js';

interface Waiting<I, R> { item: I; resolve: (result: R) => void; reject: (error: unknown) => void }

interface Lane<I, R> { running: number; queue: Waiting<I, R>[] }

export interface KeyedBatcherOptions<I, R> {
  /** Batches of one key in flight at once. */
  lanes: number;
  /** Items in one batch at most. */
  batchMax: number;
  /** Items of one key that may wait; one more is refused at once with SERVICE_UNAVAILABLE (retry later). */
  waitingMax: number;
  /** What the items are, for the refusal: "too many <what> are waiting". */
  what: string;
  /**
   * Does one batch, all of one key, in one transaction: a result per item, in order, where an
   * Error is that item's own refusal (the others still commit). Throwing fails the batch: each of
   * its items is then run again alone, so one poisoned item fails by itself.
   */
  run: (key: string, items: I[]) => Promise<(R | Error)[]>;
}

/**
 * Coalesces work that contends for the same rows (everything of one key): while a key's lanes are
 * busy its items queue, in memory and in arrival order, and each lane that frees up takes what
 * has queued as one batch. A hot row is then locked once per batch instead of once per item, and
 * the items waiting hold no pooled connection. Per process: across gateways the row locks decide.
 * The ledger's PostingWriter does the same for entries (one key, its own retry and split rules).
 */
export class KeyedBatcher<I, R> {
  private readonly keys = new Map<string, Lane<I, R>>();

  constructor(private readonly options: KeyedBatcherOptions<I, R>) {}

  submit(key: string, item: I): Promise<R> {
    let lane = this.keys.get(key);
    if (!lane) {
      lane = { running: 0, queue: [] };
      this.keys.set(key, lane);
    }
    if (lane.queue.length >= this.options.waitingMax) {
      return Promise.reject(new ServiceUnavailableError(`too many ${this.options.what} are waiting`));
    }
    const queued = new Promise<R>((resolve, reject) => lane.queue.push({ item, resolve, reject }));
    this.pump(key, lane);
    return queued;
  }

  private pump(key: string, lane: Lane<I, R>): void {
    while (lane.running < this.options.lanes && lane.queue.length > 0) {
      const batch = lane.queue.splice(0, this.options.batchMax);
      lane.running += 1;
      void this.flush(key, batch).finally(() => {
        lane.running -= 1;
        if (lane.queue.length > 0) this.pump(key, lane);
        else if (lane.running === 0) this.keys.delete(key);
      });
    }
  }

  private async flush(key: string, batch: Waiting<I, R>[]): Promise<void> {
    try {
      settle(batch, await this.options.run(key, batch.map((waiting) => waiting.item)));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      logger.warn({ err: error, items: batch.length, what: this.options.what }, 'a batch failed; running its items one by one');
      for (const waiting of batch) {
        await this.options.run(key, [waiting.item]).then((results) => settle([waiting], results), waiting.reject);
      }
    }
  }
}

function settle<I, R>(batch: Waiting<I, R>[], results: (R | Error)[]): void {
  batch.forEach((waiting, index) => {
    const result = results[index];
    if (result instanceof Error) waiting.reject(result);
    else waiting.resolve(result);
  });
}
