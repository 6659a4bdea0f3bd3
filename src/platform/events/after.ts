import { InputError } from '../errors.js';

const sequenceMax = 2n ** 63n - 1n;

/** The description of every resumable subscription's `after` argument (GraphiQL's docs, schema.graphql). */
export const afterDescription = 'The `sequence` of the last event received: replays every event after it, then continues live. ' +
  'One older than the outbox keeps (EVENT_RETENTION_SECONDS, EVENT_RETENTION_EVENTS) ends the subscription with EVENTS_EXPIRED: ' +
  'reload the state, then subscribe without `after` or with `after: extensions.earliestAfter`.';

/**
 * A subscription's `after`: the outbox sequence number to resume after, one parse for every
 * module's subscriptions. BAD_USER_INPUT for anything but a number PostgreSQL's bigint can hold,
 * so no caller can turn an out-of-range cursor into a database error.
 */
export function parseAfter(after: string | undefined | null): bigint | undefined {
  if (after === undefined || after === null) return undefined;
  if (!/^\d{1,19}$/.test(after) || BigInt(after) > sequenceMax) throw InputError.badInput('after must be an event sequence number', 'after');
  return BigInt(after);
}
