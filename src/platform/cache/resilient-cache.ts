import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleAll, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { Redis } from 'ioredis';
import { Counter, Gauge, type Registry } from 'prom-client';
import { logger } from '../logger.js';

export interface ResilientCacheOptions {
  /** Redis; without it every read is a miss and nothing is written (the callers compute from PostgreSQL). */
  redisUrl?: string;
  /** The cache's name in metrics and logs, e.g. "statement". */
  name: string;
  registry: Registry;
  /** How long one Redis command may take before it counts as failed. */
  timeoutMs?: number;
  /** Consecutive failures that open the breaker. */
  failuresToOpen?: number;
  /** How long the breaker stays open before it lets one command through to try Redis again. */
  halfOpenAfterMs?: number;
}

/** The breaker's state as the gauge shows it. */
const stateValue: Record<CircuitState, number> = { [CircuitState.Closed]: 0, [CircuitState.HalfOpen]: 1, [CircuitState.Open]: 2, [CircuitState.Isolated]: 3 };

const metricsOf = new WeakMap<Registry, { requests: Counter<'cache' | 'outcome'>; breaker: Gauge<'cache'> }>();

/**
 * A Redis cache that is never in the way: each command has a timeout, and a circuit breaker
 * (cockatiel) stops trying Redis after a few failures, half-opens by itself and closes on the first
 * success. While Redis is slow, down or the breaker open, a read is a miss (`fallback` in the
 * metrics) and a write is dropped, so the caller computes the answer from PostgreSQL: the same answer,
 * no error, at most one timeout of added latency. `/metrics` shows hits, misses, fallbacks and the
 * breaker's state.
 */
export class ResilientCache {
  private readonly redis?: Redis;
  private readonly policy;
  private readonly breaker;
  private readonly metrics;
  private lastErrorLogAt = 0;

  constructor(private readonly options: ResilientCacheOptions) {
    const timeoutMs = options.timeoutMs ?? 50;
    this.breaker = circuitBreaker(handleAll, { halfOpenAfter: options.halfOpenAfterMs ?? 2_000, breaker: new ConsecutiveBreaker(options.failuresToOpen ?? 3) });
    this.policy = wrap(this.breaker, timeout(timeoutMs, TimeoutStrategy.Aggressive));
    this.metrics = metricsFor(options.registry);
    this.metrics.breaker.set({ cache: options.name }, stateValue[CircuitState.Closed]);
    this.breaker.onStateChange((state) => {
      this.metrics.breaker.set({ cache: options.name }, stateValue[state]);
      logger.info({ cache: options.name, state: CircuitState[state] }, 'cache circuit breaker changed state');
    });
    if (!options.redisUrl) return;
    this.redis = new Redis(options.redisUrl, {
      // Commands fail at once while disconnected (the breaker counts them) instead of queueing; the client reconnects by itself.
      enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1_000, commandTimeout: timeoutMs,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on('error', (error: Error) => this.logError(error));
  }

  /** The breaker's state: Closed, HalfOpen or Open. */
  get state(): string {
    return CircuitState[this.breaker.state];
  }

  /** The value under `key`, or undefined: not cached, or Redis unavailable (a fallback). */
  async get(key: string): Promise<string | undefined> {
    if (!this.redis) return this.count('miss', undefined);
    try {
      const value = await this.policy.execute(() => this.redis!.get(key));
      return this.count(value === null ? 'miss' : 'hit', value ?? undefined);
    } catch (error) {
      this.logError(error as Error);
      return this.count('fallback', undefined);
    }
  }

  /** Stores `value` under `key` for `ttlSeconds`, if Redis takes it; a failure only counts against the breaker. */
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    if (!this.redis) return;
    try {
      await this.policy.execute(() => this.redis!.set(key, value, 'EX', ttlSeconds));
    } catch (error) {
      this.logError(error as Error);
    }
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }

  private count<T>(outcome: 'hit' | 'miss' | 'fallback', value: T): T {
    this.metrics.requests.inc({ cache: this.options.name, outcome });
    return value;
  }

  /** Redis errors in the log, at most once a minute (an outage would otherwise log every request). */
  private logError(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLogAt < 60_000) return;
    this.lastErrorLogAt = now;
    logger.warn({ cache: this.options.name, err: error.message }, 'cache unavailable: answering from PostgreSQL');
  }
}

/** One set of the cache metrics per registry (a gateway's), shared by its caches (by label). */
function metricsFor(registry: Registry) {
  let metrics = metricsOf.get(registry);
  if (!metrics) {
    metrics = {
      requests: new Counter({ name: 'folio_cache_requests_total', help: 'Cache reads by outcome: hit, miss, or fallback (Redis unavailable or its breaker open: answered from PostgreSQL).', labelNames: ['cache', 'outcome'], registers: [registry] }),
      breaker: new Gauge({ name: 'folio_cache_breaker_state', help: 'The cache circuit breaker: 0 closed, 1 half-open, 2 open.', labelNames: ['cache'], registers: [registry] }),
    };
    metricsOf.set(registry, metrics);
  }
  return metrics;
}
