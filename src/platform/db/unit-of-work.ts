import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { limits } from '../limits.js';
import { retry, type RetryOptions } from '../retry.js';

/** PostgreSQL errors after which a transaction is simply run again: deadlock, serialisation failure, lock timeout. */
const transientCodes = new Set(['40P01', '40001', '55P03']);

export function isTransientConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && transientCodes.has(code);
}

/** How a unit of work reruns after a transient conflict. */
export const unitOfWorkRetries: RetryOptions = { attempts: limits.writerRetriesMax, isRetryable: isTransientConflict, baseDelayMs: limits.writerRetryDelayMs };

/**
 * One open transaction: the EntityManager for a module's rows and the side effects that wait for
 * the commit. Outbox events written in it (publishWithin) are numbered and published only once it
 * commits; a side effect outside the database goes in `afterCommit`, which never runs for work
 * that rolled back or is run again.
 */
export class UnitOfWork {
  private readonly committedHooks: (() => void)[] = [];

  constructor(readonly em: EntityManager) {}

  /** Runs `hook` once the transaction has committed; never if it rolls back (or is rerun). */
  afterCommit(hook: () => void): void {
    this.committedHooks.push(hook);
  }

  /** Called once the transaction has committed. */
  runAfterCommit(): void {
    for (const hook of this.committedHooks) hook();
  }
}

/**
 * Work with no money in it (a payout run's bookkeeping): a module's rows and events in one
 * transaction, rerun whole after a deadlock or lock timeout (so the work must only read and write
 * through its unit), then the outbox relay is woken. Money goes through the ledger's
 * transaction instead, which is this plus the ledger's operations.
 */
export class UnitsOfWork {
  constructor(private readonly orm: MikroORM, private readonly committed: () => void) {}

  async run<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    return retry(async () => {
      let unit: UnitOfWork | undefined;
      const value = await this.orm.em.fork().transactional(async (em) => {
        unit = new UnitOfWork(em as EntityManager);
        return work(unit);
      });
      this.committed();
      unit!.runAfterCommit();
      return value;
    }, unitOfWorkRetries);
  }
}
