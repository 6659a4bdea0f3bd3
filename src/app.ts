import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './platform/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './platform/db/embedded-postgres.js';
import { migrate, openOrm } from './platform/db/orm.js';
import { EventHub } from './platform/events/event-hub.js';
import { OutboxRelay } from './platform/events/outbox-relay.js';
import { mountGraphiql } from './platform/graphiql.js';
import { createContext, type Caller, type GraphQLContext, type Services } from './platform/graphql/context.js';
import { formatError } from './platform/graphql/errors.js';
import { startWsServer } from './platform/graphql/ws-server.js';
import { authenticate, jsonErrors, requestIds } from './platform/http/middleware.js';
import { healthRoutes, Readiness } from './platform/http/health.js';
import { operationObserver, requestLog } from './platform/http/request-log.js';
import { GatewayMetrics, metricsEndpoint, poolStatsOf } from './platform/metrics.js';
import { Authenticator } from './identity/authenticator.js';
import { IdentityService } from './identity/identity.service.js';
import { LoginLimiter } from './platform/abuse/login-limiter.js';
import { RateLimitStore } from './platform/abuse/rate-limit-store.js';
import { callerRateLimit, ipRateLimit, rateLimitedResponses, RequestLimits } from './platform/abuse/request-limits.js';
import { queryLimitRules, queryParseOptions } from './platform/graphql/query-limits.js';
import { AccessTokens } from './identity/tokens.js';
import { folioSchema } from './platform/graphql/schema.js';
import { limits } from './platform/limits.js';
import { logger } from './platform/logger.js';
import { ExpirySweeper } from './ledger/expiry-sweeper.js';
import { LedgerQueries } from './ledger/ledger.queries.js';
import { LedgerService } from './ledger/ledger.service.js';
import { entriesCreatedBy, PostingWriter } from './ledger/posting-writer.js';
import { SimulatedProcessor } from './platform/payments/simulated-processor.js';
import {
  DisbursementService, DisbursementWorker, openSystemAccounts, WalletQueries, WalletService, WithdrawalService, type WalletModule,
} from './wallets/index.js';
import { PayoutQueries, PayoutRunService, PayoutService, type PayoutModule } from './payouts/index.js';

export interface Gateway {
  url: string;
  wsUrl: string;
  port: number;
  services: Services;
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

/** Wallets, withdrawals and payouts, with the worker that sends them to the payment processor. */
async function startMoneyModules(orm: MikroORM, ledger: LedgerService, identity: IdentityService, config: Config): Promise<{ wallets: WalletModule; payouts: PayoutModule; worker: DisbursementWorker }> {
  await openSystemAccounts(orm, ledger, config.walletCurrencies);
  const service = new WalletService(orm, ledger, identity.queries, { currencies: config.walletCurrencies, selfDeposits: config.selfDeposits });
  let worker: DisbursementWorker | undefined;
  const disbursements = new DisbursementService(orm, ledger, service, () => worker?.poke());
  const processor = new SimulatedProcessor(orm.em.fork().getKysely(), { mode: config.paymentProcessorMode, delayMs: config.paymentProcessorDelayMs });
  worker = new DisbursementWorker(disbursements, processor);
  const wallets: WalletModule = { service, disbursements, queries: new WalletQueries(), withdrawals: new WithdrawalService(service, disbursements, config.withdrawalFeeBps) };
  const payoutService = new PayoutService(orm, service, disbursements, { minimum: config.payoutMinimum, cancelWindowSeconds: config.payoutCancelWindowSeconds });
  const payouts: PayoutModule = {
    service: payoutService, queries: new PayoutQueries(orm),
    runs: new PayoutRunService(orm, ledger, payoutService, { minimum: config.payoutMinimum }),
  };
  worker.start();
  payouts.runs.resume();
  return { wallets, payouts, worker };
}

async function startServices(orm: MikroORM, databaseUrl: string, config: Config, metrics: GatewayMetrics): Promise<{ services: Services; relay: OutboxRelay; writer: PostingWriter; sweeper: ExpirySweeper; rateLimits: RateLimitStore; worker: DisbursementWorker }> {
  const relay = new OutboxRelay(orm);
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds);
  const authenticator = new Authenticator(orm.em.fork().getKysely(), tokens);
  // Rate-limit counters shared by every gateway process: PostgreSQL's rate_limit table, or Redis.
  const rateLimits = await RateLimitStore.open({ databaseUrl, redisUrl: config.redisUrl, keyPrefix: config.rateLimitKeyPrefix });
  const loginThrottle = new LoginLimiter(rateLimits, config);
  const identity = new IdentityService(orm, tokens, loginThrottle, config.refreshTokenTtlSeconds);
  const writer = new PostingWriter(orm.em.fork().getKysely(), (results) => {
    relay.poke();
    metrics.entriesPosted(entriesCreatedBy(results));
  });
  const ledger = new LedgerService(writer);
  const events = new EventHub(orm, databaseUrl);
  await events.start();
  relay.start();
  const sweeper = new ExpirySweeper(orm, ledger);
  sweeper.start();
  const { wallets, payouts, worker } = await startMoneyModules(orm, ledger, identity, config);
  return { services: { orm, ledger, queries: new LedgerQueries(), events, authenticator, identity, loginThrottle, wallets, payouts }, relay, writer, sweeper, rateLimits, worker };
}

/**
 * Starts a whole gateway: database (embedded unless DATABASE_URL), migrations, the ledger's writer,
 * the outbox relay and event hub, and HTTP + WebSocket on one port at /graphql.
 */
export async function startGateway(config: Config): Promise<Gateway> {
  const db = await database(config);
  const orm = await openOrm(db.url, config.dbPoolMax);
  await migrate(orm);
  const metrics = new GatewayMetrics(poolStatsOf(orm), config.dbPoolMax);
  const readiness = new Readiness(orm);
  const { services, relay, writer, sweeper, rateLimits, worker } = await startServices(orm, db.url, config, metrics);
  const requestLimits = new RequestLimits(rateLimits, config);
  const schema = await folioSchema();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  const httpServer = http.createServer(app);
  const wsCleanup = startWsServer(httpServer, graphqlPath, schema, services, metrics, {
    requestLimits, introspection: config.introspection, trustProxyHops: config.trustProxyHops,
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    logger,
    // Abuse limits before anything runs (query-limits.ts): tokens while parsing; depth, cost, aliases
    // and directives while validating. One operation per request: a JSON array body is refused.
    // CSRF prevention (Apollo's default) stays on: a simple request without a preflight header is refused.
    parseOptions: queryParseOptions,
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
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      subscriptionsOverWebSocketOnly,
      operationObserver(metrics),
      rateLimitedResponses,
    ],
  });
  await apollo.start();

  app.use(requestIds);
  app.use(requestLog(metrics));
  app.use(healthRoutes(readiness));
  app.get('/metrics', metricsEndpoint(metrics, config.metricsToken));
  if (config.graphiql) mountGraphiql(app, graphqlPath);
  // The IP limit comes before authenticate (a flood costs no credential checks), the caller's after it.
  app.use(graphqlPath, ipRateLimit(requestLimits), authenticate(services.authenticator), callerRateLimit(requestLimits), express.json({ limit: limits.requestBodyBytesMax }), expressMiddleware(apollo, {
    context: async ({ res }) => createContext(services, res.locals.caller as Caller),
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
    beginShutdown: () => readiness.beginShutdown(),
    async close() {
      readiness.beginShutdown();
      // Stops accepting, lets in-flight requests finish, closes WebSockets (1001).
      await apollo.stop();
      // The sweeper, payout runs and the disbursement worker first: their last work goes through
      // the ledger, whose writer then drains its queue.
      await sweeper.stop();
      await services.payouts.runs.stop();
      await worker.stop();
      await writer.close();
      await relay.stop();
      await services.events.stop();
      await rateLimits.close();
      await orm.close();
      await db.embedded?.stop();
    },
  };
}
