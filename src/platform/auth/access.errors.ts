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
}
