import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { FolioError } from '../errors.js';
import { databaseUnavailable } from '../db/unavailable.js';
import { limits } from '../limits.js';
import { logger } from '../logger.js';

/**
 * The waits before each new try of an event whose fields failed to load: about 4 s in all, longer
 * than a fast PostgreSQL restart, short enough that a subscriber is not left waiting in silence.
 */
export const eventRetryDelaysMs = [100, 250, 500, 1_000, 2_000] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The end of a subscription whose next event could not be delivered whole. Every subscription
 * payload carries its `sequence`; `resumeAfter` is the one before the failed event's, so a client
 * that subscribes again with `after: resumeAfter` receives that event and everything after it.
 */
export class SubscriptionInterruptedError extends FolioError {
  constructor(resumeAfter: string | undefined, unavailable: boolean) {
    const why = unavailable ? 'the database is unreachable' : 'its fields failed to load';
    const how = resumeAfter === undefined ? 'subscribe again' : `subscribe again with after: "${resumeAfter}"`;
    super('SUBSCRIPTION_INTERRUPTED', `an event could not be delivered (${why}): ${how} to receive it and what follows`, {
      ...(resumeAfter === undefined ? {} : { resumeAfter }),
      retryAfterSeconds: limits.unavailableRetryAfterSeconds,
    });
    this.name = 'SubscriptionInterruptedError';
  }
}

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

/** Executes one event's selection, again while its fields fail to load; never yields a partial event. */
async function executeEvent(args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> {
  for (let attempt = 0; ; attempt += 1) {
    const result = await execute({ ...args, rootValue: payload });
    const failure = unexpectedError(result);
    if (failure === undefined) return result;
    if (attempt === eventRetryDelaysMs.length) {
      const unavailable = databaseUnavailable(failure);
      logger[unavailable ? 'warn' : 'error']({ err: failure, attempts: attempt + 1 }, 'subscription event could not be delivered: subscription ended');
      throw new SubscriptionInterruptedError(resumePoint(payload), unavailable);
    }
    await sleep(eventRetryDelaysMs[attempt]);
  }
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
  const close = async () => { await source.return?.(); };
  const events: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const step = await source.next();
      if (step.done) return { done: true, value: undefined };
      try {
        return { done: false, value: await executeEvent(args, step.value) };
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
