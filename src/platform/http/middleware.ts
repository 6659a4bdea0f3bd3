import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { CredentialReader } from '../module.js';
import type { FolioError } from '../errors.js';
import type { Caller } from '../graphql/context.js';
import { formatError } from '../graphql/errors.js';
import { lexicalRefusal } from '../graphql/query-limits.js';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
import { noteErrorCodes, requestScope } from '../request-context.js';
import { databaseUnavailable, ServiceUnavailableError } from '../db/unavailable.js';

/** Sets the request id (the caller's x-request-id, or a new one) for logs, errors and the response. */
export function requestIds(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const requestId = given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', requestId);
  res.locals.caller = { requestId, ip: req.ip ?? 'unknown' } satisfies Caller;
  requestScope.run({ requestId }, next);
}

/**
 * Reads the Authorization header into `res.locals.caller`. Refused credentials do not stop the
 * request here: public operations (login, register, refresh) still work, and every other operation
 * answers UNAUTHENTICATED with the reason.
 */
export function authenticate(authenticator: CredentialReader) {
  return (req: Request, res: Response, next: NextFunction): void => {
    authenticator.authenticate(req.header('authorization')).then((auth) => {
      const caller = res.locals.caller as Caller;
      caller.principal = auth.principal;
      caller.authFailure = auth.failure;
      next();
    }, next);
  };
}

/**
 * The document limits that hold before graphql's parser runs (lexicalRefusal: tokens, nesting), for
 * Apollo, which has no hook before its parse that can answer a request (a plugin that throws there
 * makes a 500). Mounted after express.json, before Apollo; a refused document answers 400
 * GRAPHQL_PARSE_FAILED in the shape and with the message of Apollo's own parse errors.
 */
export function documentLimits(req: Request, res: Response, next: NextFunction): void {
  const query: unknown = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
  const refused = typeof query === 'string' ? lexicalRefusal(query) : undefined;
  if (!refused) return next();
  const error = new GraphQLError(refused.message, {
    source: refused.source, positions: refused.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' },
  });
  noteErrorCodes('GRAPHQL_PARSE_FAILED');
  res.status(400).json({ errors: [formatError(error.toJSON(), error)] });
}

/**
 * Body-parser failures (bad JSON, too large) answer as GraphQL-shaped JSON, never an HTML page; so
 * does a middleware that needed the database while it was unreachable (authentication): 503.
 */
export function jsonErrors(error: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  if (databaseUnavailable(error)) return unavailable(error, res);
  const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) logger.error({ err: error }, 'unexpected HTTP error');
  const message = status === 413 ? `request body larger than ${limits.requestBodyBytesMax} bytes` : status === 500 ? 'Internal server error' : 'malformed request body';
  const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  noteErrorCodes(code);
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

function unavailable(error: unknown, res: Response): void {
  logger.warn({ err: error }, 'database unreachable during an HTTP request');
  sendRetryLater(res, 503, new ServiceUnavailableError(), { requestId: (res.locals.caller as Caller | undefined)?.requestId });
}

/**
 * A refusal the client should retry later (429, 503), as GraphQL-shaped JSON with Retry-After from
 * the error's `retryAfterSeconds`; `extensions` are added to the error's own.
 */
export function sendRetryLater(res: Response, status: number, error: FolioError, extensions: Record<string, unknown> = {}): void {
  noteErrorCodes(error.code);
  res.status(status).setHeader('retry-after', String(error.details.retryAfterSeconds ?? 1));
  res.json({ errors: [{ message: error.message, extensions: { ...error.details, code: error.code, ...extensions } }] });
}
