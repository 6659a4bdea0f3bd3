import { describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { graphql } from '../gql/index.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';
import {
  balanceOf, deposit, Deposit, expectRefused, historyOf, ok, RetryWithdrawal, Transfer, WalletHistory, walletIdOf, withdraw, withdrawalIdsOf,
  withdrawalReaches, WithdrawalView,
} from './wallet-fixtures.js';

const WalletAccessNode = graphql(`
  query WalletAccessNode($id: ID!) {
    node(id: $id) {
      id
      ... on Wallet { ownerId }
      ... on Withdrawal { status }
      ... on WalletTransaction { kind }
    }
  }
`);
const WalletAccessWallets = graphql(`query WalletAccessWallets($userId: ID) { wallets(userId: $userId) { id ownerId currency } }`);
const WalletAccessWallet = graphql(`query WalletAccessWallet($id: ID!) { wallet(id: $id) { id ownerId balance { available { amount } } } }`);

let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

/** Alice with a wallet, a line of its history and a failed withdrawal; bob with a completed one. Fresh for each test. */
async function setUp() {
  const [alice, bob] = [await gw.user(Role.CUSTOMER, 'alice'), await gw.user(Role.CUSTOMER, 'bob')];
  await deposit(gw.as(alice), '1000');
  await deposit(gw.as(bob), '1000');
  const withdrawalId = (await withdraw(gw.as(alice), '100', 'sim:fail')).id;
  const bobsWithdrawalId = (await withdraw(gw.as(bob), '100', 'sim:succeed')).id;
  await withdrawalReaches(gw.as(alice), withdrawalId, 'FAILED');
  await withdrawalReaches(gw.as(bob), bobsWithdrawalId, 'COMPLETED');
  const walletId = await walletIdOf(gw.as(alice));
  const [line] = await historyOf(gw.as(alice), walletId, { kinds: ['DEPOSIT'] });
  return { alice, bob, walletId, lineId: line.id, withdrawalId, bobsWithdrawalId };
}

describe('another user’s wallet is out of reach', () => {
  it('shows bob nothing of alice’s by id or through node(id:)', async () => {
    const { alice, bob, walletId, lineId, withdrawalId } = await setUp();
    expect(ok(await gw.as(bob).request(WalletAccessWallet, { id: walletId })).wallet).toBeNull();
    expect(ok(await gw.as(bob).request(WalletHistory, { id: walletId })).wallet).toBeNull();
    expect(ok(await gw.as(bob).request(WithdrawalView, { id: withdrawalId })).withdrawal).toBeNull();
    for (const id of [walletId, lineId, withdrawalId]) {
      expect(ok(await gw.as(bob).request(WalletAccessNode, { id })).node, id).toBeNull();
    }
    // Alice herself sees all three.
    expect(ok(await gw.as(alice).request(WalletAccessNode, { id: walletId })).node).toMatchObject({ id: walletId, ownerId: `usr_${alice.userId}` });
    expect(ok(await gw.as(alice).request(WalletAccessNode, { id: lineId })).node).toMatchObject({ id: lineId, kind: 'DEPOSIT' });
    expect(ok(await gw.as(alice).request(WalletAccessNode, { id: withdrawalId })).node).toMatchObject({ id: withdrawalId, status: 'FAILED' });
  });

  it('lists only the caller’s own withdrawals, whatever user it names', async () => {
    const { alice, bob, withdrawalId, bobsWithdrawalId } = await setUp();
    expect(await withdrawalIdsOf(gw.as(bob))).toEqual([bobsWithdrawalId]);
    expect(await withdrawalIdsOf(gw.as(bob), { userId: `usr_${alice.userId}` })).toEqual([bobsWithdrawalId]);
    expect(await withdrawalIdsOf(gw.as(alice), { statuses: ['FAILED', 'COMPLETED'] })).toEqual([withdrawalId]);
  });

  it('refuses bob a retry of alice’s withdrawal as NOT_FOUND, changing nothing', async () => {
    const { alice, bob, withdrawalId } = await setUp();
    const before = await balanceOf(gw.as(alice));
    expectRefused(await gw.as(bob).request(RetryWithdrawal, { input: { id: withdrawalId, idempotencyKey: uniq('retry') } }), 'NOT_FOUND');
    expect(ok(await gw.as(alice).request(WithdrawalView, { id: withdrawalId })).withdrawal).toMatchObject({ status: 'FAILED', attempt: 1 });
    expect(await balanceOf(gw.as(alice))).toEqual(before);
  });

  it('forbids a customer or merchant to name a user for deposit or wallets, and refuses anonymous callers', async () => {
    const { alice, bob } = await setUp();
    const carol = await gw.user(Role.MERCHANT, 'carol');
    const before = await balanceOf(gw.as(alice));
    for (const caller of [bob, carol]) {
      const credited = await gw.as(caller).request(Deposit, { input: { userId: `usr_${alice.userId}`, currency: 'USD', amount: '5', reference: uniq('bank'), idempotencyKey: uniq('dep') } });
      expectRefused(credited, 'FORBIDDEN');
      expectRefused(await gw.as(caller).request(WalletAccessWallets, { userId: `usr_${alice.userId}` }), 'FORBIDDEN');
    }
    expect(await balanceOf(gw.as(alice))).toEqual(before);
    expectRefused(await gw.as(null).request(WalletAccessWallets, {}), 'UNAUTHENTICATED');
    expectRefused(await gw.as(null).request(Deposit, { input: { currency: 'USD', amount: '5', reference: uniq('bank'), idempotencyKey: uniq('dep') } }), 'UNAUTHENTICATED');
  });

  it('lets staff see, list and act on everyone’s wallets and withdrawals', async () => {
    const { alice, bob, walletId, lineId, withdrawalId, bobsWithdrawalId } = await setUp();
    const staff = gw.as(gw.finance);
    expect(ok(await staff.request(WalletAccessWallet, { id: walletId })).wallet).toMatchObject({ id: walletId, ownerId: `usr_${alice.userId}` });
    expect(ok(await staff.request(WalletAccessNode, { id: lineId })).node).toMatchObject({ id: lineId });
    expect(ok(await staff.request(WithdrawalView, { id: withdrawalId })).withdrawal).toMatchObject({ id: withdrawalId });
    expect(await withdrawalIdsOf(staff, { userId: `usr_${alice.userId}` })).toEqual([withdrawalId]);
    expect(await withdrawalIdsOf(staff, { userId: `usr_${bob.userId}` })).toEqual([bobsWithdrawalId]);
    const everyone = await withdrawalIdsOf(staff);
    expect(everyone).toEqual(expect.arrayContaining([withdrawalId, bobsWithdrawalId]));
    expect(ok(await staff.request(WalletAccessWallets, { userId: `usr_${alice.userId}` })).wallets).toEqual([{ id: walletId, ownerId: `usr_${alice.userId}`, currency: 'USD' }]);

    const retried = ok(await staff.request(RetryWithdrawal, { input: { id: withdrawalId, idempotencyKey: uniq('retry') } })).retryWithdrawal;
    expect(retried).toMatchObject({ id: withdrawalId, attempt: 2 });
    expect((await withdrawalReaches(gw.as(alice), withdrawalId, 'FAILED')).attempt).toBe(2);

    const admin = gw.as(await gw.user(Role.ADMIN, 'admin'));
    const credit = ok(await admin.request(Deposit, { input: { userId: `usr_${bob.userId}`, currency: 'USD', amount: '25', reference: uniq('bank'), idempotencyKey: uniq('dep') } })).deposit;
    expect(credit.wallet.balance.available.amount).toBe(String(900 + 25));
    expect(await balanceOf(gw.as(bob))).toMatchObject({ available: '925' });
  });
});

describe('what a transfer tells about the other user', () => {
  it('never shows a sender the email behind a user id; the recipient and staff see who it was', async () => {
    // Were it shown, one cent sent to each id in turn would list every user's email.
    const [mallory, target] = [await gw.user(Role.CUSTOMER, 'mallory'), await gw.user(Role.CUSTOMER, 'target')];
    await deposit(gw.as(mallory), '10');
    const sent = ok(await gw.as(mallory).request(Transfer, { input: { toUserId: `usr_${target.userId}`, currency: 'USD', amount: '1', idempotencyKey: uniq('t') } })).transfer;
    expect(sent).toMatchObject({ counterparty: { userId: `usr_${target.userId}`, email: null }, description: `Transfer to usr_${target.userId}` });
    const [line] = await historyOf(gw.as(mallory), await walletIdOf(gw.as(mallory)), { kinds: ['TRANSFER_OUT'] });
    expect(line).toMatchObject({ id: sent.id, counterparty: { email: null }, description: `Transfer to usr_${target.userId}` });
    expect(JSON.stringify(line)).not.toContain(target.email);

    const [received] = await historyOf(gw.as(target), await walletIdOf(gw.as(target)), { kinds: ['TRANSFER_IN'] });
    expect(received).toMatchObject({ counterparty: { userId: `usr_${mallory.userId}`, email: mallory.email }, description: `Transfer from ${mallory.email}` });
    const [seenByStaff] = await historyOf(gw.as(gw.finance), await walletIdOf(gw.as(mallory)), { kinds: ['TRANSFER_OUT'] });
    expect(seenByStaff).toMatchObject({ counterparty: { email: target.email }, description: `Transfer to ${target.email}` });
  });
});
