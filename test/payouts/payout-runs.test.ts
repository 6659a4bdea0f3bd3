import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type CallerClient, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { errorCode } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';
import { balanceOf, deposit } from '../wallets/wallet-fixtures.js';
import {
  expectLedgerVerified, fundedUser, listedPayouts, payoutLines, PayoutRunList, PayoutRunProgress, PayoutRunView, PayoutStartRun, userGid,
} from './payout-fixtures.js';

// A payout run pays every wallet of its currency in the shared database, so DKK belongs to this file
// alone. Its tests run one after another, and each starts with a sweep (a run at the minimum), which
// leaves no DKK wallet a run could pay: the counts each test checks are only its own wallets'.
const currency = 'DKK';
let gw: TestGateway;

const PayoutFreezeWallet = graphql(`
  mutation PayoutFreezeWallet($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }
`);

beforeAll(async () => {
  gw = await startTestGateway({ WALLET_CURRENCIES: `USD,${currency}`, PAYOUT_MINIMUM: '1000', PAYOUT_CANCEL_WINDOW_SECONDS: '0' });
});
afterAll(async () => { await gw?.close(); });

function startRun(client: CallerClient, input: { runKey: string; threshold?: string }) {
  return client.request(PayoutStartRun, { input: { currency, ...input } });
}

async function runReaches(id: string, status: string) {
  await expect.poll(async () => (await gw.request(PayoutRunView, { id })).data?.payoutRun?.status, { timeout: 20_000, interval: 100 }).toBe(status);
  return (await gw.request(PayoutRunView, { id })).data!.payoutRun!;
}

/** Starts a run and waits for it to complete; fails the test on any error. */
async function completedRun(input: { runKey?: string; threshold?: string } = {}) {
  const started = await startRun(gw, { runKey: uniq('run'), ...input });
  expect(started.errors, JSON.stringify(started.errors)).toBeUndefined();
  expect(started.data!.startPayoutRun.status, 'RUNNING at once').toBe('RUNNING');
  return runReaches(started.data!.startPayoutRun.id, 'COMPLETED');
}

async function setWalletStatus(caller: TestCaller, status: 'FROZEN' | 'OPEN') {
  const { accountId } = await payoutLines(gw.as(caller), currency);
  const result = await gw.request(PayoutFreezeWallet, { input: { id: accountId!, status } });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

const available = async (caller: TestCaller) => (await balanceOf(gw.as(caller), currency)).available;

describe('payout runs', () => {
  it('are for staff only: a customer or merchant starting one is FORBIDDEN and nothing is paid', async () => {
    const customer = await fundedUser(gw, '5000', currency);
    const merchant = await fundedUser(gw, '5000', currency, Role.MERCHANT);
    for (const caller of [customer, merchant]) {
      expect(errorCode(await startRun(gw.as(caller), { runKey: uniq('run'), threshold: '1000' })), caller.role).toBe('FORBIDDEN');
      expect(await available(caller)).toBe('5000');
      expect(await listedPayouts(gw.as(caller))).toEqual([]);
    }
  });

  it('pays each wallet at or above the threshold one payout of its whole available balance, and counts what it did', async () => {
    await completedRun();
    const rich = [await fundedUser(gw, '5000', currency), await fundedUser(gw, '7000', currency), await fundedUser(gw, '3000', currency, Role.MERCHANT)];
    const poor = [await fundedUser(gw, '2999', currency), await fundedUser(gw, '1200', currency), await fundedUser(gw, '500', currency)];
    const frozen = await fundedUser(gw, '4000', currency);
    await setWalletStatus(frozen, 'FROZEN');

    const runKey = uniq('run');
    const started = await startRun(gw, { runKey, threshold: '3000' });
    expect(started.errors).toBeUndefined();
    expect(started.data!.startPayoutRun).toMatchObject({ runKey, status: 'RUNNING', threshold: { amount: '3000', currency }, finishedAt: null });
    const runId = started.data!.startPayoutRun.id;
    expect(runId).toMatch(/^prun_\d+$/);
    const done = await runReaches(runId, 'COMPLETED');
    expect(done).toMatchObject({
      walletsScanned: 4, payoutsCreated: 3, walletsSkipped: 1, totalAmount: { amount: '15000', currency }, error: null, finishedAt: expect.any(String),
    });

    const made = await listedPayouts(gw, { runId });
    expect(made.map((p) => p.wallet.ownerId).sort()).toEqual(rich.map(userGid).sort());
    expect(made.every((p) => p.run?.id === runId)).toBe(true);
    for (const [caller, whole] of [[rich[0], '5000'], [rich[1], '7000'], [rich[2], '3000']] as const) {
      const own = made.find((p) => p.wallet.ownerId === userGid(caller))!;
      expect(own.amount.amount, `${caller.email}: the whole available balance`).toBe(whole);
      expect(await available(caller)).toBe('0');
      expect(await listedPayouts(gw.as(caller)), 'one payout each; its run is staff-only').toEqual([expect.objectContaining({ id: own.id, run: null })]);
    }
    for (const caller of poor) expect(await listedPayouts(gw.as(caller))).toEqual([]);
    expect(await Promise.all(poor.map(available))).toEqual(['2999', '1200', '500']);
    expect(await available(frozen), 'a frozen wallet is skipped').toBe('4000');
    expect((await gw.request(PayoutRunList, { first: 100 })).data!.payoutRuns.edges.map((e) => e.node)).toContainEqual({ id: runId, runKey, status: 'COMPLETED' });
    await setWalletStatus(frozen, 'OPEN');
  });

  it('returns the same run for the same key and pays nothing more; refuses the key with another threshold, and a threshold below the minimum', async () => {
    await completedRun();
    const [ann, ben] = [await fundedUser(gw, '2000', currency), await fundedUser(gw, '1500', currency)];
    const runKey = uniq('run');
    const run = await completedRun({ runKey, threshold: '1500' });
    expect(run).toMatchObject({ walletsScanned: 2, payoutsCreated: 2, totalAmount: { amount: '3500' } });
    // Money that arrives after the run: a replay of its key must not pay it.
    await deposit(gw.as(ann), '6000', currency);

    const again = await startRun(gw, { runKey, threshold: '1500' });
    expect(again.errors).toBeUndefined();
    expect(again.data!.startPayoutRun).toMatchObject({ id: run.id, status: 'COMPLETED', walletsScanned: 2, payoutsCreated: 2, totalAmount: { amount: '3500' } });
    const [twin, triplet] = await Promise.all([startRun(gw, { runKey, threshold: '1500' }), startRun(gw, { runKey, threshold: '1500' })]);
    expect([twin.data?.startPayoutRun.id, triplet.data?.startPayoutRun.id]).toEqual([run.id, run.id]);
    expect(await listedPayouts(gw, { runId: run.id })).toHaveLength(2);
    expect([await available(ann), await available(ben)]).toEqual(['6000', '0']);

    expect(errorCode(await startRun(gw, { runKey, threshold: '2000' }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(errorCode(await startRun(gw, { runKey })), 'an omitted threshold is another request').toBe('IDEMPOTENCY_KEY_REUSED');
    const belowKey = uniq('run');
    expect(errorCode(await startRun(gw, { runKey: belowKey, threshold: '999' }))).toBe('PAYOUT_BELOW_MINIMUM');
    const runs = (await gw.request(PayoutRunList, { first: 100 })).data!.payoutRuns.edges.map((e) => e.node.runKey);
    expect(runs).not.toContain(belowKey);
    expect(await available(ann)).toBe('6000');
  });

  it('streams payoutRunProgress to staff over WebSocket, ending COMPLETED; a customer’s subscription is FORBIDDEN', async () => {
    await completedRun();
    const users = [await fundedUser(gw, '2999', currency), await fundedUser(gw, '1200', currency), await fundedUser(gw, '4000', currency), await fundedUser(gw, '500', currency)];
    const started = await startRun(gw, { runKey: uniq('run') });
    expect(started.errors).toBeUndefined();
    const id = started.data!.startPayoutRun.id;
    expect(started.data!.startPayoutRun).toMatchObject({ status: 'RUNNING', threshold: { amount: '1000' } });

    const staff = collect(gw.ws(), PayoutRunProgress, { runId: id, after: '0' });
    const customer = collect(gw.as(users[0]).ws(), PayoutRunProgress, { runId: id, after: '0' });
    await expect.poll(() => staff.items.at(-1)?.payoutRunProgress.run.status, { timeout: 20_000 }).toBe('COMPLETED');
    expect(staff.items.every((i) => i.payoutRunProgress.run.id === id)).toBe(true);
    expect(staff.items.at(-1)!.payoutRunProgress.run).toMatchObject({ walletsScanned: 3, payoutsCreated: 3, walletsSkipped: 0, totalAmount: { amount: '8199' } });
    expect(staff.errors).toEqual([]);
    await expect.poll(() => customer.errors.length).toBe(1);
    expect((customer.errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('FORBIDDEN');
    expect(customer.items).toEqual([]);
    staff.stop();
    customer.stop();

    expect(await runReaches(id, 'COMPLETED')).toMatchObject({ walletsScanned: 3, payoutsCreated: 3, walletsSkipped: 0, totalAmount: { amount: '8199' } });
    expect((await listedPayouts(gw, { runId: id })).map((p) => p.amount.amount).sort()).toEqual(['1200', '2999', '4000']);
    expect(await Promise.all(users.map(available))).toEqual(['0', '0', '0', '500']);
  });

  // Regression: the resolver once reloaded the run as it is now instead of reading the event, so a
  // subscription resumed with `after` got the finished run once per page instead of the progress.
  it('replays each page’s progress with after, not the finished run for every page', async () => {
    await completedRun();
    const pageSize = 100; // limits.payoutRunPageSize
    const count = pageSize + 5;
    for (let start = 0; start < count; start += 15) {
      await Promise.all(Array.from({ length: Math.min(15, count - start) }, () => fundedUser(gw, '1000', currency)));
    }
    const done = await completedRun({ threshold: '1000' });
    expect(done).toMatchObject({ walletsScanned: count, payoutsCreated: count, walletsSkipped: 0, totalAmount: { amount: String(count * 1000) } });

    const replay = collect(gw.ws(), PayoutRunProgress, { runId: done.id, after: '0' });
    await expect.poll(() => replay.items.length, { timeout: 20_000 }).toBe(2);
    replay.stop();
    expect(replay.items.map((i) => [i.payoutRunProgress.run.status, i.payoutRunProgress.run.walletsScanned, i.payoutRunProgress.run.payoutsCreated]))
      .toEqual([['RUNNING', pageSize, pageSize], ['COMPLETED', count, count]]);

    // Resuming after the first page's sequence replays only what followed it.
    const resumed = collect(gw.ws(), PayoutRunProgress, { runId: done.id, after: replay.items[0].payoutRunProgress.sequence });
    await expect.poll(() => resumed.items.length, { timeout: 20_000 }).toBe(1);
    resumed.stop();
    expect(resumed.items[0].payoutRunProgress).toMatchObject({ sequence: replay.items[1].payoutRunProgress.sequence, run: { status: 'COMPLETED' } });
  });
});

describe('the ledger after the runs', () => {
  it('still balances: every balance equals its postings and every currency nets to zero', async () => {
    await expectLedgerVerified(gw);
  });
});
