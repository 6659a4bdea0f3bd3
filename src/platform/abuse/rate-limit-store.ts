import pg from 'pg';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type IRateLimiterOptions, type RateLimiterAbstract, type RateLimiterRes,
} from 'rate-limiter-flexible';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
import { LeasedLimiter } from './leased-limiter.js';

/** Where the counters live and how every gateway process names them. */
export interface RateLimitStoreOptions {
  /** PostgreSQL of the gateway: the counters go to its `rate_limit` table when there is no Redis. */
  databaseUrl: string;
  /** Redis for the counters instead of PostgreSQL. */
  redisUrl?: string;
  /** Prefix of every key, so gateways that share a store can keep separate counts (tests do). */
  keyPrefix: string;
}

export interface LimiterOptions {
  /** Points per window; a request or a failed login costs one. */
  points: number;
  windowSeconds: number;
  /** A leased limiter's leases are at most `points` over this (default limits.rateLimitLeasesPerLimit). */
  leasesPerLimit?: number;
}

/**
 * The in-memory limiter rate-limiter-flexible falls back to (its `insuranceLimiter`) when the store
 * fails. It says so in the log, at most once a minute per process.
 */
class OutageMemoryLimiter extends RateLimiterMemory {
  constructor(options: IRateLimiterOptions, private readonly outage: () => void) {
    super(options);
  }

  override consume(key: string | number, points?: number, options?: Record<string, unknown>): Promise<RateLimiterRes> {
    this.outage();
    return super.consume(key, points, options);
  }

  override get(key: string | number, options?: Record<string, unknown>): Promise<RateLimiterRes | null> {
    this.outage();
    return super.get(key, options);
  }

  override delete(key: string | number, options?: Record<string, unknown>): Promise<boolean> {
    this.outage();
    return super.delete(key, options);
  }
}

/**
 * The shared counters of every rate limit (requests per IP and per caller, failed logins), so a limit
 * holds across gateway processes: PostgreSQL's unlogged `rate_limit` table through a small pool of
 * its own (never the ledger's connections), or Redis when REDIS_URL is set.
 *
 * When the store cannot be reached, each limiter counts in this process's memory instead (the
 * library's insuranceLimiter) and the outage is logged. Deliberately neither fail-open nor
 * fail-closed: failing open would drop the login throttle exactly when an attacker may have caused
 * the outage, and failing closed would turn a Redis or rate-limit outage into a full outage of the
 * ledger. Per process the limits still hold; across N processes a client gets at most N times its
 * limit until the store is back.
 */
export class RateLimitStore {
  private readonly pool?: pg.Pool;
  private readonly redis?: Redis;
  private lastOutageLogAt = 0;

  private constructor(private readonly options: RateLimitStoreOptions) {
    if (options.redisUrl) {
      this.redis = new Redis(options.redisUrl, {
        lazyConnect: true,
        // Commands fail at once while disconnected (the fallback answers) instead of queueing.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: limits.rateLimitStoreTimeoutMs,
        commandTimeout: limits.rateLimitStoreTimeoutMs,
      });
      this.redis.on('error', (error: Error) => this.logOutage(error));
    } else {
      this.pool = new pg.Pool({
        connectionString: options.databaseUrl,
        max: limits.rateLimitStoreConnectionsMax,
        connectionTimeoutMillis: limits.rateLimitStoreTimeoutMs,
        query_timeout: limits.rateLimitStoreTimeoutMs,
        application_name: 'folio-rate-limit',
      });
      // An idle connection that breaks emits here; without a listener it would end the process.
      this.pool.on('error', (error) => this.logOutage(error));
    }
  }

  /** Opens the store; an unreachable Redis is logged and retried in the background, not fatal. */
  static async open(options: RateLimitStoreOptions): Promise<RateLimitStore> {
    const store = new RateLimitStore(options);
    await store.redis?.connect().catch((error: Error) => store.logOutage(error));
    return store;
  }

  /** Where the counters are, for the start-up log (no credentials). */
  get kind(): 'redis' | 'postgres' {
    return this.redis ? 'redis' : 'postgres';
  }

  /**
   * A limiter whose keys are `<prefix>:<name>:<key>` in the shared store, exact: every call is a
   * round trip. For counters that are reset or given back (failed logins). Without the library's
   * inMemoryBlockOnConsumed: its refusals carry no count, which a lease's draw needs (LeasedLimiter
   * refuses from memory itself).
   */
  limiter(name: string, options: LimiterOptions): RateLimiterAbstract {
    const common = { keyPrefix: `${this.options.keyPrefix}:${name}`, points: options.points, duration: options.windowSeconds };
    const insuranceLimiter = new OutageMemoryLimiter(common, () => this.logOutage());
    if (this.redis) {
      return new RateLimiterRedis({ ...common, storeClient: this.redis, rejectIfRedisNotReady: true, insuranceLimiter });
    }
    return new RateLimiterPostgres({
      ...common, storeClient: this.pool, storeType: 'pool', tableName: 'rate_limit', tableCreated: true, insuranceLimiter,
    });
  }

  /**
   * The same counter spent in leases (LeasedLimiter): most consumes cost no round trip, the limit
   * is never exceeded across processes, and a key over it is refused from memory until its window
   * ends. For the request rate limits.
   */
  leasedLimiter(name: string, options: LimiterOptions): LeasedLimiter {
    return new LeasedLimiter(this.limiter(name, options), options.leasesPerLimit);
  }

  async close(): Promise<void> {
    await this.pool?.end();
    if (this.redis) await this.redis.quit().catch(() => this.redis!.disconnect());
  }

  private logOutage(error?: Error): void {
    const now = Date.now();
    if (now - this.lastOutageLogAt < limits.rateLimitOutageLogIntervalMs) return;
    this.lastOutageLogAt = now;
    logger.error({ err: error, store: this.kind }, 'rate-limit store unreachable: counting in this process only until it is back');
  }
}
