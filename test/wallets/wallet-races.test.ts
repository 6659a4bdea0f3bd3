import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';
import {
  balanceOf, deposit, Deposit, openWallet, RequestWithdrawal, RetryWithdrawal, Transfer, withdraw, withdrawalReaches, WithdrawalView,
} from './wallet-fixtures.js';

let gw: TestGateway;
gatewayForFile((started) => { gw = started; }, { WITHDRAWAL_FEE_BPS: '100' });

const customer = (label: string) => gw.user(Role.CUSTOMER, label);
const codeOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (result.errors?.[0]?.extensions?.code as string | undefined) ?? 'OK';

/** Fires every request at once and sorts the outcomes, with what each would have cost. */
async function fire(requests: { cost: bigint; kind: string; send: () => Promise<{ status: number; errors?: readonly { extensions?: Record<string, unknown> }[]; data?: unknown }> }[]) {
  const results = await Promise.all(requests.map(async (r) => ({ ...r, result: await r.send() })));
  expect(results.filter((r) => r.result.status >= 500).map((r) => r.result.errors)).toEqual([]);
  return {
    ok: results.filter((r) => codeOf(r.result) === 'OK'),
    refused: results.filter((r) => codeOf(r.result) !== 'OK'),
    all: results,
  };
}

describe('double spending under concurrency', () => {
  it('lets 40 concurrent transfers and withdrawals spend no more than the wallet holds', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    const funded = 1000n;
    await deposit(gw.as(alice), String(funded));
    await openWallet(gw.as(bob));
    // Transfers of 70 and withdrawals of 50 (+1 fee): 20 of each would need 2,420.
    const requests = Array.from({ length: 40 }, (_, i) => i % 2 === 0
      ? { cost: 70n, kind: 'transfer', send: () => gw.as(alice).request(Transfer, { input: { toUserId: `usr_${bob.userId}`, currency: 'USD', amount: '70', idempotencyKey: uniq('t') } }) }
      : { cost: 51n, kind: 'withdrawal', send: () => gw.as(alice).request(RequestWithdrawal, { input: { currency: 'USD', amount: '50', destination: 'sim:succeed', idempotencyKey: uniq('w') } }) });
    const { ok, refused } = await fire(requests);

    const spent = ok.reduce((sum, r) => sum + r.cost, 0n);
    expect(spent).toBeLessThanOrEqual(funded);
    expect(refused.map((r) => codeOf(r.result))).toEqual(refused.map(() => 'INSUFFICIENT_FUNDS'));
    expect(refused.length).toBeGreaterThan(0);
    // A request is refused only when what was left could not pay for it, and money never comes back here.
    const left = funded - spent;
    expect(left).toBeGreaterThanOrEqual(0n);
    expect(refused.every((r) => left < r.cost)).toBe(true);
    expect((await balanceOf(gw.as(alice))).available).toBe(String(left));

    const withdrawals = ok.filter((r) => r.kind === 'withdrawal').map((r) => (r.result.data as { requestWithdrawal: { id: string } }).requestWithdrawal.id);
    for (const id of withdrawals) await withdrawalReaches(gw.as(alice), id, 'COMPLETED');
    expect(await balanceOf(gw.as(alice))).toEqual({ posted: String(left), pending: '0', available: String(left) });
    const received = 70n * BigInt(ok.filter((r) => r.kind === 'transfer').length);
    expect(await balanceOf(gw.as(bob))).toEqual({ posted: String(received), pending: '0', available: String(received) });
  });

  it('keeps the total when two users send to each other at once: no deadlock, no money made or lost', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    await deposit(gw.as(alice), '500');
    await deposit(gw.as(bob), '500');
    const send = (from: TestCaller, to: TestCaller, amount: bigint) => ({
      cost: amount, kind: from === alice ? 'a→b' : 'b→a',
      send: () => gw.as(from).request(Transfer, { input: { toEmail: to.email, currency: 'USD', amount: String(amount), idempotencyKey: uniq('t') } }),
    });
    const { ok, refused } = await fire(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? send(alice, bob, 60n + BigInt(i)) : send(bob, alice, 60n + BigInt(i)))));
    expect(refused.map((r) => codeOf(r.result))).toEqual(refused.map(() => 'INSUFFICIENT_FUNDS'));
    const net = ok.reduce((sum, r) => sum + (r.kind === 'a→b' ? -r.cost : r.cost), 0n);
    const [a, b] = [await balanceOf(gw.as(alice)), await balanceOf(gw.as(bob))];
    expect([a.available, b.available]).toEqual([String(500n + net), String(500n - net)]);
    expect(BigInt(a.available)).toBeGreaterThanOrEqual(0n);
    expect(BigInt(b.available)).toBeGreaterThanOrEqual(0n);
  });

  it('retries a failed withdrawal once when ten retries with different keys race', async () => {
    const alice = await customer('alice');
    await deposit(gw.as(alice), '1000');
    const { id } = await withdraw(gw.as(alice), '300', 'sim:fail');
    await withdrawalReaches(gw.as(alice), id, 'FAILED');
    // The processor holds the second attempt's answer until the race is over, so no retry can find
    // the withdrawal FAILED again and rightly start a third attempt.
    const db = gw.services.orm.em.fork().getKysely();
    const reference = `wd_${id.slice(3)}_2`;
    await sql`insert into simulated_processor_payment (reference, amount, currency, destination, outcome, failure_reason, settles_at)
      values (${reference}, 300, 'USD', 'sim:fail', 'FAILED', 'declined again', now() + interval '1 hour')`.execute(db);
    const { ok, refused } = await fire(Array.from({ length: 10 }, () => ({
      cost: 303n, kind: 'retry', send: () => gw.as(alice).request(RetryWithdrawal, { input: { id, idempotencyKey: uniq('retry') } }),
    })));
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => codeOf(r.result))).toEqual(Array(9).fill('WITHDRAWAL_NOT_RETRYABLE'));
    expect((await balanceOf(gw.as(alice))).available).toBe('697');
    await sql`update simulated_processor_payment set settles_at = now() where reference = ${reference}`.execute(db);
    const done = await withdrawalReaches(gw.as(alice), id, 'FAILED');
    expect(done.failureReason).toBe('declined again');
    expect(done.attempt).toBe(2);
    expect(done.history.filter((h) => h.reason.startsWith('retried'))).toHaveLength(1);
    expect(await balanceOf(gw.as(alice))).toEqual({ posted: '1000', pending: '0', available: '1000' });
  });

  it('refuses to retry a withdrawal the wallet can no longer pay for, and keeps it FAILED at its attempt', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    await deposit(gw.as(alice), '1000');
    const { id } = await withdraw(gw.as(alice), '600', 'sim:fail');
    await withdrawalReaches(gw.as(alice), id, 'FAILED');
    const { ok, refused } = await fire([
      { cost: 500n, kind: 'transfer', send: () => gw.as(alice).request(Transfer, { input: { toEmail: bob.email, currency: 'USD', amount: '500', idempotencyKey: uniq('t') } }) },
      { cost: 606n, kind: 'retry', send: () => gw.as(alice).request(RetryWithdrawal, { input: { id, idempotencyKey: uniq('retry') } }) },
    ]);
    // Whichever came first, only one fits in 1,000.
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => codeOf(r.result))).toEqual(['INSUFFICIENT_FUNDS']);
    if (ok[0].kind === 'transfer') {
      expect((await gw.as(alice).request(WithdrawalView, { id })).data!.withdrawal).toMatchObject({ status: 'FAILED', attempt: 1 });
      expect(await balanceOf(gw.as(alice))).toEqual({ posted: '500', pending: '0', available: '500' });
    } else {
      // `sim:fail` declines the second attempt too, and its funds come back.
      expect((await withdrawalReaches(gw.as(alice), id, 'FAILED')).attempt).toBe(2);
      expect(await balanceOf(gw.as(alice))).toEqual({ posted: '1000', pending: '0', available: '1000' });
    }
  });

  // 960 deposits over three gateways: ~20 s alone, more under a full parallel run; the bound is for a hang.
  it('opens each wallet once when its first requests race on three gateways, and refuses none of them', { timeout: 180_000 }, async () => {
    // Each gateway opens a wallet on first use; when two requests open the same one at once, the
    // loser must use the winner's, never fail. The window is narrow (microseconds), so this tries
    // many new users, six at a time, each with ten first deposits spread over three gateways.
    const gateways = [gw, await startTestGateway(), await startTestGateway()];
    try {
      const failures: unknown[] = [];
      for (let batch = 0; batch < 12 && failures.length === 0; batch += 1) {
        const users = await Promise.all(Array.from({ length: 4 }, () => gw.user(Role.CUSTOMER, 'carol')));
        await Promise.all(users.map(async (carol) => {
          const results = await Promise.all(Array.from({ length: 20 }, (_, i) => gateways[i % 3].as(carol).request(Deposit, {
            input: { currency: 'USD', amount: '5', reference: uniq('bank'), idempotencyKey: uniq('dep') },
          })));
          failures.push(...results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code));
        }));
      }
      expect(failures).toEqual([]);
    } finally {
      await Promise.all(gateways.slice(1).map((g) => g.close()));
    }
  });
});
