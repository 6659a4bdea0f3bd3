import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './platform/config.js';
import { modules } from './modules.js';
import { folioSchema } from './schema.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './platform/db/embedded-postgres.js';
import { migrate, openOrm } from './platform/db/orm.js';
import { EventHub } from './platform/events/event-hub.js';
import { Invalidations } from './platform/events/invalidations.js';
import { PgListener } from './platform/events/pg-listener.js';
import { OutboxRelay } from './platform/events/outbox-relay.js';
import { BrokerPublisher } from './platform/events/broker-publisher.js';
import { mountApp } from './platform/http/app-static.js';
import { registerBusinessGauges } from './platform/business-gauges.js';
import { outboxGauges } from './platform/events/outbox-gauges.js';
import { OutboxRetention } from './platform/events/outbox-retention.js';
import { UnitsOfWork } from './platform/db/unit-of-work.js';
import { mountGraphiql } from './platform/graphiql.js';
import { createContext, type Caller, type GraphQLContext, type Services } from './platform/graphql/context.js';
import { DocumentCache } from './platform/graphql/document-cache.js';
import { formatError, retryLaterResponses } from './platform/graphql/errors.js';
import { startWsServer } from './platform/graphql/ws-server.js';
import { authenticate, documentLimits, jsonErrors, requestIds } from './platform/http/middleware.js';
import { settleUrlParseWarning } from './platform/http/url-parse-warning.js';
import { healthRoutes, Readiness } from './platform/http/health.js';
import { operationObserver, requestLog } from './platform/http/request-log.js';
import { GatewayMetrics, metricsEndpoint, poolStatsOf } from './platform/metrics.js';
import { LoginLimiter } from './platform/abuse/login-limiter.js';
import { RateLimitStore } from './platform/abuse/rate-limit-store.js';
import { requestRateLimit, RequestLimits } from './platform/abuse/request-limits.js';
import { queryLimitRules, queryParseOptions } from './platform/graphql/query-limits.js';
import { inputGuard } from './platform/graphql/input-guard.js';
import { limits } from './platform/limits.js';
import { logger } from './platform/logger.js';

export interface Gateway {
  url: string;
  wsUrl: string;
  port: number;
  services: Services;
  /** The gateway's LISTEN connection (outbox events and invalidations). */
  listener: PgListener;
  /** Readiness goes 503 (the first step of close(); main.ts calls it as soon as SIGTERM arrives). */
  beginShutdown(): void;
  close(): Promise<void>;
}

const graphqlPath = '/graphql';

/** The database: DATABASE_URL when given, else the embedded PostgreSQL under the data dir. */
async function database(config: Config): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), port: config.embeddedPgPort, persistent: true });
  return { url: embedded.url, embedded };
}

/** Apollo would run a subscription sent over HTTP once and return null; say where it belongs instead. */
const subscriptionsOverWebSocketOnly: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription') {
          throw new GraphQLError(`subscriptions run over WebSocket (graphql-ws) at ${graphqlPath}, not over HTTP`, {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      },
    };
  },
};

/** Platform's long-lived parts, which every module may use, started before the modules. */
async function startPlatform(orm: MikroORM, databaseUrl: string, config: Config, metrics: GatewayMetrics) {
  const relay = new OutboxRelay(orm, metrics.registry);
  // Rate-limit counters shared by every gateway process: PostgreSQL's rate_limit table, or Redis.
  const rateLimits = await RateLimitStore.open({ databaseUrl, redisUrl: config.redisUrl, keyPrefix: config.rateLimitKeyPrefix });
  // One LISTEN connection for the event hub and the invalidation channel, started once both listen on it.
  const listener = new PgListener(databaseUrl, metrics.registry);
  const events = new EventHub(orm, listener);
  const invalidations = new Invalidations(listener);
  await events.start();
  await listener.start();
  relay.start();
  // Deletes events past EVENT_RETENTION_SECONDS / _EVENTS, one gateway at a time.
  const retention = new OutboxRetention(orm, config, metrics, metrics.registry);
  retention.start();
  // Events of a committed unit of work are numbered and sent at once, not at the next poll.
  const work = new UnitsOfWork(orm, () => relay.poke());
  return { relay, retention, rateLimits, listener, events, invalidations, work, loginThrottle: new LoginLimiter(rateLimits, config) };
}

/**
 * Starts a whole gateway: database (embedded unless DATABASE_URL), migrations, the ledger's writer,
 * the outbox relay and event hub, and HTTP + WebSocket on one port at /graphql.
 */
export async function startGateway(config: Config): Promise<Gateway> {
  const db = await database(config);
  const orm = await openOrm(db.url, config.dbPoolMax, modules.entities);
  await migrate(orm);
  const metrics = new GatewayMetrics(poolStatsOf(orm), config.dbPoolMax);
  const { relay, retention, rateLimits, listener, events, invalidations, work, loginThrottle } = await startPlatform(orm, db.url, config, metrics);
  const readiness = new Readiness(orm, () => ({ eventListener: events.listenerState }));
  const running = await modules.start({ orm, config, databaseUrl: db.url, metrics, relay }, { orm, events, invalidations, work, loginThrottle });
  const { services } = running;
  // The outbox's events to NATS JetStream, one gateway at a time (NATS_URL; off without it).
  const broker = config.natsUrl
    ? new BrokerPublisher({ natsUrl: config.natsUrl, stream: config.natsStream, databaseUrl: db.url, specs: modules.brokerEvents(), registry: metrics.registry, idleMs: 200 })
    : undefined;
  broker?.start();
  registerBusinessGauges(orm, metrics.registry, [...outboxGauges(config.natsUrl !== undefined), ...modules.gauges()]);
  const requestLimits = new RequestLimits(rateLimits, config);
  const schema = await folioSchema();

  // Apollo's express integration calls url.parse() on every request; see url-parse-warning.ts.
  settleUrlParseWarning();
  const app = express();
  app.disable('x-powered-by');
  // No ETag on every answer: express would hash each body (SHA-1) for a validator no GraphQL client
  // sends back (a POST is never revalidated). GraphiQL's assets set their own ETag (graphiql.ts).
  app.set('etag', false);
  app.set('trust proxy', config.trustProxyHops);
  const httpServer = http.createServer(app);
  const wsCleanup = startWsServer(httpServer, graphqlPath, schema, services, modules.loaders, metrics, {
    requestLimits, introspection: config.introspection, trustProxyHops: config.trustProxyHops,
  });

  const documentCache = new DocumentCache();
  metrics.watchDocumentCache(() => documentCache.stats);
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    logger,
    // Abuse limits before anything runs (query-limits.ts): tokens and nesting before parsing
    // (documentLimits, ahead of Apollo), tokens again while parsing; depth, cost, aliases and
    // directives while validating. One operation per request: a JSON array body is refused.
    // CSRF prevention (Apollo's default) stays on: a simple request without a preflight header is refused.
    parseOptions: queryParseOptions,
    // Parsed documents within a bound of heap, not Apollo's 30 MiB of JSON (document-cache.ts).
    documentStore: documentCache,
    validationRules: [...queryLimitRules],
    introspection: config.introspection,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // main.ts handles SIGTERM/SIGINT (readiness, drain, timeout); Apollo's own handler would race it.
    stopOnTerminationSignals: false,
    plugins: [
      // In-flight requests get until SHUTDOWN_TIMEOUT_MS (main.ts exits 1 then); the second more lets main.ts decide.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs + 1_000 }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of ledger answers: Apollo's cache-control plugin (on by default) hooks every
      // resolved field, about 5 % of the CPU of a 100-account page, to compute hints nothing sets.
      ApolloServerPluginCacheControlDisabled(),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      subscriptionsOverWebSocketOnly,
      // Every string valid Unicode without NUL, every value at most inputDepthMax deep, before anything runs.
      inputGuard,
      operationObserver(metrics),
      retryLaterResponses,
    ],
  });
  await apollo.start();

  app.use(requestIds);
  app.use(requestLog(metrics));
  app.use(healthRoutes(readiness));
  app.get('/metrics', metricsEndpoint(metrics, config.metricsToken));
  if (config.graphiql) mountGraphiql(app, graphqlPath);
  mountApp(app);
  const routes = express.Router();
  modules.mountRoutes(routes, services, { caller: [authenticate(services.authenticator), requestRateLimit(requestLimits)] });
  app.use(routes);
  // The rate limit follows authenticate: valid credentials are counted per caller, the rest per address.
  app.use(graphqlPath, authenticate(services.authenticator), requestRateLimit(requestLimits), express.json({ limit: limits.requestBodyBytesMax }), documentLimits, expressMiddleware(apollo, {
    context: async ({ res }) => createContext(services, modules.loaders, res.locals.caller as Caller),
  }));
  app.use(jsonErrors);

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.info({ port, url: `http://${host}:${port}${graphqlPath}` }, 'Folio gateway listening');

  return {
    url: `http://${host}:${port}${graphqlPath}`,
    wsUrl: `ws://${host}:${port}${graphqlPath}`,
    port,
    services,
    listener,
    beginShutdown: () => readiness.beginShutdown(),
    async close() {
      readiness.beginShutdown();
      // Stops accepting, lets in-flight requests finish, closes WebSockets (1001).
      await apollo.stop();
      // The modules' workers first (their last work goes through the ledger), then the modules in
      // reverse order (the ledger's writer drains its queue last), then platform.
      await running.stop();
      await broker?.stop();
      await retention.stop();
      await relay.stop();
      await events.stop();
      await listener.stop();
      await rateLimits.close();
      await orm.close();
      await db.embedded?.stop();
    },
  };
}
