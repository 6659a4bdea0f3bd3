/**
 * Limits failed logins per email and IP address, apart from the per-request rate limit, so a
 * password cannot be guessed at request speed. The identity service calls it around each login.
 */
export interface LoginThrottle {
  /** Throws AccessError.rateLimited (RATE_LIMITED, retryAfterSeconds) while this email + IP is blocked. */
  check(email: string, ip: string): Promise<void>;
  /** Counts a failed attempt (wrong password or unknown email: both count, so neither is revealed). */
  failed(email: string, ip: string): Promise<void>;
  /** Clears the count after a successful login. */
  succeeded(email: string, ip: string): Promise<void>;
}
