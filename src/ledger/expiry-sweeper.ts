import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Registry } from 'prom-client';
import { limits } from '../platform/limits.js';
import { PollingWorker } from '../platform/worker.js';
import type { LedgerDatabase } from './ledger.db.js';
import { EntryStatus } from './ledger.enums.js';
import type { LedgerService } from './ledger.service.js';

/**
 * Voids pending entries whose expiry has passed, through the ledger's writer like any other
 * operation. Every gateway runs one; the writer locks each entry, so two sweepers never expire the
 * same entry twice (the second finds it no longer PENDING and does nothing).
 */
export class ExpirySweeper extends PollingWorker {
  constructor(private readonly orm: MikroORM, private readonly ledger: LedgerService, registry?: Registry) {
    // A poll during a sweep is dropped, not folded: the next sweep waits for the next poll.
    super({ name: 'expiry-sweeper', intervalMs: limits.expirySweepIntervalMs, pollWhileBusy: 'skip', registry });
  }

  /** One sweep per poll, even after a full batch: the rest waits for the next. */
  protected async pass(): Promise<boolean> {
    await this.sweep();
    return false;
  }

  /** Expires up to expirySweepBatchMax entries past their expiry; returns how many it expired. */
  async sweep(): Promise<number> {
    // The status is a literal, not a parameter, so that even a generic plan matches the partial
    // index on pending entries' expiry.
    const rows = await this.orm.em.fork().getKysely<LedgerDatabase>().selectFrom('ledger_entry').select('id')
      .where('status', '=', sql.lit(EntryStatus.PENDING)).where('expires_at', '<=', sql<string>`now()`)
      .orderBy('expires_at').limit(limits.expirySweepBatchMax).execute();
    if (rows.length === 0) return 0;
    const results = await this.ledger.expire(rows.map((row) => row.id));
    return results.filter((result) => !('error' in result)).length;
  }
}
