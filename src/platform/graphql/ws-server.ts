import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Authentication } from '../../identity/authenticator.js';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
import { createContext, type GraphQLContext, type Services } from './context.js';
import { formatError } from './errors.js';

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
 * graphql-ws on the gateway's HTTP server. A connection authenticates once, in its connectionInit
 * payload: refused credentials close it with 4403; a connection with none may connect, and each
 * subscription then answers UNAUTHENTICATED. A connection is closed (4401) when its access token
 * expires, so a token cannot outlive its lifetime on an open socket.
 */
export function startWsServer(httpServer: http.Server, path: string, schema: GraphQLSchema, services: Services) {
  const wsServer = new WebSocketServer({ server: httpServer, path, maxPayload: limits.requestBodyBytesMax });
  const cleanup = useServer<Record<string, unknown>, { socket: WebSocket; request: http.IncomingMessage; state?: ConnectionState }>({
    schema,
    onConnect: async (ctx) => {
      const auth = await services.authenticator.authenticate(authorizationParam(ctx.connectionParams));
      const state: ConnectionState = { auth, ip: ctx.extra.request.socket.remoteAddress ?? 'unknown' };
      ctx.extra.state = state;
      if (auth.failure) {
        logger.info({ reason: auth.failure }, 'WebSocket connection refused');
        return false;
      }
      if (auth.expiresAt) {
        const ms = Math.max(0, auth.expiresAt.getTime() - Date.now());
        state.expiryTimer = setTimeout(() => ctx.extra.socket.close(4401, 'access token expired'), Math.min(ms, 2 ** 31 - 1));
      }
      return true;
    },
    onClose: (ctx) => { clearTimeout(ctx.extra.state?.expiryTimer); },
    context: (ctx): GraphQLContext => createContext(services, {
      requestId: randomUUID(), principal: ctx.extra.state?.auth?.principal, ip: ctx.extra.state?.ip ?? 'unknown',
    }),
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors
      ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } as never
      : result),
  }, wsServer);
  return cleanup;
}
