import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../src/platform/limits.js';
import { countStatements } from '../testkit/statement-count.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { post, type HttpAnswer } from './abuse-testkit.js';

/** The statements that read or write rate-limit counters (RateLimiterPostgres's, on `rate_limit`). */
const rateLimitStatement = (text: string) => text.includes('"rate_limit"');

/** Each gateway leases at most a tenth of a limit at a time (README, abuse limits). */
const leaseMax = (limit: number) => Math.max(1, Math.floor(limit / 10));

/**
 * `n` cheap requests as the caller of `headers`, sent ten at a time and spread over `gateways` in
 * turn (a load balancer's round robin): the answers, and the rate-limit statements they cost.
 */
async function spread(gateways: TestGateway[], n: number, headers: Record<string, string> = {}): Promise<{ answers: HttpAnswer[]; statements: number }> {
  const answers: HttpAnswer[] = [];
  const statements = await countStatements(async () => {
    for (let sent = 0; sent < n; sent += 10) {
      const round = Array.from({ length: Math.min(10, n - sent) }, (_, i) => post(gateways[(sent + i) % gateways.length].url, '{ __typename }', headers));
      answers.push(...await Promise.all(round));
    }
  }, rateLimitStatement);
  return { answers, statements };
}

/** Every refusal is the documented one: 429, RATE_LIMITED, a Retry-After of whole seconds within the window. */
function expectRefusals(answers: HttpAnswer[], windowSeconds: number): void {
  const refused = answers.filter((answer) => answer.status !== 200);
  expect(refused.length).toBeGreaterThan(0);
  for (const answer of refused) {
    expect(answer.status).toBe(429);
    const retryAfter = answer.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(windowSeconds);
    expect(answer.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(retryAfter) });
  }
}

const admitted = (answers: HttpAnswer[]) => answers.filter((answer) => answer.status === 200).length;

describe('two gateways on one database, spending leases of the shared counters', () => {
  const ipLimit = 100;
  const perSecond = 10;
  const burst = 100;
  let gateways: TestGateway[];

  beforeAll(async () => {
    const env = {
      RATE_LIMIT_IP_PER_MINUTE: String(ipLimit), RATE_LIMIT_CALLER_PER_SECOND: String(perSecond), RATE_LIMIT_CALLER_BURST: String(burst),
      RATE_LIMIT_KEY_PREFIX: uniq('lease'),
    };
    gateways = [await startTestGateway(env), await startTestGateway(env)];
  });
  afterAll(async () => { await Promise.all(gateways?.map((gateway) => gateway.close()) ?? []); });

  it('admit an address at most its limit a minute, and at least that less a lease per gateway, at a tenth of its statements', async () => {
    const { answers, statements } = await spread(gateways, 3 * ipLimit);
    expect(admitted(answers)).toBeLessThanOrEqual(ipLimit);
    expect(admitted(answers)).toBeGreaterThanOrEqual(ipLimit - gateways.length * leaseMax(ipLimit));
    expectRefusals(answers, limits.rateLimitIpWindowSeconds);
    expect(statements).toBeLessThan(answers.length / 10);
  });

  it('admit a caller at most its burst and its rate, at least the burst less a lease per gateway, and ask it to wait seconds', async () => {
    const startedAt = Date.now();
    const { answers, statements } = await spread(gateways, 3 * burst, gateways[0].finance.headers);
    const seconds = (Date.now() - startedAt) / 1000;
    // One burst window, or the count below would mix two: the machine was too slow to measure it.
    expect(seconds, 'the requests took longer than one burst window').toBeLessThan(limits.rateLimitCallerBurstWindowSeconds);
    expect(admitted(answers)).toBeLessThanOrEqual(burst + perSecond * (Math.ceil(seconds) + 1));
    expect(admitted(answers)).toBeGreaterThanOrEqual(burst - gateways.length * leaseMax(burst));
    expectRefusals(answers, limits.rateLimitCallerWindowSeconds);
    expect(statements).toBeLessThan(answers.length / 4);
  });
});

describe('rate-limit statements per request', () => {
  let gateway: TestGateway;
  // The default limits: 20 a second and a burst of 200 per caller.
  beforeAll(async () => { gateway = await startTestGateway({ RATE_LIMIT_CALLER_PER_SECOND: '20', RATE_LIMIT_CALLER_BURST: '200' }); });
  afterAll(async () => { await gateway?.close(); });

  it('50 authenticated requests, all admitted, cost far fewer than 50 rate-limit statements', async () => {
    const statuses: number[] = [];
    const statements = await countStatements(async () => {
      for (let i = 0; i < 50; i += 1) statuses.push((await post(gateway.url, '{ __typename }', gateway.finance.headers)).status);
    }, rateLimitStatement);
    expect(statuses).toEqual(Array(50).fill(200));
    expect(statements).toBeLessThanOrEqual(25);
  });
});
