/**
 * Limits failed logins per email and IP address, apart from the per-request rate limit, so a
 * password cannot be guessed at request speed. The identity service calls it around each login.
 */
export interface LoginThrottle {
  /**
   * Counts this attempt before the password is checked, atomically in the shared store, so that
   * guesses sent in parallel cannot pass the limit together. Throws AccessError.rateLimited
   * (RATE_LIMITED, retryAfterSeconds) when this email + IP, or this IP, has failed too often.
   */
  attempt(email: string, ip: string): Promise<void>;
  /** The attempt succeeded: clears the email + IP count and takes this attempt off the IP's. */
  succeeded(email: string, ip: string): Promise<void>;
}
