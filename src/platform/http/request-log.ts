import type { NextFunction, Request, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { principalLabel } from '../auth/principal.js';
import type { Caller } from '../graphql/context.js';
import { logger } from '../logger.js';
import { safeOperationName, type GatewayMetrics } from '../metrics.js';
import { requestScope, type OperationRecord } from '../request-context.js';

/** Probes and scrapes: logged at debug when they succeed, so they do not drown the request lines. */
const quietPaths = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Writes exactly one JSON line per HTTP request when its response is finished (or its connection
 * closed first): request id, method, path (never the query string, which may carry variables),
 * status, duration, the GraphQL operation name, the caller and the error codes. Never the body,
 * the variables or a header. Mount it right after `requestIds`, which opens the request's scope.
 */
export function requestLog(metrics: GatewayMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const startedAt = process.hrtime.bigint();
    const scope = requestScope.getStore();
    const operation: OperationRecord = { errorCodes: [] };
    if (scope) scope.operation = operation;
    metrics.httpRequestsInFlight.inc();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      metrics.httpRequestsInFlight.dec();
      const path = req.originalUrl.split('?')[0].slice(0, 200);
      const level = res.statusCode >= 500 ? 'error' : quietPaths.has(path) && res.statusCode < 400 ? 'debug' : 'info';
      // Built only for a level that is written (the benchmark and some deployments log at warn).
      if (!logger.isLevelEnabled(level)) return;
      const caller = res.locals.caller as Caller | undefined;
      const line = {
        requestId: caller?.requestId,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - startedAt) / 1e4) / 100,
        operationName: operation.name,
        caller: principalLabel(caller?.principal),
        ...(caller?.authFailure ? { authFailure: caller.authFailure } : {}),
        ...(operation.errorCodes.length ? { errorCodes: [...new Set(operation.errorCodes)] } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      logger[level](line, 'request');
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

/** Time since `start` in milliseconds. */
function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The Apollo side of the request log and metrics: puts the operation name and the response's error
 * codes on the request's OperationRecord, and counts the operation, its latency and its errors.
 */
export function operationObserver(metrics: GatewayMetrics): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const startedAt = process.hrtime.bigint();
      const record = requestScope.getStore()?.operation;
      if (record) record.name = safeOperationName(request.operationName);
      return {
        async didResolveOperation({ operationName }) {
          if (record) record.name = safeOperationName(operationName) ?? record.name;
        },
        async willSendResponse({ response, operationName }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors ?? [] : [];
          const errorCodes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          record?.errorCodes.push(...errorCodes);
          const name = safeOperationName(operationName) ?? safeOperationName(request.operationName);
          metrics.observeOperation({ name, transport: 'http', errorCodes, durationMs: since(startedAt) });
        },
      };
    },
  };
}
