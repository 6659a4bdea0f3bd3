import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { MikroORM, PostgreSqlConnection } from '@mikro-orm/postgresql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { limits } from './limits.js';

export type Transport = 'http' | 'ws';

const graphqlName = /^[_A-Za-z][_0-9A-Za-z]*$/;
const errorCode = /^[A-Z][A-Z0-9_]*$/;

/**
 * An operation name as logs and metrics may show it: a valid GraphQL name of at most
 * `operationNameLengthMax` characters; anything else (absent, too long, not a name) is undefined.
 */
export function safeOperationName(name: unknown): string | undefined {
  return typeof name === 'string' && name.length <= limits.operationNameLengthMax && graphqlName.test(name) ? name : undefined;
}

/** A label set that grows only up to `max` distinct values; past that, new values become `overflow`. */
class BoundedLabels {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number, private readonly overflow: string) {}

  label(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return this.overflow;
    this.seen.add(value);
    return value;
  }
}

/** Connections of the database pool, as pg's Pool counts them. */
export interface PoolStats { total: number; idle: number; waiting: number }

/** The pg Pool behind MikroORM's Kysely dialect (MikroORM 7: PostgreSqlConnection.getNativeClient()). */
export function poolStatsOf(orm: MikroORM): () => Promise<PoolStats> {
  return async () => {
    const pool = await (orm.driver.getConnection() as PostgreSqlConnection).getNativeClient();
    return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  };
}

/** One finished GraphQL operation, as the HTTP plugin or the WebSocket hooks saw it. */
export interface OperationObservation {
  name: string | undefined;
  transport: Transport;
  errorCodes: readonly string[];
  /** Omitted for subscriptions: their lifetime is not a latency. */
  durationMs?: number;
}

/**
 * The Prometheus metrics of one gateway, in a registry of its own (tests run several gateways in
 * one process; the global registry would mix them). Label values are bounded: operation names
 * must be valid GraphQL names and at most `metricsOperationLabelsMax` distinct ones are kept (then
 * `other`); error codes likewise (then `OTHER`).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new BoundedLabels(limits.metricsOperationLabelsMax, 'other');
  private readonly codes = new BoundedLabels(limits.metricsErrorCodeLabelsMax, 'OTHER');
  private readonly requests: Counter<'operation' | 'outcome' | 'transport'>;
  private readonly duration: Histogram<'operation' | 'outcome' | 'transport'>;
  private readonly errors: Counter<'code'>;
  private readonly entries: Counter;
  private readonly deletedEvents: Counter;
  private readonly oldestEvent: Gauge;
  readonly subscriptionsActive: Gauge;
  readonly httpRequestsInFlight: Gauge;

  constructor(poolStats: () => Promise<PoolStats>, poolMax: number) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'folio_graphql_requests_total', help: 'GraphQL operations answered, by operation name, outcome (ok, error) and transport (http, ws).',
      labelNames: ['operation', 'outcome', 'transport'], registers,
    });
    this.duration = new Histogram({
      name: 'folio_graphql_request_duration_seconds', help: 'Time to answer a GraphQL query or mutation (subscriptions excluded), by operation name, outcome and transport.',
      labelNames: ['operation', 'outcome', 'transport'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    });
    this.errors = new Counter({ name: 'folio_graphql_errors_total', help: 'Errors in GraphQL responses, by extensions.code.', labelNames: ['code'], registers });
    this.entries = new Counter({ name: 'folio_ledger_entries_posted_total', help: 'Journal entries created by committed ledger writer transactions.', registers });
    this.deletedEvents = new Counter({ name: 'folio_events_deleted_total', help: 'Outbox events this gateway\'s retention worker deleted, past the retention window (EVENT_RETENTION_SECONDS, EVENT_RETENTION_EVENTS).', registers });
    this.oldestEvent = new Gauge({ name: 'folio_events_oldest_sequence', help: 'The oldest event sequence still in the outbox (a subscription may resume after one below it), as of this gateway\'s last retention pass; 0 while it holds none.', registers });
    this.subscriptionsActive = new Gauge({ name: 'folio_subscriptions_active', help: 'GraphQL subscriptions currently open over WebSocket.', registers });
    this.httpRequestsInFlight = new Gauge({ name: 'folio_http_requests_in_flight', help: 'HTTP requests received and not yet answered.', registers });
    this.poolGauges(poolStats, poolMax);
    // process.memoryUsage().arrayBuffers, which collectDefaultMetrics leaves out (Buffers: pg's, the body parser's).
    new Gauge({
      name: 'nodejs_array_buffers_bytes', help: 'Memory of ArrayBuffers and Buffers, in bytes (process.memoryUsage().arrayBuffers; part of nodejs_external_memory_bytes).', registers,
      collect() { this.set(process.memoryUsage().arrayBuffers); },
    });
  }

  /** The parsed documents Apollo keeps (document-cache.ts), read when Prometheus scrapes. */
  watchDocumentCache(stats: () => { entries: number; bytes: number }): void {
    const registers = [this.registry];
    new Gauge({ name: 'folio_graphql_document_cache_entries', help: 'Parsed and validated documents kept for reuse.', registers, collect() { this.set(stats().entries); } });
    new Gauge({
      name: 'folio_graphql_document_cache_bytes', help: 'Estimated heap of the parsed documents kept for reuse, in bytes (at most limits.documentCacheBytesMax).', registers,
      collect() { this.set(stats().bytes); },
    });
  }

  /** Records one answered operation: its count, its latency (queries and mutations), its error codes. */
  observeOperation(observation: OperationObservation): void {
    const name = safeOperationName(observation.name);
    const labels = {
      operation: name ? this.operations.label(name) : 'anonymous',
      outcome: observation.errorCodes.length > 0 ? 'error' : 'ok',
      transport: observation.transport,
    };
    this.requests.inc(labels);
    if (observation.durationMs !== undefined) this.duration.observe(labels, observation.durationMs / 1000);
    for (const code of observation.errorCodes) this.errors.inc({ code: errorCode.test(code) && code.length <= 64 ? this.codes.label(code) : 'OTHER' });
  }

  /** Called by the ledger writer after a transaction commits, with the number of entries it created. */
  entriesPosted(count: number): void {
    if (count > 0) this.entries.inc(count);
  }

  /** Called by the outbox retention after each transaction that deleted events. */
  eventsDeleted(count: number): void {
    if (count > 0) this.deletedEvents.inc(count);
  }

  /** Called by the outbox retention after each pass, with the oldest numbered event left (none: 0). */
  oldestEventSequence(seq: bigint | undefined): void {
    this.oldestEvent.set(seq === undefined ? 0 : Number(seq));
  }

  /** Pool usage is read when Prometheus scrapes, not sampled on a timer. */
  private poolGauges(poolStats: () => Promise<PoolStats>, poolMax: number): void {
    const registers = [this.registry];
    const gauge = (name: string, help: string, pick: (stats: PoolStats) => number) => new Gauge({
      name, help, registers,
      async collect() { this.set(pick(await poolStats())); },
    });
    gauge('folio_db_pool_connections', 'Open connections in the database pool (idle and in use).', (s) => s.total);
    gauge('folio_db_pool_idle_connections', 'Idle connections in the database pool.', (s) => s.idle);
    gauge('folio_db_pool_waiting_requests', 'Queries waiting for a connection from the database pool.', (s) => s.waiting);
    new Gauge({ name: 'folio_db_pool_max_connections', help: 'Size limit of the database pool (DB_POOL_MAX).', registers }).set(poolMax);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** GET /metrics in Prometheus' text format; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
export function metricsEndpoint(metrics: GatewayMetrics, token: string | undefined) {
  return async (req: Request, res: Response): Promise<void> => {
    if (token) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
      if (!match || !sameSecret(match[1], token)) {
        res.status(401).set('www-authenticate', 'Bearer realm="metrics"').json({ error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
        return;
      }
    }
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
