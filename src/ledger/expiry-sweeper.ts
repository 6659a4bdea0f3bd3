import type { MikroORM } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { limits } from '../platform/limits.js';
import { logger } from '../platform/logger.js';
import type { LedgerDatabase } from './ledger.db.js';
import { EntryStatus } from './ledger.enums.js';
import type { LedgerService } from './ledger.service.js';

/**
 * Voids pending entries whose expiry has passed, through the ledger's writer like any other
 * operation. Every gateway runs one; the writer locks each entry, so two sweepers never expire the
 * same entry twice (the second finds it no longer PENDING and does nothing).
 */
export class ExpirySweeper {
  readonly name = 'expiry-sweeper';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly orm: MikroORM, private readonly ledger: LedgerService) {}

  start(): void {
    this.timer = setInterval(() => { this.running ??= this.sweep().finally(() => { this.running = undefined; }); }, limits.expirySweepIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<number> {
    try {
      // The status is a literal, not a parameter, so that even a generic plan matches the partial
      // index on pending entries' expiry.
      const rows = await this.orm.em.fork().getKysely<LedgerDatabase>().selectFrom('ledger_entry').select('id')
        .where('status', '=', sql.lit(EntryStatus.PENDING)).where('expires_at', '<=', sql<string>`now()`)
        .orderBy('expires_at').limit(limits.expirySweepBatchMax).execute();
      if (rows.length === 0) return 0;
      const results = await this.ledger.expire(rows.map((row) => row.id));
      return results.filter((result) => !('error' in result)).length;
    } catch (error) {
      logger.error({ err: error }, 'expiry sweep failed; the next one retries');
      return 0;
    }
  }
}
