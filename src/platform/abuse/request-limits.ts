import type http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AccessError } from '../auth/access.errors.js';
import { principalLabel, type Principal } from '../auth/principal.js';
import type { Caller } from '../graphql/context.js';
import { limits } from '../limits.js';
import { logger } from '../logger.js';
import { noteErrorCodes } from '../request-context.js';
import type { RateLimitStore } from './rate-limit-store.js';

export interface RequestLimitSettings {
  /** Requests per minute from one IP address; 0 is no limit. */
  rateLimitIpPerMinute: number;
  /** Requests per minute from one user or API key; 0 is no limit. */
  rateLimitCallerPerMinute: number;
}

/** Seconds a refused client should wait, for Retry-After: at least 1. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/** One point from `key`: undefined when allowed, else the seconds until the window frees one. */
async function take(limiter: RateLimiterAbstract | undefined, key: string): Promise<number | undefined> {
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
 * Requests per minute per client IP address and per caller (`user:<id>` or `apiKey:<id>`), counted
 * in the shared store, for every /graphql request and every WebSocket connection and operation.
 */
export class RequestLimits {
  private readonly perIp?: RateLimiterAbstract;
  private readonly perCaller?: RateLimiterAbstract;

  constructor(store: RateLimitStore, settings: RequestLimitSettings) {
    const windowSeconds = limits.rateLimitWindowSeconds;
    if (settings.rateLimitIpPerMinute > 0) {
      this.perIp = store.limiter('ip', { points: settings.rateLimitIpPerMinute, windowSeconds, blockInMemory: true });
    }
    if (settings.rateLimitCallerPerMinute > 0) {
      this.perCaller = store.limiter('caller', { points: settings.rateLimitCallerPerMinute, windowSeconds, blockInMemory: true });
    }
  }

  /** Counts a request from this address; undefined when allowed, else the seconds to wait. */
  ip(ip: string): Promise<number | undefined> {
    return take(this.perIp, ip);
  }

  /** Counts a request of an authenticated caller (none for anonymous requests: the IP limit covers them). */
  caller(principal: Principal | undefined): Promise<number | undefined> {
    return principal ? take(this.perCaller, principalLabel(principal)) : Promise.resolve(undefined);
  }

  /** Both limits, the IP's first (a refused IP costs the caller nothing). */
  async request(ip: string, principal: Principal | undefined): Promise<number | undefined> {
    return (await this.ip(ip)) ?? this.caller(principal);
  }
}

/** The refusal as GraphQL-shaped JSON: HTTP 429, Retry-After, code RATE_LIMITED. */
export function sendRateLimited(res: Response, seconds: number): void {
  const error = AccessError.rateLimited(seconds);
  noteErrorCodes(error.code);
  res.status(429).setHeader('retry-after', String(seconds));
  res.json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
}

/**
 * Express middleware: the per-IP limit. Mounted before `authenticate`, so a flood from one address
 * is refused before any credential is checked (an API key costs a database read).
 */
export function ipRateLimit(requestLimits: RequestLimits) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    requestLimits.ip((res.locals.caller as Caller).ip).then((seconds) => {
      if (seconds === undefined) next();
      else sendRateLimited(res, seconds);
    }, next);
  };
}

/** Express middleware: the per-caller limit, after `authenticate` has found the principal. */
export function callerRateLimit(requestLimits: RequestLimits) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    requestLimits.caller((res.locals.caller as Caller).principal).then((seconds) => {
      if (seconds === undefined) next();
      else sendRateLimited(res, seconds);
    }, next);
  };
}

/**
 * A RATE_LIMITED error raised inside an operation (a throttled login) answers like the middleware's
 * refusals: HTTP 429 with Retry-After (the longest wait any such error asks for).
 */
export const rateLimitedResponses: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const waits = (response.body.singleResult.errors ?? [])
          .filter((error) => error.extensions?.code === 'RATE_LIMITED')
          .map((error) => Number(error.extensions?.retryAfterSeconds) || 1);
        if (waits.length === 0) return;
        response.http.status = 429;
        response.http.headers.set('retry-after', String(Math.max(...waits)));
      },
    };
  },
};

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
