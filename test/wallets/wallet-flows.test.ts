import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Role } from '../../src/platform/auth/roles.js';
import { graphql } from '../gql/index.js';
import { uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { errorCode, gatewayForFile } from '../testkit/ledger-fixtures.js';
import {
  balanceOf, deposit, Deposit, expectRefused, historyOf, ok, RequestWithdrawal, RetryWithdrawal, Transfer, WalletHistory, walletIdOf,
  withdraw, withdrawalReaches,
} from './wallet-fixtures.js';

const WalletAccount = graphql(`query WalletAccount($id: ID!) { wallet(id: $id) { account { id } } }`);

describe('a customer’s money: deposit, transfer, withdraw', () => {
  let gw: TestGateway;
  let alice: TestCaller;
  let bob: TestCaller;

  gatewayForFile((started) => { gw = started; }, { WITHDRAWAL_FEE_BPS: '100' });
  beforeAll(async () => {
    alice = await gw.user(Role.CUSTOMER, 'alice');
    bob = await gw.user(Role.CUSTOMER, 'bob');
  });

  it('deposits, transfers by email, and withdraws with a fee; a failed withdrawal returns the funds', async () => {
    const credited = await deposit(gw.as(alice), '10000');
    expect(credited).toMatchObject({ kind: 'DEPOSIT', status: 'COMPLETED', direction: 'IN', amount: { amount: '10000', currency: 'USD' } });
    expect(credited.wallet.balance.available.amount).toBe('10000');

    const sent = await gw.as(alice).request(Transfer, { input: { toEmail: bob.email, currency: 'USD', amount: '2500', memo: 'lunch', idempotencyKey: uniq('t') } });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.transfer).toMatchObject({ kind: 'TRANSFER_OUT', memo: 'lunch', description: `Transfer to ${bob.email}`, counterparty: { email: bob.email } });
    expect(await balanceOf(gw.as(bob))).toEqual({ posted: '2500', pending: '0', available: '2500' });

    const accepted = await gw.as(alice).request(RequestWithdrawal, { input: { currency: 'USD', amount: '5000', destination: 'sim:succeed', idempotencyKey: uniq('w') } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.requestWithdrawal).toMatchObject({ amount: { amount: '5000' }, fee: { amount: '50' }, attempt: 1 });
    const done = await withdrawalReaches(gw.as(alice), accepted.data!.requestWithdrawal.id, 'COMPLETED');
    expect(done.history.map((h) => h.to)).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
    expect(await balanceOf(gw.as(alice))).toEqual({ posted: '2450', pending: '0', available: '2450' });

    const bad = await gw.as(alice).request(RequestWithdrawal, { input: { currency: 'USD', amount: '1000', destination: 'sim:fail', idempotencyKey: uniq('w') } });
    expect(bad.errors).toBeUndefined();
    const failed = await withdrawalReaches(gw.as(alice), bad.data!.requestWithdrawal.id, 'FAILED');
    expect(failed.failureReason).toContain('declined');
    expect(await balanceOf(gw.as(alice))).toEqual({ posted: '2450', pending: '0', available: '2450' });

    const tooMuch = await gw.as(alice).request(Transfer, { input: { toUserId: `usr_${bob.userId}`, currency: 'USD', amount: '2451', idempotencyKey: uniq('t') } });
    expect(errorCode(tooMuch)).toBe('INSUFFICIENT_FUNDS');
    // The refusal names the wallet's account by the global id a client can look up.
    const account = ok(await gw.as(alice).request(WalletAccount, { id: await walletIdOf(gw.as(alice)) })).wallet!.account.id;
    expect(tooMuch.errors![0]).toMatchObject({ message: `account ${account} has 2450 available, the entry needs 2451`, extensions: { accountId: account, available: '2450' } });
  });

  it('keeps a history that names each line and filters by kind, status and time, paged with first/after', async () => {
    const carol = await gw.user(Role.CUSTOMER, 'carol');
    const dave = await gw.user(Role.CUSTOMER, 'dave');
    const reference = uniq('bank');
    ok(await gw.as(carol).request(Deposit, { input: { currency: 'USD', amount: '10000', reference, memo: 'salary', idempotencyKey: uniq('dep') } }));
    const send = (from: TestCaller, to: { toUserId?: string; toEmail?: string }, amount: string, memo?: string) =>
      gw.as(from).request(Transfer, { input: { ...to, currency: 'USD', amount, memo, idempotencyKey: uniq('t') } }).then(ok);
    await send(carol, { toUserId: `usr_${dave.userId}` }, '1000', 'rent');
    await send(carol, { toEmail: `  ${dave.email.toUpperCase()} ` }, '500'); // an email is matched as its normal form
    await send(dave, { toEmail: carol.email }, '200', 'change');
    const paid = await withdraw(gw.as(carol), '2000', 'sim:succeed');
    await withdrawalReaches(gw.as(carol), paid.id, 'COMPLETED');
    const declined = await withdraw(gw.as(carol), '1000', 'sim:fail');
    await withdrawalReaches(gw.as(carol), declined.id, 'FAILED');
    expect(await balanceOf(gw.as(carol))).toEqual({ posted: '6680', pending: '0', available: '6680' });

    const walletId = await walletIdOf(gw.as(carol));
    const all = await historyOf(gw.as(carol), walletId);
    expect(all.map((l) => [l.kind, l.direction, l.status, l.amount.amount, l.description])).toEqual([
      ['FEE', 'OUT', 'FAILED', '10', 'Withdrawal fee (failed)'],
      ['WITHDRAWAL', 'OUT', 'FAILED', '1000', 'Withdrawal to sim:fail (failed)'],
      ['FEE', 'OUT', 'COMPLETED', '20', 'Withdrawal fee'],
      ['WITHDRAWAL', 'OUT', 'COMPLETED', '2000', 'Withdrawal to sim:succeed'],
      ['TRANSFER_IN', 'IN', 'COMPLETED', '200', `Transfer from ${dave.email}`],
      ['TRANSFER_OUT', 'OUT', 'COMPLETED', '500', `Transfer to ${dave.email}`],
      // Sent to a user id: the sender is shown the id, never the email behind it.
      ['TRANSFER_OUT', 'OUT', 'COMPLETED', '1000', `Transfer to usr_${dave.userId}`],
      ['DEPOSIT', 'IN', 'COMPLETED', '10000', `Deposit (reference ${reference})`],
    ]);
    expect(all[7]).toMatchObject({ memo: 'salary', reference, counterparty: null, withdrawal: null });
    expect(all[6]).toMatchObject({ memo: 'rent', counterparty: { userId: `usr_${dave.userId}`, email: null } });
    expect(all[5]).toMatchObject({ counterparty: { userId: `usr_${dave.userId}`, email: dave.email } });
    expect(all[4]).toMatchObject({ memo: 'change', counterparty: { userId: `usr_${dave.userId}`, email: dave.email } });
    expect(all.slice(0, 4).map((l) => [l.reference, l.withdrawal?.id])).toEqual([
      ['sim:fail', declined.id], ['sim:fail', declined.id], ['sim:succeed', paid.id], ['sim:succeed', paid.id],
    ]);
    const daves = await historyOf(gw.as(dave), await walletIdOf(gw.as(dave)));
    expect(daves.map((l) => [l.kind, l.amount.amount, l.memo, l.description])).toEqual([
      ['TRANSFER_OUT', '200', 'change', `Transfer to ${carol.email}`],
      ['TRANSFER_IN', '500', '', `Transfer from ${carol.email}`],
      ['TRANSFER_IN', '1000', 'rent', `Transfer from ${carol.email}`],
    ]);

    const amounts = async (filter: Parameters<typeof historyOf>[2]) => (await historyOf(gw.as(carol), walletId, filter)).map((l) => `${l.kind}:${l.amount.amount}`);
    expect(await amounts({ kinds: ['TRANSFER_IN', 'TRANSFER_OUT'] })).toEqual(['TRANSFER_IN:200', 'TRANSFER_OUT:500', 'TRANSFER_OUT:1000']);
    expect(await amounts({ statuses: ['FAILED'] })).toEqual(['FEE:10', 'WITHDRAWAL:1000']);
    expect(await amounts({ kinds: ['FEE'], statuses: ['COMPLETED'] })).toEqual(['FEE:20']);
    expect(await amounts({ kinds: ['PAYOUT'] })).toEqual([]);
    // from is inclusive, to exclusive; the lines of one withdrawal share their instant.
    expect(await amounts({ from: all[5].createdAt, to: all[3].createdAt })).toEqual(['TRANSFER_IN:200', 'TRANSFER_OUT:500']);
    expect(await amounts({ from: all[3].createdAt, kinds: ['WITHDRAWAL'] })).toEqual(['WITHDRAWAL:1000', 'WITHDRAWAL:2000']);
    expect(await amounts({ to: all[6].createdAt })).toEqual(['DEPOSIT:10000']);
    expectRefused(await gw.as(carol).request(WalletHistory, { id: walletId, filter: { from: all[3].createdAt, to: all[5].createdAt } }), 'BAD_USER_INPUT');

    const pages: string[][] = [];
    const more: boolean[] = [];
    let after: string | null | undefined;
    do {
      const page = ok(await gw.as(carol).request(WalletHistory, { id: walletId, first: 3, after })).wallet!.transactions;
      pages.push(page.edges.map((e) => e.node.id));
      more.push(page.pageInfo.hasNextPage);
      after = page.pageInfo.endCursor;
    } while (more.at(-1) && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(more).toEqual([true, true, false]);
    expect(pages.flat()).toEqual(all.map((l) => l.id));
    const paged = ok(await gw.as(carol).request(WalletHistory, { id: walletId, filter: { kinds: ['TRANSFER_OUT'] }, first: 1 })).wallet!.transactions;
    const next = ok(await gw.as(carol).request(WalletHistory, { id: walletId, filter: { kinds: ['TRANSFER_OUT'] }, first: 1, after: paged.pageInfo.endCursor })).wallet!.transactions;
    expect([...paged.edges, ...next.edges].map((e) => e.node.amount.amount)).toEqual(['500', '1000']);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('returns and records the same lines whether the transfer opens the recipient’s wallet or both wallets exist', async () => {
    // The first transfer to a user without a wallet opens it in the transfer's own transaction; later
    // ones go through the ledger's writer with their lines as companion rows. A client sees no difference.
    const [gina, hal] = [await gw.user(Role.CUSTOMER, 'gina'), await gw.user(Role.CUSTOMER, 'hal')];
    await deposit(gw.as(gina), '1000');
    const send = (amount: string) => gw.as(gina).request(Transfer, { input: { toEmail: hal.email, currency: 'USD', amount, memo: `m${amount}`, idempotencyKey: uniq('t') } }).then(ok);
    const opening = (await send('300')).transfer;
    const existing = (await send('200')).transfer;
    for (const [line, amount] of [[opening, '300'], [existing, '200']] as const) {
      expect(line).toMatchObject({ kind: 'TRANSFER_OUT', status: 'COMPLETED', amount: { amount }, memo: `m${amount}`, counterparty: { email: hal.email } });
      expect(line.id).toMatch(/^wtx_\d+$/);
    }
    expect(existing.wallet.balance.available.amount).toBe('500');
    const received = await historyOf(gw.as(hal), await walletIdOf(gw.as(hal)));
    expect(received.map((l) => [l.kind, l.amount.amount, l.counterparty?.email, l.memo])).toEqual([
      ['TRANSFER_IN', '200', gina.email, 'm200'], ['TRANSFER_IN', '300', gina.email, 'm300'],
    ]);
    const sent = await historyOf(gw.as(gina), await walletIdOf(gw.as(gina)), { kinds: ['TRANSFER_OUT'] });
    expect(sent.map((l) => l.id)).toEqual([existing.id, opening.id]);
    expect(await balanceOf(gw.as(hal))).toEqual({ posted: '500', pending: '0', available: '500' });
  });

  it('charges WITHDRAWAL_FEE_BPS of the amount, rounded up to a whole minor unit, as its own FEE line', async () => {
    const frank = await gw.user(Role.CUSTOMER, 'frank');
    await deposit(gw.as(frank), '1000');
    const small = await withdraw(gw.as(frank), '150', 'sim:succeed');
    const tiny = await withdraw(gw.as(frank), '1', 'sim:succeed');
    expect([small.fee.amount, tiny.fee.amount]).toEqual(['2', '1']);
    await withdrawalReaches(gw.as(frank), small.id, 'COMPLETED');
    await withdrawalReaches(gw.as(frank), tiny.id, 'COMPLETED');
    const fees = await historyOf(gw.as(frank), await walletIdOf(gw.as(frank)), { kinds: ['FEE'] });
    expect(fees.map((l) => [l.amount.amount, l.withdrawal?.id, l.status])).toEqual([['1', tiny.id, 'COMPLETED'], ['2', small.id, 'COMPLETED']]);
    expect(await balanceOf(gw.as(frank))).toEqual({ posted: '846', pending: '0', available: '846' });
  });

  it('retries a failed withdrawal as attempt 2 through PENDING, PROCESSING and COMPLETED, with every change in its history', async () => {
    const erin = await gw.user(Role.CUSTOMER, 'erin');
    await deposit(gw.as(erin), '5000');
    const first = await withdraw(gw.as(erin), '1500', 'sim:fail');
    await withdrawalReaches(gw.as(erin), first.id, 'FAILED');
    expect(await balanceOf(gw.as(erin))).toEqual({ posted: '5000', pending: '0', available: '5000' });

    // The simulated processor answers by destination, so `sim:fail` always fails; script the bank's
    // answer to the second attempt (its own reference) as a success, as if the account was fixed.
    const reference = `wd_${first.id.slice(3)}_2`;
    await sql`insert into simulated_processor_payment (reference, amount, currency, destination, outcome, failure_reason, settles_at)
      values (${reference}, 1500, 'USD', 'sim:fail', 'SUCCEEDED', null, now())`.execute(gw.services.orm.em.fork().getKysely());

    const retried = ok(await gw.as(erin).request(RetryWithdrawal, { input: { id: first.id, idempotencyKey: uniq('retry') } })).retryWithdrawal;
    expect(retried).toMatchObject({ id: first.id, status: 'PENDING', attempt: 2, processorReference: null, fee: { amount: '15' } });
    const done = await withdrawalReaches(gw.as(erin), first.id, 'COMPLETED');
    expect(done).toMatchObject({ attempt: 2, processorReference: reference, failureReason: null });
    expect(done.history.map(({ from, to, attempt, reason }) => ({ from, to, attempt, reason }))).toEqual([
      { from: null, to: 'PENDING', attempt: 1, reason: 'requested' },
      { from: 'PENDING', to: 'PROCESSING', attempt: 1, reason: `sent to the payment processor as wd_${first.id.slice(3)}_1` },
      { from: 'PROCESSING', to: 'FAILED', attempt: 1, reason: 'the processor declined: the simulated bank declined the payment' },
      { from: 'FAILED', to: 'PENDING', attempt: 2, reason: 'retried (attempt 2)' },
      { from: 'PENDING', to: 'PROCESSING', attempt: 2, reason: `sent to the payment processor as ${reference}` },
      { from: 'PROCESSING', to: 'COMPLETED', attempt: 2, reason: 'paid by the processor' },
    ]);
    const instants = done.history.map((h) => Date.parse(h.at));
    expect([...instants].sort((a, b) => a - b)).toEqual(instants);
    expect(await balanceOf(gw.as(erin))).toEqual({ posted: '3485', pending: '0', available: '3485' });
    const lines = await historyOf(gw.as(erin), await walletIdOf(gw.as(erin)), { kinds: ['WITHDRAWAL', 'FEE'] });
    expect(lines.map((l) => [l.kind, l.status, l.amount.amount, l.withdrawal?.id])).toEqual([['FEE', 'COMPLETED', '15', first.id], ['WITHDRAWAL', 'COMPLETED', '1500', first.id]]);

    const again = await gw.as(erin).request(RetryWithdrawal, { input: { id: first.id, idempotencyKey: uniq('retry') } });
    expectRefused(again, 'WITHDRAWAL_NOT_RETRYABLE');
    expect((await withdrawalReaches(gw.as(erin), first.id, 'COMPLETED')).history).toHaveLength(6);
    expect(await balanceOf(gw.as(erin))).toEqual({ posted: '3485', pending: '0', available: '3485' });
  });
});
