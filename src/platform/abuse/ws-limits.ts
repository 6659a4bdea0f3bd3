import { documentRefusal, variablesRefusal } from '../graphql/input-guard.js';
import type http from 'node:http';
import { GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { WebSocket } from 'ws';
import { AccessError } from '../auth/access.errors.js';
import type { Principal } from '../auth/principal.js';
import type { FolioError } from '../errors.js';
import { checkOperation } from '../graphql/query-limits.js';
import { limits } from '../limits.js';
import { upgradeClientIp, type RequestLimits } from './request-limits.js';

export interface WsLimitSettings {
  requestLimits: RequestLimits;
  /** INTROSPECTION: when false, introspection is refused over WebSocket as over HTTP. */
  introspection: boolean;
  /** TRUST_PROXY_HOPS, so a WebSocket's client address is found as Express finds req.ip. */
  trustProxyHops: number;
}

/** graphql-ws's close code for "too many requests" (the client does not retry it by itself). */
export const rateLimitedCloseCode = 4429;

function asGraphQLError(error: FolioError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
}

/**
 * The abuse limits of the WebSocket transport, the same as HTTP's: a connection and each operation
 * on it cost one request of its caller's rate limit (credentials of its connectionInit), or of its
 * address's when it has none; at most `subscriptionsPerConnectionMax` may be open at once, and
 * every document is parsed and validated with the same depth, cost, alias, directive and token
 * limits before it runs.
 */
export class WsLimits {
  constructor(private readonly schema: GraphQLSchema, private readonly settings: WsLimitSettings) {}

  /** The client's address of the upgrade request (X-Forwarded-For only as far as TRUST_PROXY_HOPS allows). */
  clientIp(request: http.IncomingMessage): string {
    return upgradeClientIp(request, this.settings.trustProxyHops);
  }

  /**
   * At connectionInit, once its credentials are read: false (and the socket closed with 4429 and the
   * wait) when the caller, or without valid credentials the address, is over its limit.
   */
  async admitConnection(socket: WebSocket, ip: string, principal: Principal | undefined): Promise<boolean> {
    const seconds = await this.settings.requestLimits.request(ip, principal);
    if (seconds === undefined) return true;
    socket.close(rateLimitedCloseCode, AccessError.rateLimited(seconds).message);
    return false;
  }

  /**
   * At subscribe: the arguments to run the operation with, or the errors that refuse it (sent to the
   * client as the operation's error message; the connection stays open). `openOperations` counts
   * this one too (graphql-ws registers it before onSubscribe).
   */
  async admitOperation(openOperations: number, ip: string, principal: Principal | undefined, payload: SubscribePayload): Promise<ExecutionArgs | GraphQLError[]> {
    if (openOperations > limits.subscriptionsPerConnectionMax) {
      return [asGraphQLError(AccessError.tooManySubscriptions(limits.subscriptionsPerConnectionMax))];
    }
    const seconds = await this.settings.requestLimits.request(ip, principal);
    if (seconds !== undefined) return [asGraphQLError(AccessError.rateLimited(seconds))];
    const checked = checkOperation(this.schema, payload.query, { introspection: this.settings.introspection });
    if ('errors' in checked) return checked.errors;
    const refused = variablesRefusal(payload.variables) ?? documentRefusal(checked.document);
    if (refused) return [refused];
    return {
      schema: this.schema, document: checked.document, operationName: payload.operationName,
      variableValues: payload.variables ?? undefined,
    };
  }
}
