import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { FolioError } from '../errors.js';
import { databaseUnavailable } from '../db/unavailable.js';
import { SubscriptionInterruptedError } from '../events/interrupted.js';
import { ownerScope } from '../auth/principal.js';
import { logger } from '../logger.js';
import { limits } from '../limits.js';
import type { GraphQLContext } from './context.js';

/**
 * The waits before each new try of an event whose fields failed to load: about 4 s in all, longer
 * than a fast PostgreSQL restart, short enough that a subscriber is not left waiting in silence.
 */
export const eventRetryDelaysMs = [100, 250, 500, 1_000, 2_000] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The first error of a result that is not one of Folio's typed answers: a load that failed. */
function unexpectedError(result: ExecutionResult): unknown {
  const error = (result.errors ?? []).find((candidate) => !(candidate.originalError instanceof FolioError));
  return error && (error.originalError ?? error);
}

/** The sequence before a payload's, for a resubscription that must include this payload. */
function resumePoint(payload: unknown): string | undefined {
  const sequence = (payload as { sequence?: unknown } | null)?.sequence;
  return typeof sequence === 'string' && /^\d{1,19}$/.test(sequence) && sequence !== '0' ? String(BigInt(sequence) - 1n) : undefined;
}

/**
 * What the subscribers of one gateway share per event: one EntityManager and one set of DataLoaders
 * (every subscriber's `entry` of that event is one query, or a cache hit), and the result of each
 * distinct execution (subscribers with the same document, variables and kind of caller get the same
 * answer, executed once). Bounded: the oldest events are forgotten first.
 */
class SharedDelivery {
  private readonly scopes = new Map<string, { em: GraphQLContext['em']; loaders: GraphQLContext['loaders'] }>();
  private readonly results = new Map<string, Promise<ExecutionResult>>();

  scope(seq: string, context: GraphQLContext) {
    let scope = this.scopes.get(seq);
    if (!scope) {
      scope = freshScope(context);
      this.scopes.set(seq, scope);
      if (this.scopes.size > limits.subscriptionEventScopesMax) this.scopes.delete(this.scopes.keys().next().value!);
    }
    return scope;
  }

  run(key: string, execute: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    let result = this.results.get(key);
    if (!result) {
      result = execute();
      this.results.set(key, result);
      if (this.results.size > limits.subscriptionSharedResultsMax) this.results.delete(this.results.keys().next().value!);
    }
    return result;
  }

  /** After a failed execution: the retry gets a fresh scope and runs again. */
  forget(seq: string, key: string): void {
    this.scopes.delete(seq);
    this.results.delete(key);
  }
}

/** One per gateway (its ORM), so two gateways in one process never share an EntityManager. */
const shared = new WeakMap<object, SharedDelivery>();

function sharedFor(context: GraphQLContext): SharedDelivery {
  let delivery = shared.get(context.orm);
  if (!delivery) shared.set(context.orm, delivery = new SharedDelivery());
  return delivery;
}

/**
 * What makes two subscribers' answers to one event the same: the document, the operation, the
 * variables, and the caller as the resolvers may see it (its roles and the owner it is limited to;
 * see FolioModule: a subscription payload's field resolvers depend on nothing else of the caller).
 */
function shareKey(args: ExecutionArgs): string {
  const context = args.contextValue as GraphQLContext;
  const principal = context.principal;
  const caller = principal ? `${[...principal.roles].sort().join(',')}|${ownerScope(principal) ?? ''}` : '-';
  const document = args.document.loc?.source.body ?? JSON.stringify(args.document);
  return `${document}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}\u0000${caller}`;
}

const bigintsAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** Executes one event's selection, again while its fields fail to load; never yields a partial event. */
async function executeEvent(args: ExecutionArgs, share: string, payload: unknown): Promise<ExecutionResult> {
  const context = args.contextValue as GraphQLContext;
  const delivery = sharedFor(context);
  const seq = (payload as { sequence?: unknown } | null)?.sequence;
  const eventKey = typeof seq === 'string' ? seq : undefined;
  for (let attempt = 0; ; attempt += 1) {
    if (eventKey === undefined) Object.assign(context, freshScope(context));
    else Object.assign(context, delivery.scope(eventKey, context));
    const key = eventKey === undefined ? undefined : `${eventKey}\u0000${share}\u0000${JSON.stringify(payload, bigintsAsText)}`;
    const run = async () => execute({ ...args, rootValue: payload });
    const result = await (key === undefined ? run() : delivery.run(key, run));
    const failure = unexpectedError(result);
    if (failure === undefined) return result;
    if (key !== undefined) delivery.forget(eventKey!, key);
    if (attempt === eventRetryDelaysMs.length) {
      const unavailable = databaseUnavailable(failure);
      logger[unavailable ? 'warn' : 'error']({ err: failure, attempts: attempt + 1 }, 'subscription event could not be delivered: subscription ended');
      const why = unavailable ? 'the database is unreachable' : 'its fields failed to load';
      throw new SubscriptionInterruptedError(resumePoint(payload), `an event could not be delivered (${why})`);
    }
    await sleep(eventRetryDelaysMs[attempt]);
  }
}

function freshScope(context: GraphQLContext) {
  const em = context.orm.em.fork();
  return { em, loaders: context.newLoaders(em, context) };
}

/**
 * graphql-js's `subscribe`, with one change: an event whose fields fail to load (the database
 * restarting while `entry` loads, say) is executed again, and if it still fails the subscription ends
 * with SUBSCRIPTION_INTERRUPTED and where to resume, instead of sending `data: null` with no sequence,
 * a hole a client that keeps its stream open would never notice. The source stream is returned
 * to (and its listener released) as soon as the client completes, even between events.
 */
export async function subscribeReliably(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(stream))) return stream as ExecutionResult;
  const source = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const share = shareKey(args);
  const close = async () => { await source.return?.(); };
  const events: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const step = await source.next();
      if (step.done) return { done: true, value: undefined };
      try {
        return { done: false, value: await executeEvent(args, share, step.value) };
      } catch (error) {
        await close();
        throw error;
      }
    },
    async return() {
      await close();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() { return events; },
  };
  return events;
}
