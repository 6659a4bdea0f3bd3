import { FolioError } from '../errors.js';

/**
 * A subscription's `after` (or the point a stream had reached) is below the outbox's retention
 * floor: events after it were deleted, so a replay would have a gap. Never a partial replay: the
 * client must reload the state it derives from events, then subscribe again without `after` (live
 * from now) or with `after: earliestAfter` (every event still kept). `oldestSequence` is the oldest
 * event still in the outbox, absent when it holds none.
 */
export class EventsExpiredError extends FolioError {
  constructor(after: bigint, floor: bigint, oldest: bigint | undefined) {
    super('EVENTS_EXPIRED', `events after sequence ${after} are past the outbox's retention window and were deleted: ` +
      `reload the current state, then subscribe again without after, or with after: "${floor}" for every event still kept`, {
      after: String(after),
      earliestAfter: String(floor),
      ...(oldest === undefined ? {} : { oldestSequence: String(oldest) }),
    });
    this.name = 'EventsExpiredError';
  }
}
