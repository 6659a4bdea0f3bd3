import { describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { graphql } from '../gql/index.js';
import { uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';
import { collect, type Collected } from '../testkit/subscriptions.js';
import { deposit, ok, Transfer, walletIdOf, withdraw, withdrawalReaches } from './wallet-fixtures.js';

const WalletLiveBalances = graphql(`
  subscription WalletLiveBalances($after: String, $userId: ID) {
    walletBalanceChanged(after: $after, userId: $userId) {
      sequence wallet { id ownerId } balance { posted { amount currency } pending { amount } available { amount } }
    }
  }
`);
const WalletLiveWithdrawals = graphql(`
  subscription WalletLiveWithdrawals($after: String) {
    withdrawalUpdated(after: $after) { sequence status withdrawal { id attempt wallet { ownerId } } }
  }
`);

let gw: TestGateway;
gatewayForFile((started) => { gw = started; }, { WITHDRAWAL_FEE_BPS: '100' });

type BalanceItem = { walletBalanceChanged: { sequence: string; wallet: { id: string; ownerId: string }; balance: { posted: { amount: string }; pending: { amount: string }; available: { amount: string } } } };
type WithdrawalItem = { withdrawalUpdated: { sequence: string; status: string; withdrawal: { id: string; attempt: number; wallet: { ownerId: string } } } };

/** Each change as "posted/pending/available". */
const balances = (sub: Collected<BalanceItem>) => sub.items.map(({ walletBalanceChanged: { balance: b } }) => `${b.posted.amount}/${b.pending.amount}/${b.available.amount}`);
const owners = (sub: Collected<BalanceItem>) => [...new Set(sub.items.map((i) => i.walletBalanceChanged.wallet.ownerId))];
const statusesOf = (sub: Collected<WithdrawalItem>, id: string) => sub.items.filter((i) => i.withdrawalUpdated.withdrawal.id === id).map((i) => i.withdrawalUpdated.status);
// A subscription `after: "0"` replays every event of the run's database first (each test file's
// too), which takes a while late in a full run.
const replay = { timeout: 30_000, interval: 100 };
const increasing = (seqs: string[]) => seqs.every((s, i) => i === 0 || BigInt(seqs[i - 1]) < BigInt(s));

describe('live wallet balances and withdrawals over WebSocket', () => {
  it('delivers alice’s deposit, transfer and withdrawal balance changes, in order, and never bob’s', async () => {
    const [alice, bob] = [await gw.user(Role.CUSTOMER, 'alice'), await gw.user(Role.CUSTOMER, 'bob')];
    const mine = collect(gw.as(alice).ws(), WalletLiveBalances, { after: '0' });
    const his = collect(gw.as(bob).ws(), WalletLiveBalances, { after: '0' });
    await deposit(gw.as(alice), '1000');
    await deposit(gw.as(bob), '300');
    ok(await gw.as(alice).request(Transfer, { input: { toEmail: bob.email, currency: 'USD', amount: '100', idempotencyKey: uniq('t') } }));
    ok(await gw.as(bob).request(Transfer, { input: { toEmail: alice.email, currency: 'USD', amount: '40', idempotencyKey: uniq('t') } }));
    const paid = await withdraw(gw.as(alice), '200', 'sim:succeed');
    await withdrawalReaches(gw.as(alice), paid.id, 'COMPLETED');
    const declined = await withdraw(gw.as(alice), '500', 'sim:fail');
    await withdrawalReaches(gw.as(alice), declined.id, 'FAILED');

    await expect.poll(() => balances(mine), replay).toEqual([
      '1000/0/1000', '900/0/900', '940/0/940',
      '940/-202/738', '738/0/738', // the hold of 200 + 2, then its commit
      '738/-505/233', '738/0/738', // the hold of 500 + 5, then its void
    ]);
    await expect.poll(() => balances(his), replay).toEqual(['300/0/300', '400/0/400', '360/0/360']);
    expect(owners(mine)).toEqual([`usr_${alice.userId}`]);
    expect(owners(his)).toEqual([`usr_${bob.userId}`]);
    expect(new Set(mine.items.map((i) => i.walletBalanceChanged.wallet.id))).toEqual(new Set([await walletIdOf(gw.as(alice))]));
    expect(increasing(mine.items.map((i) => i.walletBalanceChanged.sequence))).toBe(true);
    expect([mine.errors, his.errors]).toEqual([[], []]);
    mine.stop();
    his.stop();
  });

  it('lets staff follow a named user’s balances, and forbids a customer to name another', async () => {
    const [alice, bob] = [await gw.user(Role.CUSTOMER, 'alice'), await gw.user(Role.CUSTOMER, 'bob')];
    const staff = collect(gw.ws(), WalletLiveBalances, { after: '0', userId: `usr_${alice.userId}` });
    const spy = collect(gw.as(bob).ws(), WalletLiveBalances, { after: '0', userId: `usr_${alice.userId}` });
    await deposit(gw.as(alice), '77');
    await expect.poll(() => balances(staff), replay).toEqual(['77/0/77']);
    await expect.poll(() => spy.errors.length, replay).toBeGreaterThan(0);
    expect(JSON.stringify(spy.errors)).toContain('FORBIDDEN');
    expect(spy.items).toEqual([]);
    const garbled = collect(gw.as(alice).ws(), WalletLiveBalances, { after: 'yesterday' });
    await expect.poll(() => JSON.stringify(garbled.errors), replay).toContain('BAD_USER_INPUT');
    expect(garbled.items).toEqual([]);
    staff.stop();
  });

  it('delivers alice’s withdrawal PENDING → PROCESSING → COMPLETED and nothing of bob’s; staff receive both', async () => {
    const [alice, bob] = [await gw.user(Role.CUSTOMER, 'alice'), await gw.user(Role.CUSTOMER, 'bob')];
    await deposit(gw.as(alice), '1000');
    await deposit(gw.as(bob), '1000');
    const mine = collect(gw.as(alice).ws(), WalletLiveWithdrawals, { after: '0' });
    const his = collect(gw.as(bob).ws(), WalletLiveWithdrawals, { after: '0' });
    const staff = collect(gw.ws(), WalletLiveWithdrawals, { after: '0' });
    const hers = await withdraw(gw.as(alice), '300', 'sim:succeed');
    const failed = await withdraw(gw.as(alice), '100', 'sim:fail');
    const bobs = await withdraw(gw.as(bob), '400', 'sim:succeed');

    await expect.poll(() => statusesOf(mine, hers.id), replay).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
    await expect.poll(() => statusesOf(mine, failed.id), replay).toEqual(['PENDING', 'PROCESSING', 'FAILED']);
    await expect.poll(() => statusesOf(his, bobs.id), replay).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
    await expect.poll(() => [statusesOf(staff, hers.id), statusesOf(staff, bobs.id)], replay).toEqual([
      ['PENDING', 'PROCESSING', 'COMPLETED'], ['PENDING', 'PROCESSING', 'COMPLETED'],
    ]);
    expect(new Set(mine.items.map((i) => i.withdrawalUpdated.withdrawal.wallet.ownerId))).toEqual(new Set([`usr_${alice.userId}`]));
    expect(new Set(his.items.map((i) => i.withdrawalUpdated.withdrawal.wallet.ownerId))).toEqual(new Set([`usr_${bob.userId}`]));
    expect(mine.items.map((i) => i.withdrawalUpdated.withdrawal.id)).not.toContain(bobs.id);
    expect(increasing(staff.items.map((i) => i.withdrawalUpdated.sequence))).toBe(true);
    expect([mine.errors, his.errors, staff.errors]).toEqual([[], [], []]);
    [mine, his, staff].forEach((sub) => sub.stop());
  });

  it('resumes withdrawal updates after the last sequence seen, missing nothing', async () => {
    const alice: TestCaller = await gw.user(Role.CUSTOMER, 'alice');
    await deposit(gw.as(alice), '1000');
    const first = collect(gw.as(alice).ws(), WalletLiveWithdrawals, { after: '0' });
    const one = await withdraw(gw.as(alice), '100', 'sim:succeed');
    await expect.poll(() => statusesOf(first, one.id), replay).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
    const last = first.items.at(-1)!.withdrawalUpdated.sequence;
    first.stop();
    const two = await withdraw(gw.as(alice), '100', 'sim:succeed');
    await withdrawalReaches(gw.as(alice), two.id, 'COMPLETED');
    const resumed = collect(gw.as(alice).ws(), WalletLiveWithdrawals, { after: last });
    await expect.poll(() => statusesOf(resumed, two.id), replay).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
    expect(statusesOf(resumed, one.id)).toEqual([]);
    resumed.stop();
  });
});
