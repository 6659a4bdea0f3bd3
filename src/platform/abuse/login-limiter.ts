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
 * The login throttle over the shared rate-limit store, so it holds across gateway processes. Two
 * counters of failures, both over LOGIN_FAILURE_WINDOW_SECONDS:
 * - per email and IP address: at most LOGIN_FAILURES_MAX, then that email is refused from that
 *   address (the right password too) until the window ends; a successful login clears it;
 * - per IP address: at most `loginFailuresPerIpFactor` times as many, over any emails, so one address
 *   cannot try one password against many accounts. A success does not clear it, or an attacker with
 *   one valid account could reset it between guesses.
 * The email+IP key is a SHA-256 of both: it fits the store's key column and keeps emails out of it.
 */
export class LoginLimiter implements LoginThrottle {
  private readonly perEmailIp: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;

  constructor(store: RateLimitStore, settings: LoginLimitSettings) {
    const windowSeconds = settings.loginFailureWindowSeconds;
    this.perEmailIp = store.limiter('login-email-ip', { points: settings.loginFailuresMax, windowSeconds });
    this.perIp = store.limiter('login-ip', { points: settings.loginFailuresMax * limits.loginFailuresPerIpFactor, windowSeconds });
  }

  async check(email: string, ip: string): Promise<void> {
    const [pair, address] = await Promise.all([this.perEmailIp.get(pairKey(email, ip)), this.perIp.get(ip)]);
    const waits = [blockedFor(this.perEmailIp, pair), blockedFor(this.perIp, address)].filter((ms): ms is number => ms !== undefined);
    if (waits.length > 0) throw AccessError.rateLimited(retryAfterSeconds(Math.max(...waits)), 'failed logins');
  }

  async failed(email: string, ip: string): Promise<void> {
    await Promise.all([counted(this.perEmailIp.consume(pairKey(email, ip))), counted(this.perIp.consume(ip))]);
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await this.perEmailIp.delete(pairKey(email, ip));
  }
}

function pairKey(email: string, ip: string): string {
  return createHash('sha256').update(`${email}\n${ip}`).digest('hex');
}

/** Milliseconds until a counter that has used all its points frees one; undefined while it has points left. */
function blockedFor(limiter: RateLimiterAbstract, res: RateLimiterRes | null): number | undefined {
  if (!res || res.consumedPoints < limiter.points) return undefined;
  return res.msBeforeNext;
}

/** A failure past the limit is still counted; the library rejects with RateLimiterRes for it, which is no error here. */
async function counted(consumed: Promise<RateLimiterRes>): Promise<void> {
  await consumed.catch((rejection: unknown) => {
    if (rejection instanceof Error) throw rejection;
  });
}
