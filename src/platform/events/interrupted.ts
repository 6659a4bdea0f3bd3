import { FolioError } from '../errors.js';
import { limits } from '../limits.js';

/**
 * The end of a subscription that could not go on without a gap: an event that could not be
 * delivered whole, or a subscriber too far behind. `resumeAfter` is the last sequence it received
 * whole, so a client that subscribes again with `after: resumeAfter` misses nothing.
 */
export class SubscriptionInterruptedError extends FolioError {
  constructor(resumeAfter: string | undefined, why: string) {
    const how = resumeAfter === undefined ? 'subscribe again' : `subscribe again with after: "${resumeAfter}"`;
    super('SUBSCRIPTION_INTERRUPTED', `${why}: ${how} to receive what follows`, {
      ...(resumeAfter === undefined ? {} : { resumeAfter }),
      retryAfterSeconds: limits.unavailableRetryAfterSeconds,
    });
    this.name = 'SubscriptionInterruptedError';
  }
}
