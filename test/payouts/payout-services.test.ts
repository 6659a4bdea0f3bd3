// type-graphql's decorators (reached through the modules' index files) need the metadata polyfill first.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { availableBalanceOf, PayoutRunState, type PayoutModule, type PayoutRunRow } from '../../src/payouts/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { DisbursementState } from '../../src/wallets/index.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';

// The services directly, below the GraphQL layer. Runs pay every wallet of their currency, so this
// file keeps its wallets in a currency no other test uses (NOK) to stay safe alongside them.
const currency = 'NOK';
let gw: TestGateway;
let payouts: PayoutModule;

beforeAll(async () => {
  // A long window, so the worker leaves the payouts REQUESTED while the tests look at them.
  gw = await startTestGateway({ WALLET_CURRENCIES: `USD,${currency}`, PAYOUT_MINIMUM: '1000', PAYOUT_CANCEL_WINDOW_SECONDS: '3600' });
  payouts = gw.services.payouts;
});
afterAll(async () => { await gw?.close(); });

async function customerWith(amount: bigint): Promise<string> {
  const { userId } = await gw.user(Role.CUSTOMER);
  if (amount > 0n) {
    await gw.services.wallets.service.deposit({ userId, currency, amount: String(amount), reference: uniq('ref'), idempotencyKey: uniq('dep') });
  }
  return userId;
}

function available(userId: string): Promise<bigint> {
  return availableBalanceOf(gw.services.orm.em.fork(), userId, currency);
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

async function finished(runId: string): Promise<PayoutRunRow> {
  for (let i = 0; i < 200; i += 1) {
    const [run] = await payouts.queries.payoutRunsByIds([runId]);
    if (run.state !== PayoutRunState.RUNNING) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`payout run ${runId} still RUNNING after 10 s`);
}

describe('PayoutService', () => {
  it('pays the whole available balance when no amount is given, and a replay returns it after the wallet is empty', async () => {
    const userId = await customerWith(2_500n);
    const key = uniq('po');
    const first = await payouts.service.request({ userId, currency, idempotencyKey: key });
    expect(first).toMatchObject({ replayed: false, row: { amount: '2500', destination: 'default', state: DisbursementState.OPEN } });
    expect(await available(userId)).toBe(0n);
    const again = await payouts.service.request({ userId, currency, idempotencyKey: key });
    expect(again.replayed).toBe(true);
    expect(again.row.id).toBe(first.row.id);
    expect(await codeOf(payouts.service.request({ userId, currency, amount: '1000', idempotencyKey: key }))).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses what a payout may not be', async () => {
    const userId = await customerWith(5_000n);
    const request = (fields: { amount?: string; idempotencyKey?: string; currency?: string }) =>
      codeOf(payouts.service.request({ userId, currency, idempotencyKey: uniq('po'), ...fields }));
    expect(await request({ amount: '999' })).toBe('PAYOUT_BELOW_MINIMUM');
    expect(await request({ amount: '0' })).toBe('AMOUNT_NOT_POSITIVE');
    expect(await request({ amount: '6000' })).toBe('INSUFFICIENT_FUNDS');
    expect(await request({ currency: 'CHF' })).toBe('CURRENCY_NOT_SUPPORTED');
    expect(await request({ idempotencyKey: 'run:anything' })).toBe('BAD_USER_INPUT');
    expect(await codeOf(payouts.service.request({ userId: await customerWith(0n), currency, idempotencyKey: uniq('po') }))).toBe('PAYOUT_BELOW_MINIMUM');
  });

  it('cancels a requested payout once, releasing the funds; a replay returns it', async () => {
    const userId = await customerWith(3_000n);
    const { row } = await payouts.service.request({ userId, currency, amount: '2000', idempotencyKey: uniq('po') });
    const key = uniq('cancel');
    expect(await codeOf(payouts.service.cancel(row.id, await customerWith(0n), key))).toBe('NOT_FOUND');
    expect((await payouts.service.cancel(row.id, userId, key)).state).toBe(DisbursementState.CANCELLED);
    expect((await payouts.service.cancel(row.id, userId, key)).state).toBe(DisbursementState.CANCELLED);
    expect(await codeOf(payouts.service.cancel(row.id, userId, uniq('cancel')))).toBe('PAYOUT_NOT_CANCELLABLE');
    expect(await available(userId)).toBe(3_000n);
  });
});

// One test: the runs pay every NOK wallet, so they must not overlap the tests above or each other.
describe('PayoutRunService', () => {
  it('pays each wallet at the threshold once, is idempotent per key, and resumes a run cut off mid-page', async () => {
    // Earlier tests left NOK wallets; pay them out first so the counts below are only this test's.
    await finished((await payouts.runs.start({ runKey: uniq('sweep'), currency, startedById: null })).id);
    const rich = [await customerWith(5_000n), await customerWith(1_000n), await customerWith(2_000n)];
    const poor = await customerWith(999n);
    const runKey = uniq('run');
    const [run, twin] = await Promise.all([
      payouts.runs.start({ runKey, currency, startedById: gw.finance.userId }),
      payouts.runs.start({ runKey, currency, startedById: gw.finance.userId }),
    ]);
    expect(twin.id).toBe(run.id);
    const done = await finished(run.id);
    expect(done).toMatchObject({ state: PayoutRunState.COMPLETED, walletsScanned: 3, payoutsCreated: 3, walletsSkipped: 0, totalAmount: '8000', error: null });
    for (const userId of rich) expect(await available(userId)).toBe(0n);
    expect(await available(poor)).toBe(999n);
    expect((await payouts.runs.start({ runKey, currency, startedById: null })).id).toBe(run.id);
    expect(await codeOf(payouts.runs.start({ runKey, currency, threshold: '2000', startedById: null }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await codeOf(payouts.runs.start({ runKey: uniq('run'), currency, threshold: '999', startedById: null }))).toBe('PAYOUT_BELOW_MINIMUM');

    // A run that paid one wallet of its page, then the gateway died before the page committed.
    const [first, second] = [await customerWith(4_000n), await customerWith(1_500n)];
    const crashedKey = uniq('crashed');
    const db = gw.services.orm.em.fork().getKysely() as Kysely<any>;
    const { rows } = await sql<{ id: string }>`insert into payout_run (run_key, request_hash, currency, threshold, state)
      values (${crashedKey}, ${'0'.repeat(64)}, ${currency}, 1000, 'RUNNING') returning id::text`.execute(db);
    await payouts.service.payForRun({ runId: rows[0].id, runKey: crashedKey, userId: first, currency, amount: 4_000n });
    await payouts.runs.resume();
    const resumed = await finished(rows[0].id);
    expect(resumed).toMatchObject({ state: PayoutRunState.COMPLETED, walletsScanned: 2, payoutsCreated: 2, walletsSkipped: 0, totalAmount: '5500' });
    expect([await available(first), await available(second)]).toEqual([0n, 0n]);
  });
});
