import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { LoginLimiter } from '../../src/platform/abuse/login-limiter.js';
import { RateLimitStore } from '../../src/platform/abuse/rate-limit-store.js';
import { RequestLimits } from '../../src/platform/abuse/request-limits.js';
import { AccessError } from '../../src/platform/auth/access.errors.js';
import type { Principal } from '../../src/platform/auth/principal.js';
import { Role } from '../../src/platform/auth/roles.js';
import { loadConfig } from '../../src/config.js';
import { limits } from '../../src/platform/limits.js';
import { logger } from '../../src/platform/logger.js';
import { uniq } from '../testkit/gateway.js';
import { redisUrl, requireRedis } from './abuse-testkit.js';

const opened: RateLimitStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  vi.restoreAllMocks();
});

async function open(kind: 'postgres' | 'redis', keyPrefix: string, redis = redisUrl, databaseUrl = inject('databaseUrl')): Promise<RateLimitStore> {
  if (kind === 'redis' && redis === redisUrl) await requireRedis();
  const store = await RateLimitStore.open({ databaseUrl, redisUrl: kind === 'redis' ? redis : undefined, keyPrefix });
  opened.push(store);
  return store;
}

/** The wait a refused attempt asks for, or undefined when it let the login through (and counted it). */
async function refusal(throttle: LoginLimiter, email: string, ip: string): Promise<number | undefined> {
  try {
    await throttle.attempt(email, ip);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AccessError);
    expect((error as AccessError).code).toBe('RATE_LIMITED');
    return (error as AccessError).details.retryAfterSeconds as number;
  }
}

const settings = { loginFailuresMax: 3, loginFailureWindowSeconds: 60 };

describe.each(['postgres', 'redis'] as const)('the login throttle on %s', (kind) => {
  it('blocks one email from one address after LOGIN_FAILURES_MAX failures, not that email elsewhere nor other emails', async () => {
    const throttle = new LoginLimiter(await open(kind, uniq('login')), settings);
    // An attempt with no success after it is a failure.
    for (let i = 0; i < settings.loginFailuresMax; i += 1) {
      expect(await refusal(throttle, 'a@example.test', '10.0.0.1')).toBeUndefined();
    }
    const wait = await refusal(throttle, 'a@example.test', '10.0.0.1');
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(settings.loginFailureWindowSeconds);
    expect(await refusal(throttle, 'a@example.test', '10.0.0.2')).toBeUndefined();
    expect(await refusal(throttle, 'b@example.test', '10.0.0.1')).toBeUndefined();
  });

  it('lets at most LOGIN_FAILURES_MAX of many parallel attempts through (counted before the password is checked)', async () => {
    const throttle = new LoginLimiter(await open(kind, uniq('login')), settings);
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => refusal(throttle, 'p@example.test', '10.0.0.3')));
    expect(outcomes.filter((wait) => wait === undefined)).toHaveLength(settings.loginFailuresMax);
  });

  it('clears an email’s failures on a successful login', async () => {
    const throttle = new LoginLimiter(await open(kind, uniq('login')), settings);
    for (let i = 0; i < settings.loginFailuresMax - 1; i += 1) await throttle.attempt('c@example.test', '10.0.0.1');
    await throttle.attempt('c@example.test', '10.0.0.1');
    await throttle.succeeded('c@example.test', '10.0.0.1');
    for (let i = 0; i < settings.loginFailuresMax - 1; i += 1) await throttle.attempt('c@example.test', '10.0.0.1');
    expect(await refusal(throttle, 'c@example.test', '10.0.0.1')).toBeUndefined();
  });

  it('blocks an address that sprays many emails, and a success does not clear that', async () => {
    const throttle = new LoginLimiter(await open(kind, uniq('login')), settings);
    const cap = settings.loginFailuresMax * limits.loginFailuresPerIpFactor;
    for (let i = 0; i < cap - 1; i += 1) await throttle.attempt(`spray-${i}@example.test`, '10.0.0.9');
    // A success from the address gives back only its own attempt, not the failures before it.
    await throttle.attempt('mine@example.test', '10.0.0.9');
    await throttle.succeeded('mine@example.test', '10.0.0.9');
    await throttle.attempt('spray-last@example.test', '10.0.0.9');
    expect(await refusal(throttle, 'fresh@example.test', '10.0.0.9')).toBeGreaterThanOrEqual(1);
    expect(await refusal(throttle, 'fresh@example.test', '10.0.0.10')).toBeUndefined();
  });

  it('is shared: failures counted through one store (one process) block logins checked through another', async () => {
    const prefix = uniq('login');
    const one = new LoginLimiter(await open(kind, prefix), settings);
    const other = new LoginLimiter(await open(kind, prefix), settings);
    for (let i = 0; i < settings.loginFailuresMax; i += 1) await (i % 2 ? one : other).attempt('d@example.test', '10.0.0.1');
    expect(await refusal(one, 'd@example.test', '10.0.0.1')).toBeGreaterThanOrEqual(1);
    expect(await refusal(other, 'd@example.test', '10.0.0.1')).toBeGreaterThanOrEqual(1);
  });

  it('keeps each key prefix apart', async () => {
    const one = new LoginLimiter(await open(kind, uniq('login')), settings);
    const other = new LoginLimiter(await open(kind, uniq('login')), settings);
    for (let i = 0; i < settings.loginFailuresMax; i += 1) await one.attempt('e@example.test', '10.0.0.1');
    expect(await refusal(other, 'e@example.test', '10.0.0.1')).toBeUndefined();
  });
});

/** A caller as authentication finds it; only its kind and id matter to the rate limits. */
const principal = (id: string): Principal => ({ kind: 'apiKey', id, userId: null, roles: new Set([Role.FINANCE]) });

describe.each(['postgres', 'redis'] as const)('the caller limit on %s', (kind) => {
  it('counts a caller across processes sharing the store, lets its burst past the rate, and asks for seconds at most', async () => {
    const prefix = uniq('caller');
    const settings = { rateLimitIpPerMinute: 1, rateLimitCallerPerSecond: 2, rateLimitCallerBurst: 3 };
    const one = new RequestLimits(await open(kind, prefix), settings);
    const other = new RequestLimits(await open(kind, prefix), settings);
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : other).request('10.0.0.1', principal('k1'))));
    expect(waits.filter((wait) => wait === undefined).length).toBeGreaterThanOrEqual(2 + 3);
    const refused = waits.filter((wait) => wait !== undefined);
    expect(refused.length).toBeGreaterThan(0);
    expect(Math.max(...refused)).toBeLessThanOrEqual(limits.rateLimitCallerWindowSeconds);
    // Another caller, and the address itself, have counts of their own.
    expect(await one.request('10.0.0.1', principal('k2'))).toBeUndefined();
    expect(await one.request('10.0.0.1', undefined)).toBeUndefined();
  });
});

describe('an unreachable store', () => {
  const unreachable = { postgres: 'postgres://postgres@127.0.0.1:1/none', redis: 'redis://127.0.0.1:1' };

  it.each(['postgres', 'redis'] as const)('(%s) falls back to counting in this process, and logs it', async (kind) => {
    const errors = vi.spyOn(logger, 'error');
    const store = await open(kind, uniq('down'), unreachable.redis, unreachable.postgres);
    const requests = new RequestLimits(store, { rateLimitIpPerMinute: 2, rateLimitCallerPerSecond: 0, rateLimitCallerBurst: 0 });
    expect(await requests.request('10.0.0.1', undefined)).toBeUndefined();
    expect(await requests.request('10.0.0.1', undefined)).toBeUndefined();
    expect(await requests.request('10.0.0.1', undefined)).toBeGreaterThanOrEqual(1);
    expect(await requests.request('10.0.0.2', undefined)).toBeUndefined();
    const throttle = new LoginLimiter(store, { loginFailuresMax: 1, loginFailureWindowSeconds: 60 });
    await throttle.attempt('f@example.test', '10.0.0.1');
    expect(await refusal(throttle, 'f@example.test', '10.0.0.1')).toBeGreaterThanOrEqual(1);
    expect(errors.mock.calls.some(([, message]) => String(message).includes('rate-limit store unreachable'))).toBe(true);
  });
});

describe('settings', () => {
  const env = { JWT_SECRET: 'folio-test-signing-key-0123456789abcdef' };

  it('has the documented defaults', () => {
    expect(loadConfig(env)).toMatchObject({
      rateLimitIpPerMinute: 100, rateLimitCallerPerSecond: 20, rateLimitCallerBurst: 200, loginFailuresMax: 5, loginFailureWindowSeconds: 900,
      rateLimitKeyPrefix: 'folio', redisUrl: undefined, introspection: true, graphiql: true,
    });
  });

  it.each([
    ['RATE_LIMIT_KEY_PREFIX', 'has spaces'],
    ['RATE_LIMIT_KEY_PREFIX', 'x'.repeat(65)],
    ['LOGIN_FAILURE_WINDOW_SECONDS', '0'],
    ['RATE_LIMIT_IP_PER_MINUTE', '-1'],
    ['RATE_LIMIT_CALLER_PER_SECOND', '0.5'],
    ['RATE_LIMIT_CALLER_BURST', 'lots'],
    // Replaced by the two above: refused, so a deployment that sets it is not silently given another limit.
    ['RATE_LIMIT_CALLER_PER_MINUTE', '600'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ ...env, [name]: value })).toThrow(name);
  });
});
