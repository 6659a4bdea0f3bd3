import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../../src/platform/auth/roles.js';
import { limits } from '../../src/platform/limits.js';
import { CreateApiKey, newEmail, newPassword } from '../identity/identity-fixtures.js';
import { recordSecret } from '../testkit/secrets.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { codeOf, hammer, post, redisUrl, requireRedis, spawnGateway, wsOnce, type HttpAnswer } from './abuse-testkit.js';

/** A 429 as the issue asks for it: Retry-After in seconds, and the same wait in a GraphQL-shaped body. */
function expectRateLimited(answer: HttpAnswer, windowSeconds: number = limits.rateLimitIpWindowSeconds): void {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } });
  expect(answer.body.errors?.[0].message).toMatch(/too many .*retry after \d+ s/);
}

/** Credentials the gateway refuses: they count against the address, like none. */
const badToken = { authorization: 'Bearer not-a-valid-token' };

/** A FINANCE API key, made by an admin through the API as a client would. */
async function apiKeyCaller(gw: TestGateway): Promise<Record<string, string>> {
  const admin = await gw.user(Role.ADMIN);
  const created = await gw.as(admin).request(CreateApiKey, { input: { name: uniq('key'), roles: [Role.FINANCE] } });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  recordSecret(created.data!.createApiKey.key);
  return { authorization: `Bearer ${created.data!.createApiKey.key}` };
}

/** `n` requests sent at once as the caller of `headers`, so they land in one window of a per-second limit. */
async function flood(url: string, n: number, headers: Record<string, string>): Promise<HttpAnswer[]> {
  return Promise.all(Array.from({ length: n }, () => post(url, '{ __typename }', headers)));
}

describe('requests per IP address (HTTP)', () => {
  let gw: TestGateway;
  beforeAll(async () => { gw = await startTestGateway({ RATE_LIMIT_IP_PER_MINUTE: '5' }); });
  afterAll(async () => { await gw?.close(); });

  it('answers 429 with Retry-After once an address has made its requests of the minute without valid credentials', async () => {
    expect(await hammer(gw.url, 3)).toEqual([200, 200, 200]);
    expect(await hammer(gw.url, 2, badToken)).toEqual([200, 200]);
    expectRateLimited(await post(gw.url, '{ __typename }'));
    expectRateLimited(await post(gw.url, '{ __typename }', badToken));
    // The request id still comes back, so a refused request can be found in the log.
    expect((await post(gw.url, '{ __typename }')).headers.get('x-request-id')).toBeTruthy();
  });

  it('does not throttle a caller with a valid API key or access token at its address\'s limit (they were counted per address)', async () => {
    const apiKey = await apiKeyCaller(gw);
    await hammer(gw.url, 6); // the address's requests of the minute, used up (whatever ran before)
    expectRateLimited(await post(gw.url, '{ __typename }'));
    expect(await hammer(gw.url, 8, apiKey)).toEqual(Array(8).fill(200));
    expect(await hammer(gw.url, 8, gw.finance.headers)).toEqual(Array(8).fill(200));
  });

  it('refuses a WebSocket connection from that address, closing it with 4429 and the wait', async () => {
    await hammer(gw.url, 6); // the address's requests of the minute, used up (whatever ran before)
    const client = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    const answer = await wsOnce(client, '{ __typename }');
    expect(answer.closed?.code).toBe(4429);
    expect(answer.closed?.reason).toMatch(/too many requests; retry after \d+ s/);
    await client.dispose();
  });
});

describe('requests per IP address (WebSocket)', () => {
  let gw: TestGateway;
  beforeAll(async () => { gw = await startTestGateway({ RATE_LIMIT_IP_PER_MINUTE: '4' }); });
  afterAll(async () => { await gw?.close(); });

  it('counts an anonymous connection and each operation, and refuses an operation over the limit without closing the socket', async () => {
    // Not lazy: one connection throughout (a lazy client reconnects, and so counts, per operation).
    const client = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    expect(await wsOnce(client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } }); // connection + 1 operation
    expect(await hammer(gw.url, 2)).toEqual([200, 200]);
    const refused = await wsOnce(client, '{ __typename }');
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.closed).toBeUndefined();
    await client.dispose();
  });

  it('does not count an authenticated connection or its operations against its address (they were counted per address)', async () => {
    await hammer(gw.url, 5); // the address's requests of the minute, used up (whatever ran before)
    const client = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: gw.finance.headers.authorization } });
    for (let i = 0; i < 6; i += 1) expect(await wsOnce(client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    await client.dispose();
  });
});

describe('behind a proxy (TRUST_PROXY_HOPS=1)', () => {
  let gw: TestGateway;
  beforeAll(async () => { gw = await startTestGateway({ RATE_LIMIT_IP_PER_MINUTE: '2', TRUST_PROXY_HOPS: '1' }); });
  afterAll(async () => { await gw?.close(); });

  /** A WebSocket that comes through the proxy for `address`. */
  const forwardedSocket = (address: string) => class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { 'x-forwarded-for': address } });
    }
  };

  it('counts each client address the proxy forwards, alike over HTTP and WebSocket', async () => {
    const a = { 'x-forwarded-for': '203.0.113.1' };
    expect(await hammer(gw.url, 2, a)).toEqual([200, 200]);
    expectRateLimited(await post(gw.url, '{ __typename }', a));
    expect(await hammer(gw.url, 1, { 'x-forwarded-for': '203.0.113.2' })).toEqual([200]);
    const refused = createClient({ url: gw.wsUrl, webSocketImpl: forwardedSocket('203.0.113.1'), retryAttempts: 0, lazy: true });
    expect((await wsOnce(refused, '{ __typename }')).closed?.code).toBe(4429);
    const allowed = createClient({ url: gw.wsUrl, webSocketImpl: forwardedSocket('203.0.113.3'), retryAttempts: 0, lazy: true });
    expect(await wsOnce(allowed, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    await Promise.all([refused.dispose(), allowed.dispose()]);
  });
});

describe('requests per caller', () => {
  let gw: TestGateway;
  beforeAll(async () => { gw = await startTestGateway({ RATE_LIMIT_CALLER_PER_SECOND: '2', RATE_LIMIT_CALLER_BURST: '0' }); });
  afterAll(async () => { await gw?.close(); });

  it('limits a user by its principal, not its address: others from the same address go on', async () => {
    const refused = (await flood(gw.url, 20, gw.finance.headers)).filter((answer) => answer.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expectRateLimited(answer, limits.rateLimitCallerWindowSeconds);
    const customer = await gw.user(Role.CUSTOMER);
    expect(await hammer(gw.url, 1, customer.headers)).toEqual([200]);
    // Anonymous requests have no caller to count: only the IP limit (off here) applies to them.
    expect(await hammer(gw.url, 5)).toEqual([200, 200, 200, 200, 200]);
  });

  it('asks a caller over its rate to wait seconds, not the rest of a minute, and serves it once it has (it waited ~59 s)', async () => {
    const apiKey = await apiKeyCaller(gw);
    const refused = (await flood(gw.url, 20, apiKey)).find((answer) => answer.status !== 200);
    expect(refused).toBeDefined();
    expectRateLimited(refused!, limits.rateLimitCallerWindowSeconds);
    await new Promise((resolve) => setTimeout(resolve, Number(refused!.headers.get('retry-after')) * 1000 + 100));
    expect(await hammer(gw.url, 1, apiKey)).toEqual([200]);
  });

  it('refuses the same caller\'s WebSocket operations over its rate, keeping the connection open', async () => {
    const client = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: gw.finance.headers.authorization } });
    const answers = await Promise.all(Array.from({ length: 20 }, () => wsOnce(client, '{ __typename }')));
    const refused = answers.filter((answer) => codeOf(answer) === 'RATE_LIMITED');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((answer) => !answer.closed && Number(answer.errors?.[0].extensions?.retryAfterSeconds) <= limits.rateLimitCallerWindowSeconds)).toBe(true);
    await client.dispose();
  });
});

describe('a caller\'s burst', () => {
  let gw: TestGateway;
  beforeAll(async () => { gw = await startTestGateway({ RATE_LIMIT_CALLER_PER_SECOND: '1', RATE_LIMIT_CALLER_BURST: '5' }); });
  afterAll(async () => { await gw?.close(); });

  it('lets RATE_LIMIT_CALLER_BURST requests past the per-second rate, and the wait after it stays seconds', async () => {
    const answers = await flood(gw.url, 20, gw.finance.headers);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(1 + 5);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expectRateLimited(answer, limits.rateLimitCallerWindowSeconds);
  });
});

describe('operations open on one WebSocket connection', () => {
  let gw: TestGateway;
  beforeAll(async () => { gw = await startTestGateway(); });
  afterAll(async () => { await gw?.close(); });

  it(`refuses operation ${limits.subscriptionsPerConnectionMax + 1} with TOO_MANY_SUBSCRIPTIONS, and takes one again once one completes`, async () => {
    const client = gw.ws();
    const open = Array.from({ length: limits.subscriptionsPerConnectionMax }, () => {
      const errors: unknown[] = [];
      const stop = client.subscribe({ query: 'subscription { entryPosted { sequence } }' }, { next: () => {}, error: (e) => errors.push(e), complete: () => {} });
      return { stop, errors };
    });
    const refused = await wsOnce(client, '{ __typename }');
    expect(codeOf(refused)).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(refused.errors?.[0].extensions?.max).toBe(limits.subscriptionsPerConnectionMax);
    expect(open.flatMap((s) => s.errors)).toEqual([]);
    open[0].stop();
    expect(await wsOnce(client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    for (const s of open) s.stop();
  });
});

/** Both gateways share one store and one key prefix: 3 requests to each use up a limit of 6. */
async function limitHeldAcrossProcesses(store: Record<string, string>): Promise<void> {
  const env = { RATE_LIMIT_IP_PER_MINUTE: '6', RATE_LIMIT_KEY_PREFIX: uniq('two'), ...store };
  const here = await startTestGateway(env);
  const there = await spawnGateway(env);
  try {
    expect(await hammer(here.url, 3)).toEqual([200, 200, 200]);
    expect(await hammer(there.url, 3)).toEqual([200, 200, 200]);
    expectRateLimited(await post(there.url, '{ __typename }'));
    expectRateLimited(await post(here.url, '{ __typename }'));
  } finally {
    await there.stop();
    await here.close();
  }
}

describe('the limit holds across two gateway processes', () => {
  it('with the counters in PostgreSQL (the default)', async () => {
    await limitHeldAcrossProcesses({});
  });

  it('with the counters in Redis (REDIS_URL)', async () => {
    await requireRedis();
    await limitHeldAcrossProcesses({ REDIS_URL: redisUrl });
  });
});

describe('failed logins', () => {
  const windowSeconds = 2;
  let gw: TestGateway;
  beforeAll(async () => { gw = await startTestGateway({ LOGIN_FAILURES_MAX: '2', LOGIN_FAILURE_WINDOW_SECONDS: String(windowSeconds) }); });
  afterAll(async () => { await gw?.close(); });

  const login = (email: string, password: string) =>
    post(gw.url, 'mutation Login($input: LoginInput!) { login(input: $input) { user { email } } }', {}, { input: { email, password } });

  it('refuses even the right password with 429 RATE_LIMITED after LOGIN_FAILURES_MAX failures, until the window passes', async () => {
    const email = newEmail('throttled');
    const password = newPassword();
    const registered = await post(gw.url, 'mutation Register($input: RegisterInput!) { register(input: $input) { email } }', {}, { input: { email, password } });
    expect(registered.body.errors).toBeUndefined();
    expect(codeOf((await login(email, `${password}-wrong`)).body)).toBe('INVALID_CREDENTIALS');
    expect(codeOf((await login(email.toUpperCase(), `${password}-wrong`)).body)).toBe('INVALID_CREDENTIALS');
    const blocked = await login(email, password);
    expectRateLimited(blocked, windowSeconds);
    expect(blocked.body.errors?.[0].message).toMatch(/too many failed logins/);
    // Another email from the same address is not blocked by this one's failures.
    expect(codeOf((await login(newEmail('other'), password)).body)).toBe('INVALID_CREDENTIALS');
    await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000 + 200));
    const after = await login(email, password);
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual({ login: { user: { email } } });
  });
});
