import type http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { BurstyRateLimiter, RateLimiterRes } from 'rate-limiter-flexible';
import { AccessError } from '../auth/access.errors.js';
import { principalLabel, type Principal } from '../auth/principal.js';
import type { Caller } from '../graphql/context.js';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
import { sendRetryLater } from '../http/middleware.js';
import type { RateLimitStore } from './rate-limit-store.js';

export interface RequestLimitSettings {
  /** Requests per minute from one IP address without valid credentials; 0 is no limit. */
  rateLimitIpPerMinute: number;
  /** Requests per second one user or API key may keep up, from any address; 0 is no limit. */
  rateLimitCallerPerSecond: number;
  /** Requests a caller may make above that rate in each burst window; 0 is none. */
  rateLimitCallerBurst: number;
}

/** What `take` needs of a limiter: a store's, or the caller's rate-plus-burst pair. */
interface Limiter {
  consume(key: string): Promise<RateLimiterRes>;
}

/** Seconds a refused client should wait, for Retry-After: at least 1. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/** One point from `key`: undefined when allowed, else the seconds until the window frees one. */
async function take(limiter: Limiter | undefined, key: string): Promise<number | undefined> {
  if (!limiter) return undefined;
  try {
    await limiter.consume(key);
    return undefined;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return retryAfterSeconds(rejection.msBeforeNext);
    // The store's own failures already fell back to memory; anything else is a bug: log it, let the request through.
    logger.error({ err: rejection }, 'rate limiter failed');
    return undefined;
  }
}

/**
 * The caller's limiter: `perSecond` in one-second windows, so a refused caller waits a second at
 * most, not the rest of a minute; past that rate, `burst` more per burst window
 * (rate-limiter-flexible's BurstyRateLimiter, which asks the burst counter only once the rate is
 * used up), so a page that fires a dozen queries at once is not refused while a caller that keeps
 * too fast a pace is. Both counters are leased; the rate in larger leases when a burst backs it
 * (limits.rateLimitCallerRateLeasesPerLimit).
 */
function callerLimiter(store: RateLimitStore, perSecond: number, burst: number): Limiter {
  const leasesPerLimit = burst > 0 ? limits.rateLimitCallerRateLeasesPerLimit : undefined;
  const rate = store.leasedLimiter('caller', { points: perSecond, windowSeconds: limits.rateLimitCallerWindowSeconds, leasesPerLimit });
  if (burst === 0) return rate;
  const extra = store.leasedLimiter('caller-burst', { points: burst, windowSeconds: limits.rateLimitCallerBurstWindowSeconds });
  return new BurstyRateLimiter(rate, extra);
}

/**
 * The request rate limits, counted in the shared store (in leases: see LeasedLimiter), for every
 * /graphql request and every WebSocket connection and operation. A caller with valid credentials is counted as itself
 * (`user:<id>` or `apiKey:<id>`), wherever it calls from, so a back end or a GraphiQL session
 * behind one address is not throttled by that address's flood limit. Everything else (no
 * credentials, or credentials that were refused) is counted per client address.
 */
export class RequestLimits {
  private readonly perIp?: Limiter;
  private readonly perCaller?: Limiter;

  constructor(store: RateLimitStore, settings: RequestLimitSettings) {
    if (settings.rateLimitIpPerMinute > 0) {
      this.perIp = store.leasedLimiter('ip', { points: settings.rateLimitIpPerMinute, windowSeconds: limits.rateLimitIpWindowSeconds });
    }
    if (settings.rateLimitCallerPerSecond > 0) {
      this.perCaller = callerLimiter(store, settings.rateLimitCallerPerSecond, settings.rateLimitCallerBurst);
    }
  }

  /**
   * Counts one request: against its caller's limit when `principal` is one (valid credentials),
   * else against its address's. Undefined when allowed, else the seconds to wait.
   */
  request(ip: string, principal: Principal | undefined): Promise<number | undefined> {
    return principal ? take(this.perCaller, principalLabel(principal)) : take(this.perIp, ip);
  }
}

/** The refusal as GraphQL-shaped JSON: HTTP 429, Retry-After, code RATE_LIMITED. */
export function sendRateLimited(res: Response, seconds: number): void {
  sendRetryLater(res, 429, AccessError.rateLimited(seconds));
}

/**
 * Express middleware, after `authenticate`: the caller's limit or the address's (see RequestLimits).
 * It must follow authentication, since which limit applies depends on whether the credentials are
 * valid. A request without credentials costs no credential check before its address is counted;
 * one with refused credentials costs that check (for an API key, one indexed read), then counts
 * against its address like an anonymous one.
 */
export function requestRateLimit(requestLimits: RequestLimits) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const caller = res.locals.caller as Caller;
    requestLimits.request(caller.ip, caller.principal).then((seconds) => {
      if (seconds === undefined) next();
      else sendRateLimited(res, seconds);
    }, next);
  };
}

/**
 * The client's address of a WebSocket upgrade request, as Express's `req.ip` finds it for HTTP with
 * `trust proxy` set to a hop count: the address `hops` entries back along X-Forwarded-For from the
 * socket's peer (never further than the list goes), so both transports count one client alike.
 */
export function upgradeClientIp(request: http.IncomingMessage, trustProxyHops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustProxyHops === 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustProxyHops, chain.length - 1)];
}
