import { randomUUID } from 'node:crypto';
import { execute, getOperationAST, type ExecutionArgs, type ExecutionResult, type GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import { principalLabel, type Principal } from '../auth/principal.js';
import { logger } from '../logger.js';
import { safeOperationName, type GatewayMetrics } from '../metrics.js';
import { currentRequestId, requestScope, type RequestScope } from '../request-context.js';
import { formatError, isVariableError } from './errors.js';
import { subscribeReliably } from './event-delivery.js';

/** One operation (query, mutation or subscription) on a graphql-ws connection. */
interface WsOperation {
  scope: RequestScope;
  name?: string;
  startedAt: bigint;
  errorCodes: string[];
  /** A live subscription, counted in folio_subscriptions_active until it completes. */
  live: boolean;
}

type AnyContext = Context<Record<string, unknown>, unknown>;

/** Runs every step of an async iterator (and so every event's resolvers) inside the operation's scope. */
function inScope<T>(scope: RequestScope, iterable: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  const done = (value?: unknown) => Promise.resolve({ done: true as const, value: value as T });
  const wrapped: AsyncGenerator<T> = {
    next: (...args: [] | [unknown]) => requestScope.run(scope, () => iterator.next(...args)),
    return: (value?: unknown) => requestScope.run(scope, () => (iterator.return ? iterator.return(value) : done(value))) as never,
    throw: (error?: unknown) => requestScope.run(scope, () => (iterator.throw ? iterator.throw(error) : Promise.reject(error))),
    [Symbol.asyncIterator]: () => wrapped,
    [Symbol.asyncDispose]: async () => { await wrapped.return(undefined); },
  };
  return wrapped;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof Object(value)[Symbol.asyncIterator] === 'function';
}

function requestIdOf(args: ExecutionArgs): string {
  return (args.contextValue as { requestId?: string } | undefined)?.requestId ?? randomUUID();
}

/**
 * Formats an error for a WebSocket client. Errors graphql-js made itself (validation, variable
 * coercion) have no original error and keep their message, with a code as Apollo would give them;
 * thrown errors go through formatError, which keeps Folio's codes and masks everything else.
 */
function formatWsError(error: GraphQLError, requestCode: string): GraphQLFormattedError {
  if (!error.originalError) {
    const json = error.toJSON();
    return { ...json, extensions: { ...json.extensions, code: (json.extensions?.code as string | undefined) ?? requestCode, requestId: currentRequestId() } };
  }
  // graphql-ws wraps an error that ended the stream in a GraphQLError with no path, which Apollo's
  // unwrapping does not look inside: hand formatError the original, so its code survives. A refusal
  // of a variable has no path either, but is graphql-js's own error, not a wrapper.
  return formatError(error.toJSON(), error.path || isVariableError(error) ? error : error.originalError);
}

/**
 * graphql-ws hooks for operations: each operation gets a request id of its own, carried through its
 * resolvers with AsyncLocalStorage (for subscriptions, through every event), a log line when a
 * subscription starts and one when any operation ends, and the same metrics as HTTP operations.
 */
export class WsOperations {
  private readonly connections = new WeakMap<object, Map<string, WsOperation>>();

  constructor(private readonly metrics: GatewayMetrics, private readonly principalOf: (ctx: AnyContext) => Principal | undefined) {}

  private operations(ctx: AnyContext): Map<string, WsOperation> {
    let operations = this.connections.get(ctx);
    if (!operations) this.connections.set(ctx, operations = new Map());
    return operations;
  }

  /** onSubscribe: opens the operation's record and request id. */
  readonly onSubscribe = (ctx: AnyContext, id: string, payload: SubscribePayload): void => {
    this.operations(ctx).set(id, {
      scope: { requestId: randomUUID() }, name: safeOperationName(payload.operationName),
      startedAt: process.hrtime.bigint(), errorCodes: [], live: false,
    });
  };

  /** The request id the operation's context (and so its errors and log lines) carries. */
  requestId(ctx: AnyContext, id: string): string {
    return this.operations(ctx).get(id)?.scope.requestId ?? randomUUID();
  }

  /** `execute` of useServer: queries and mutations run inside their operation's scope. */
  readonly execute = (args: ExecutionArgs) => requestScope.run({ requestId: requestIdOf(args) }, () => execute(args));

  /**
   * `subscribe` of useServer: the subscription's setup and every event run inside its scope, and an
   * event whose fields fail to load is tried again or ends the stream, never sent as a hole.
   */
  readonly subscribe = async (args: ExecutionArgs) => {
    const scope = { requestId: requestIdOf(args) };
    const result = await requestScope.run(scope, () => subscribeReliably(args));
    return isAsyncIterable(result) ? inScope(scope, result) : result;
  };

  /** onOperation: names the operation from its document; a live subscription is counted and logged. */
  readonly onOperation = (ctx: AnyContext, id: string, _payload: SubscribePayload, args: ExecutionArgs, result: unknown): void => {
    const operation = this.operations(ctx).get(id);
    if (!operation) return;
    operation.name = safeOperationName(getOperationAST(args.document, args.operationName)?.name?.value) ?? operation.name;
    if (!isAsyncIterable(result)) return;
    operation.live = true;
    this.metrics.subscriptionsActive.inc();
    logger.info({ requestId: operation.scope.requestId, transport: 'ws', event: 'subscribe', operationName: operation.name, caller: principalLabel(this.principalOf(ctx)) }, 'subscription started');
  };

  /** onNext: errors formatted (masked when unexpected) inside the operation's scope, their codes noted. */
  readonly onNext = (ctx: AnyContext, id: string, _payload: SubscribePayload, _args: ExecutionArgs, result: ExecutionResult) => {
    if (!result.errors) return result;
    const operation = this.operations(ctx).get(id);
    const errors = requestScope.run(operation?.scope ?? { requestId: randomUUID() }, () => result.errors!.map((error) => formatWsError(error, 'BAD_USER_INPUT')));
    operation?.errorCodes.push(...errors.map((error) => String(error.extensions?.code)));
    return { ...result, errors } as never;
  };

  /** onError: the operation failed before or while running (validation, limits, a broken stream). */
  readonly onError = (ctx: AnyContext, id: string, _payload: SubscribePayload, errors: readonly GraphQLError[]): GraphQLFormattedError[] => {
    const operation = this.operations(ctx).get(id);
    const formatted = requestScope.run(operation?.scope ?? { requestId: randomUUID() }, () => errors.map((error) => formatWsError(error, 'GRAPHQL_VALIDATION_FAILED')));
    operation?.errorCodes.push(...formatted.map((error) => String(error.extensions?.code)));
    // After a validation error graphql-ws does not call onComplete; after a stream error it does.
    if (operation && !operation.live) this.finish(ctx, id);
    return formatted;
  };

  /** onComplete: the operation ended (its result sent, the client or the server completed it, or the socket closed). */
  readonly onComplete = (ctx: AnyContext, id: string): void => {
    this.finish(ctx, id);
  };

  private finish(ctx: AnyContext, id: string): void {
    const operation = this.operations(ctx).get(id);
    if (!operation) return;
    this.operations(ctx).delete(id);
    if (operation.live) this.metrics.subscriptionsActive.dec();
    const durationMs = Number(process.hrtime.bigint() - operation.startedAt) / 1e6;
    const errorCodes = [...new Set(operation.errorCodes)];
    this.metrics.observeOperation({ name: operation.name, transport: 'ws', errorCodes: operation.errorCodes, durationMs: operation.live ? undefined : durationMs });
    logger.info({
      requestId: operation.scope.requestId, transport: 'ws', event: 'complete', operationName: operation.name,
      caller: principalLabel(this.principalOf(ctx)), durationMs: Math.round(durationMs * 100) / 100,
      ...(errorCodes.length ? { errorCodes } : {}),
    }, 'ws operation');
  }
}
