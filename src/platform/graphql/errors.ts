import { GraphQLError, Kind, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { FolioError } from '../errors.js';
import { databaseUnavailable, ServiceUnavailableError } from '../db/unavailable.js';
import { logger } from '../logger.js';
import { currentRequestId } from '../request-context.js';

const clientCodes = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/** What graphql-js says when it stops coercing a request's variables after 50 refusals. */
const variableErrorLimitMessage = 'Too many errors processing variables, error limit reached. Execution aborted.';

/**
 * Whether graphql-js made this error refusing the request's variables (a value of the wrong type,
 * a null where none may be, or the error that ends the count after 50 of those): the client's
 * mistake. Apollo codes the first kinds BAD_USER_INPUT on HTTP, but not the last; graphql-ws codes
 * none of them, so each reached the client as INTERNAL_SERVER_ERROR.
 */
export function isVariableError(error: GraphQLError): boolean {
  if (error.path !== undefined) return false;
  return (error.nodes?.length === 1 && error.nodes[0].kind === Kind.VARIABLE_DEFINITION) || error.message === variableErrorLimitMessage;
}

/**
 * Apollo's formatError: Folio's typed errors (ledger, access, identity) keep their code; GraphQL's own request errors pass; anything
 * else is a bug, logged whole with the request id and masked to INTERNAL_SERVER_ERROR.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const requestId = currentRequestId();
  // Every error names its request (as the x-request-id response header does), so a client can quote it.
  const scoped = requestId ? { requestId } : {};
  const original = unwrapResolverError(error);
  if (original instanceof FolioError) {
    // The envelope's own keys come last: a detail named `code`, `message` or `requestId` (an account's
    // code, say) can never replace them.
    return { ...formatted, message: original.message, extensions: { ...original.details, code: original.code, ...scoped } };
  }
  if (databaseUnavailable(original)) {
    // An outage, not a bug: the client is told to retry, and the log keeps why (without row data).
    logger.warn({ err: original, requestId, path: formatted.path }, 'database unreachable during a GraphQL operation');
    return formatError({ message: formatted.message, path: formatted.path, locations: formatted.locations }, new ServiceUnavailableError());
  }
  if (original instanceof ArgumentValidationError) {
    return { ...formatted, extensions: { code: 'BAD_USER_INPUT', ...scoped } };
  }
  const code = formatted.extensions?.code as string | undefined;
  // Apollo has already called a codeless error INTERNAL_SERVER_ERROR by the time it gets here.
  if (original instanceof GraphQLError && (!code || code === 'INTERNAL_SERVER_ERROR') && isVariableError(original)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT', ...scoped } };
  }
  // Apollo refuses some requests with an HTTP 4xx and no code of its own (a persisted query whose
  // hash does not match it, an unknown persisted-query version): the client's mistake, not a bug.
  const status = (original as GraphQLError | undefined)?.extensions?.http as { status?: number } | undefined;
  if (original instanceof GraphQLError && (!code || code === 'INTERNAL_SERVER_ERROR') && status?.status && status.status >= 400 && status.status < 500) {
    return { message: formatted.message, extensions: { code: 'BAD_REQUEST', ...scoped } };
  }
  if (code && (clientCodes.has(code) || !(original instanceof Error) || original instanceof GraphQLError)) {
    if (code !== 'INTERNAL_SERVER_ERROR') return { ...formatted, extensions: { ...formatted.extensions, stacktrace: undefined, ...scoped } };
  }
  logger.error({ err: original, requestId, path: formatted.path }, 'unexpected error in a GraphQL operation');
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
}

/**
 * The HTTP status of an answer whose errors tell the client to retry later, in precedence order,
 * with `Retry-After` from their `retryAfterSeconds`, so HTTP clients and proxies retry it too.
 */
const retryLaterStatus: readonly [code: string, status: number][] = [['SERVICE_UNAVAILABLE', 503], ['RATE_LIMITED', 429]];

export const retryLaterResponses: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        for (const [code, status] of retryLaterStatus) {
          const waits = errors.filter((error) => error.extensions?.code === code).map((error) => Number(error.extensions?.retryAfterSeconds) || 1);
          if (waits.length === 0) continue;
          response.http.status = status;
          response.http.headers.set('retry-after', String(Math.max(...waits)));
          return;
        }
      },
    };
  },
};
