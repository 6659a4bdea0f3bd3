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
import { Authenticator } from './identity/authenticator.js';
import { AccessTokens } from './identity/tokens.js';
import { folioSchema } from './platform/graphql/schema.js';
import { limits } from './platform/limits.js';
import { logger } from './platform/logger.js';
import { ExpirySweeper } from './ledger/expiry-sweeper.js';
import { LedgerQueries } from './ledger/ledger.queries.js';
import { LedgerService } from './ledger/ledger.service.js';
import { PostingWriter } from './ledger/posting-writer.js';

export interface Gateway {
  url: string;
  wsUrl: string;
  port: number;
  services: Services;
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

async function startServices(orm: MikroORM, databaseUrl: string, config: Config): Promise<{ services: Services; relay: OutboxRelay; writer: PostingWriter; sweeper: ExpirySweeper }> {
  const relay = new OutboxRelay(orm);
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds);
  const authenticator = new Authenticator(orm.em.fork().getKysely(), tokens);
  const writer = new PostingWriter(orm.em.fork().getKysely(), () => relay.poke());
  const ledger = new LedgerService(writer);
  const events = new EventHub(orm, databaseUrl);
  await events.start();
  relay.start();
  const sweeper = new ExpirySweeper(orm, ledger);
  sweeper.start();
  return { services: { orm, ledger, queries: new LedgerQueries(), events, authenticator }, relay, writer, sweeper };
}

/**
 * Starts a whole gateway: database (embedded unless DATABASE_URL), migrations, the ledger's writer,
 * the outbox relay and event hub, and HTTP + WebSocket on one port at /graphql.
 */
export async function startGateway(config: Config): Promise<Gateway> {
  const db = await database(config);
  const orm = await openOrm(db.url, config.dbPoolMax);
  await migrate(orm);
  const { services, relay, writer, sweeper } = await startServices(orm, db.url, config);
  const schema = await folioSchema();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  const httpServer = http.createServer(app);
  const wsCleanup = startWsServer(httpServer, graphqlPath, schema, services);

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      subscriptionsOverWebSocketOnly,
    ],
  });
  await apollo.start();

  app.use(requestIds);
  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  if (config.graphiql) mountGraphiql(app, graphqlPath);
  app.use(graphqlPath, authenticate(services.authenticator), express.json({ limit: limits.requestBodyBytesMax }), expressMiddleware(apollo, {
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
    async close() {
      await apollo.stop();
      await writer.close();
      await sweeper.stop();
      await relay.stop();
      await services.events.stop();
      await orm.close();
      await db.embedded?.stop();
    },
  };
}
