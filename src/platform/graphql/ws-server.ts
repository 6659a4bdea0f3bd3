import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Authentication } from '../auth/authentication.js';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
import { createContext, type GraphQLContext, type LoaderFactory, type Services } from './context.js';
import type { GatewayMetrics } from '../metrics.js';
import { WsOperations } from './ws-operations.js';
import { WsLimits, type WsLimitSettings } from '../abuse/ws-limits.js';
import { databaseUnavailable } from '../db/unavailable.js';

/** What graphql-ws keeps per connection: the credentials read once from `connectionInit`. */
interface ConnectionState {
  auth?: Authentication;
  ip: string;
  expiryTimer?: NodeJS.Timeout;
}

/** The credential of a `connectionInit` payload: `{ authorization: "Bearer …" }` (any letter case). */
function authorizationParam(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  const value = params.authorization ?? params.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The connection's credentials, or undefined when the database was unreachable to check them: the
 * socket is then closed with 1013 (try again later), a code graphql-ws clients retry by themselves.
 */
async function authenticateOrRetryLater(services: Services, socket: WebSocket, authorization: string | undefined): Promise<Authentication | undefined> {
  try {
    return await services.authenticator.authenticate(authorization);
  } catch (error) {
    if (!databaseUnavailable(error)) throw error;
    logger.warn({ err: error }, 'WebSocket connection refused: database unreachable');
    socket.close(1013, 'Service unavailable: the database is unreachable, retry shortly');
    return undefined;
  }
}

/**
 * Coalesces what one socket is sent within one turn of the event loop into one write: a
 * subscriber behind by several events gets them in one `writev` rather than one syscall each,
 * which was the largest single cost of a whole-stream fan-out (100 subscribers × 200 events/s).
 * The socket is corked at its first message in a turn and uncorked once the turn's I/O callbacks
 * and promises have run (setImmediate), so a message waits at most for the rest of its turn.
 */
function coalesceWrites(socket: WebSocket, tcp: Duplex): void {
  const send = socket.send.bind(socket) as (...args: unknown[]) => void;
  let corked = false;
  const uncork = () => { corked = false; tcp.uncork(); };
  socket.send = ((...args: unknown[]) => {
    if (!corked && !tcp.destroyed) { corked = true; tcp.cork(); setImmediate(uncork); }
    send(...args);
  }) as WebSocket['send'];
}

/**
 * graphql-ws on the gateway's HTTP server. A connection authenticates once, in its connectionInit
 * payload: refused credentials close it with 4401 and the reason (graphql-ws clients treat 4401 as
 * final, where they would retry a 4403 five times); a connection with none may connect, and each
 * subscription then answers UNAUTHENTICATED. A connection is closed (4401) when its access token
 * expires, so a token cannot outlive its lifetime on an open socket.
 */
export function startWsServer(httpServer: http.Server, path: string, schema: GraphQLSchema, services: Services, loaders: LoaderFactory, metrics: GatewayMetrics, abuse: WsLimitSettings) {
  // Rate limits, operations per connection and the query limits of HTTP, on this transport too.
  const wsLimits = new WsLimits(schema, abuse);
  const operations = new WsOperations(metrics, (ctx) => (ctx.extra as { state?: ConnectionState }).state?.auth?.principal);
  const wsServer = new WebSocketServer({ server: httpServer, path, maxPayload: limits.requestBodyBytesMax });
  // Before graphql-ws's own listener, so that its first message is already coalesced.
  wsServer.on('connection', (socket, request) => coalesceWrites(socket, request.socket));
  const cleanup = useServer<Record<string, unknown>, { socket: WebSocket; request: http.IncomingMessage; state?: ConnectionState }>({
    schema,
    onConnect: async (ctx) => {
      const ip = wsLimits.clientIp(ctx.extra.request);
      // Credentials first: whether the connection counts against its caller or its address depends on them.
      const auth = await authenticateOrRetryLater(services, ctx.extra.socket, authorizationParam(ctx.connectionParams));
      if (!auth) return false;
      if (!await wsLimits.admitConnection(ctx.extra.socket, ip, auth.principal)) return false;
      const state: ConnectionState = { auth, ip };
      ctx.extra.state = state;
      if (auth.failure) {
        logger.info({ reason: auth.failure }, 'WebSocket connection refused');
        // A close reason is at most 123 bytes; the failure messages are short and hold no secret.
        ctx.extra.socket.close(4401, `Unauthorized: ${auth.failure}`.slice(0, 120));
        return false;
      }
      if (auth.expiresAt) {
        const ms = Math.max(0, auth.expiresAt.getTime() - Date.now());
        state.expiryTimer = setTimeout(() => ctx.extra.socket.close(4401, 'access token expired'), Math.min(ms, 2 ** 31 - 1));
      }
      return true;
    },
    onClose: (ctx) => { clearTimeout(ctx.extra.state?.expiryTimer); },
    context: (ctx, id): GraphQLContext => createContext(services, loaders, {
      requestId: operations.requestId(ctx, id), principal: ctx.extra.state?.auth?.principal, ip: ctx.extra.state?.ip ?? 'unknown',
    }),
    // Request ids, log lines, metrics and error masking of each operation (ws-operations.ts).
    execute: operations.execute,
    subscribe: operations.subscribe,
    onSubscribe: async (ctx, id, payload) => {
      operations.onSubscribe(ctx, id, payload);
      const state = ctx.extra.state;
      return wsLimits.admitOperation(Object.keys(ctx.subscriptions).length, state?.ip ?? 'unknown', state?.auth?.principal, payload);
    },
    onOperation: operations.onOperation,
    onNext: operations.onNext,
    onError: operations.onError,
    onComplete: operations.onComplete,
  }, wsServer);
  return cleanup;
}
