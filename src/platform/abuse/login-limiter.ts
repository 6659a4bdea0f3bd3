import { createHash } from 'node:crypto';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AccessError } from '../auth/access.errors.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { limits } from '../limits.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { retryAfterSeconds } from './request-limits.js';

export interface LoginLimitSettings {
  /** Failed logins for one email from one IP address per window before that pair is refused. */
  loginFailuresMax: number;
  loginFailureWindowSeconds: number;
}

/**
 * The login throttle over the shared rate-limit store, so it holds across gateway processes. Every
 * attempt is counted before its password is checked (one atomic consume per counter), and a success
 * gives its point back, so the counters hold failures, and parallel guesses cannot slip past the
 * limit between a check and a count. Two counters, both over LOGIN_FAILURE_WINDOW_SECONDS:
 * - per email and IP address: at most LOGIN_FAILURES_MAX, then that email is refused from that
 *   address (the right password too) until the window ends; a successful login clears it;
 * - per IP address: at most `loginFailuresPerIpFactor` times as many, over any emails, so one address
 *   cannot try one password against many accounts. A success does not clear it, or an attacker with
 *   one valid account could reset it between guesses.
 * The email+IP key is a SHA-256 of both: it fits the store's key column and keeps emails out of it.
 * Unlike the request limits these counters are not leased (LeasedLimiter): a success clears its
 * email's count in the store, which points leased to another gateway would outlive, and a login
 * costs an Argon2 hash anyway, beside which one counter statement is nothing.
 */
export class LoginLimiter implements LoginThrottle {
  private readonly perEmailIp: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;

  constructor(store: RateLimitStore, settings: LoginLimitSettings) {
    const windowSeconds = settings.loginFailureWindowSeconds;
    this.perEmailIp = store.limiter('login-email-ip', { points: settings.loginFailuresMax, windowSeconds });
    this.perIp = store.limiter('login-ip', { points: settings.loginFailuresMax * limits.loginFailuresPerIpFactor, windowSeconds });
  }

  async attempt(email: string, ip: string): Promise<void> {
    const waits = await Promise.all([overLimitFor(this.perEmailIp.consume(pairKey(email, ip))), overLimitFor(this.perIp.consume(ip))]);
    const blocked = waits.filter((ms): ms is number => ms !== undefined);
    if (blocked.length > 0) throw AccessError.rateLimited(retryAfterSeconds(Math.max(...blocked)), 'failed logins');
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await Promise.all([this.perEmailIp.delete(pairKey(email, ip)), this.perIp.reward(ip, 1)]);
  }
}

function pairKey(email: string, ip: string): string {
  return createHash('sha256').update(`${email}\n${ip}`).digest('hex');
}

/**
 * Milliseconds until an over-limit counter frees a point, or undefined when the consume was within
 * the limit. The library rejects with a RateLimiterRes when over the limit (no error here) and with
 * an Error when the store fails.
 */
async function overLimitFor(consumed: Promise<RateLimiterRes>): Promise<number | undefined> {
  try {
    await consumed;
    return undefined;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return (rejection as RateLimiterRes).msBeforeNext;
  }
}
