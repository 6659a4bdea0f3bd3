import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { inDays, payerOf, school } from './billing-fixtures.js';

// The statement CSV is a plain HTTP route beside /graphql; it is counted against the caller's rate
// limit like /graphql, so downloads cannot be used to get around it (RouteGuards.caller).
let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway({ RATE_LIMIT_CALLER_PER_SECOND: '2', RATE_LIMIT_CALLER_BURST: '0' }); });
afterAll(async () => { await gw?.close(); });

const csvOf = (payerId: string) => `${gw.url.replace(/\/graphql$/, '')}/billing/statements/payers/${payerId}.csv?${new URLSearchParams({ currency: 'USD', from: inDays(-5), to: inDays(1) })}`;

describe('the statement CSV under the caller rate limit', () => {
  it('regression: a caller flooding the CSV route gets 429 with Retry-After, while another caller is still served', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const answers = await Promise.all(Array.from({ length: 12 }, () => fetch(csvOf(payer.id), { headers: s.staff.headers })));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
    for (const answer of refused) {
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect((await answer.json()).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
    }
    await Promise.all(answers.filter((answer) => answer.status === 200).map((answer) => answer.text()));
    const finance = await fetch(csvOf(payer.id), { headers: gw.finance.headers });
    expect(finance.status).toBe(200);
    expect((await finance.text()).split('\n')[1]).toMatch(/,OPENING,/);
  });
});
