import express, { type Router } from 'express';
import { sql } from 'kysely';
import type { MikroORM } from '@mikro-orm/postgresql';
import { limits } from '../limits.js';
import { logger } from '../logger.js';

export interface ReadinessReport {
  ready: boolean;
  /** Why the gateway is not ready; absent when it is. */
  reason?: string;
  /** States that do not stop traffic but say how well it is served (the event listener's). */
  details?: Record<string, string>;
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether this gateway should receive traffic: the database answers, no migration is pending, and
 * shutdown has not begun. The migration check reads the migrations folder and a table, so a
 * positive answer is trusted for `readinessMigrationCacheMs`; a negative one is never cached.
 */
export class Readiness {
  private shuttingDown = false;
  private migrationsCheckedAt = 0;

  constructor(private readonly orm: MikroORM, private readonly details: () => Record<string, string> = () => ({})) {}

  /** From now on /readyz answers 503, so load balancers stop sending new requests. */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  async check(): Promise<ReadinessReport> {
    if (this.shuttingDown) return { ready: false, reason: 'shutting down' };
    try {
      await withTimeout(sql`select 1`.execute(this.orm.em.fork().getKysely()), limits.readinessDbTimeoutMs,
        `the database did not answer within ${limits.readinessDbTimeoutMs} ms`);
    } catch (error) {
      logger.warn({ err: error }, 'readiness: database check failed');
      return { ready: false, reason: 'database unreachable' };
    }
    if (Date.now() - this.migrationsCheckedAt > limits.readinessMigrationCacheMs) {
      let pending: { name: string }[];
      try {
        pending = await this.orm.migrator.getPending();
      } catch (error) {
        logger.warn({ err: error }, 'readiness: migration check failed');
        return { ready: false, reason: 'migration check failed' };
      }
      if (pending.length > 0) return { ready: false, reason: `migrations pending: ${pending.map((m) => m.name).join(', ')}` };
      this.migrationsCheckedAt = Date.now();
    }
    const details = this.details();
    return Object.keys(details).length > 0 ? { ready: true, details } : { ready: true };
  }
}

/**
 * GET /healthz: the process is up (no dependency checked). GET /readyz: Readiness.check(); the
 * reason says what is wrong without details of the database (those go to the log).
 */
export function healthRoutes(readiness: Readiness): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  router.get('/readyz', (_req, res, next) => {
    readiness.check().then((report) => {
      res.status(report.ready ? 200 : 503).set('cache-control', 'no-store')
        .json(report.ready ? { status: 'ready', ...(report.details && { details: report.details }) } : { status: 'unavailable', reason: report.reason });
    }, next);
  });
  return router;
}
