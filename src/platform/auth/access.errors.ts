import { FolioError } from '../errors.js';

/** Failures of authentication, authorisation and abuse limits; codes are part of the API. */
export class AccessError extends FolioError {
  /** No valid credentials: none were sent, or the token is expired, tampered or revoked. */
  static unauthenticated(reason = 'authentication required: send Authorization: Bearer <access token or API key>') {
    return new AccessError('UNAUTHENTICATED', reason);
  }

  /** Valid credentials whose roles do not allow the operation. */
  static forbidden(what = 'this operation') {
    return new AccessError('FORBIDDEN', `your role does not allow ${what}`);
  }

  /** Too many requests; `retryAfterSeconds` says when to try again. */
  static rateLimited(retryAfterSeconds: number, what = 'requests') {
    return new AccessError('RATE_LIMITED', `too many ${what}; retry after ${retryAfterSeconds} s`, { retryAfterSeconds });
  }

  /** A WebSocket connection already has `max` operations open; complete one, or open another connection. */
  static tooManySubscriptions(max: number) {
    return new AccessError('TOO_MANY_SUBSCRIPTIONS', `this connection already has ${max} operations open: complete one first`, { max });
  }
}
