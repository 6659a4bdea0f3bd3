import { describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';
import {
  balanceOf, deposit, Deposit, expectRefused, historyOf, moneySnapshot, ok, openWallet, RequestWithdrawal, RetryWithdrawal, Transfer, walletIdOf,
  withdraw, withdrawalIdsOf, withdrawalReaches, WithdrawalView,
} from './wallet-fixtures.js';

let gw: TestGateway;
gatewayForFile((started) => { gw = started; }, { WITHDRAWAL_FEE_BPS: '100' });

const customer = (label: string) => gw.user(Role.CUSTOMER, label);
const times = <T>(n: number, make: () => Promise<T>) => Promise.all(Array.from({ length: n }, make));
const codes = (results: { errors?: readonly { extensions?: Record<string, unknown> }[] }[]) => results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');

/** A customer with a failed withdrawal (funds returned), ready to be retried. */
async function failedWithdrawal(caller: TestCaller, amount = '1000') {
  const requested = await withdraw(gw.as(caller), amount, 'sim:fail');
  await withdrawalReaches(gw.as(caller), requested.id, 'FAILED');
  return requested.id;
}

describe('deposit', () => {
  it('replays the first line for the same key and input, credits once, and refuses the key with another input', async () => {
    const alice = await customer('alice');
    const input = { currency: 'USD', amount: '700', reference: uniq('bank'), memo: 'pay day', idempotencyKey: uniq('dep') };
    const first = ok(await gw.as(alice).request(Deposit, { input })).deposit;
    const again = ok(await gw.as(alice).request(Deposit, { input })).deposit;
    expect(again).toEqual(first);
    const before = await moneySnapshot(gw.as(alice));
    expect(before).toMatchObject({ balance: { posted: '700', available: '700' }, lines: 1 });
    for (const change of [{ amount: '701' }, { reference: uniq('bank') }, { memo: 'another memo' }]) {
      expectRefused(await gw.as(alice).request(Deposit, { input: { ...input, ...change } }), 'IDEMPOTENCY_KEY_REUSED');
    }
    expect(await moneySnapshot(gw.as(alice))).toEqual(before);
  });

  it('credits once for ten concurrent identical requests', async () => {
    const alice = await customer('alice');
    await openWallet(gw.as(alice));
    const input = { currency: 'USD', amount: '333', reference: uniq('bank'), idempotencyKey: uniq('dep') };
    const results = await times(10, () => gw.as(alice).request(Deposit, { input }));
    expect(codes(results)).toEqual(Array(10).fill('OK'));
    expect(new Set(results.map((r) => r.data!.deposit.id)).size).toBe(1);
    expect(await moneySnapshot(gw.as(alice))).toMatchObject({ balance: { posted: '333', available: '333' }, lines: 1 });
  });

  it('scopes keys to the user and the operation: two users, or a deposit and a transfer, never collide', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    const key = uniq('shared');
    const a = ok(await gw.as(alice).request(Deposit, { input: { currency: 'USD', amount: '100', reference: uniq('bank'), idempotencyKey: key } })).deposit;
    const b = ok(await gw.as(bob).request(Deposit, { input: { currency: 'USD', amount: '200', reference: uniq('bank'), idempotencyKey: key } })).deposit;
    expect(a.id).not.toBe(b.id);
    const sent = ok(await gw.as(alice).request(Transfer, { input: { toEmail: bob.email, currency: 'USD', amount: '40', idempotencyKey: key } })).transfer;
    expect(sent.kind).toBe('TRANSFER_OUT');
    expect([(await balanceOf(gw.as(alice))).available, (await balanceOf(gw.as(bob))).available]).toEqual(['60', '240']);
  });

  it('credits an external reference once: another key is EXTERNAL_REFERENCE_TAKEN (for anyone), and writes nothing', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    const reference = uniq('bank');
    const input = { currency: 'USD', amount: '500', reference, idempotencyKey: uniq('dep') };
    const first = ok(await gw.as(alice).request(Deposit, { input })).deposit;
    const [aliceBefore, bobBefore] = [await moneySnapshot(gw.as(alice)), await moneySnapshot(gw.as(bob))];
    expectRefused(await gw.as(alice).request(Deposit, { input: { ...input, idempotencyKey: uniq('dep') } }), 'EXTERNAL_REFERENCE_TAKEN');
    expectRefused(await gw.as(bob).request(Deposit, { input: { ...input, idempotencyKey: uniq('dep') } }), 'EXTERNAL_REFERENCE_TAKEN');
    // Its own replay is not refused for its own reference.
    expect(ok(await gw.as(alice).request(Deposit, { input })).deposit.id).toBe(first.id);
    expect([await moneySnapshot(gw.as(alice)), await moneySnapshot(gw.as(bob))]).toEqual([aliceBefore, bobBefore]);
  });

  it('credits a reference once when ten requests with different keys race for it', async () => {
    const alice = await customer('alice');
    await openWallet(gw.as(alice));
    const reference = uniq('bank');
    const results = await times(10, () => gw.as(alice).request(Deposit, { input: { currency: 'USD', amount: '90', reference, idempotencyKey: uniq('dep') } }));
    expect(codes(results).sort()).toEqual(['EXTERNAL_REFERENCE_TAKEN', ...Array(9).fill('EXTERNAL_REFERENCE_TAKEN')].fill('OK', 9).sort());
    expect(await moneySnapshot(gw.as(alice))).toMatchObject({ balance: { posted: '90' }, lines: 1 });
  });
});

describe('transfer', () => {
  it('replays the first line, moves money once, and refuses the key with another input without writing', async () => {
    const [alice, bob, carol] = [await customer('alice'), await customer('bob'), await customer('carol')];
    await deposit(gw.as(alice), '1000');
    const input = { toUserId: `usr_${bob.userId}`, currency: 'USD', amount: '250', memo: 'rent', idempotencyKey: uniq('t') };
    const first = ok(await gw.as(alice).request(Transfer, { input })).transfer;
    expect(ok(await gw.as(alice).request(Transfer, { input })).transfer).toEqual(first);
    const before = [await moneySnapshot(gw.as(alice)), await moneySnapshot(gw.as(bob)), await moneySnapshot(gw.as(carol))];
    expect(before.map((s) => [s.balance.available, s.lines])).toEqual([['750', 2], ['250', 1], ['0', 0]]);
    for (const change of [{ amount: '251' }, { toUserId: `usr_${carol.userId}` }, { memo: 'not rent' }]) {
      expectRefused(await gw.as(alice).request(Transfer, { input: { ...input, ...change } }), 'IDEMPOTENCY_KEY_REUSED');
    }
    expect([await moneySnapshot(gw.as(alice)), await moneySnapshot(gw.as(bob)), await moneySnapshot(gw.as(carol))]).toEqual(before);
  });

  it('moves money once for ten concurrent identical requests, and two senders may share a key', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    await deposit(gw.as(alice), '1000');
    await deposit(gw.as(bob), '1000');
    const key = uniq('t');
    const results = await times(10, () => gw.as(alice).request(Transfer, { input: { toEmail: bob.email, currency: 'USD', amount: '300', idempotencyKey: key } }));
    expect(codes(results)).toEqual(Array(10).fill('OK'));
    expect(new Set(results.map((r) => r.data!.transfer.id)).size).toBe(1);
    const back = ok(await gw.as(bob).request(Transfer, { input: { toEmail: alice.email, currency: 'USD', amount: '50', idempotencyKey: key } })).transfer;
    expect(back.id).not.toBe(results[0].data!.transfer.id);
    expect([await moneySnapshot(gw.as(alice)), await moneySnapshot(gw.as(bob))].map((s) => [s.balance.available, s.lines])).toEqual([['750', 3], ['1250', 3]]);
  });
});

describe('requestWithdrawal', () => {
  it('replays the first withdrawal, holds and pays once, and refuses the key with another input without writing', async () => {
    const alice = await customer('alice');
    await deposit(gw.as(alice), '5000');
    const input = { currency: 'USD', amount: '1000', destination: 'sim:succeed', idempotencyKey: uniq('w') };
    const first = ok(await gw.as(alice).request(RequestWithdrawal, { input })).requestWithdrawal;
    const again = ok(await gw.as(alice).request(RequestWithdrawal, { input })).requestWithdrawal;
    expect(again.id).toBe(first.id);
    await withdrawalReaches(gw.as(alice), first.id, 'COMPLETED');
    const done = ok(await gw.as(alice).request(RequestWithdrawal, { input })).requestWithdrawal;
    expect(done).toMatchObject({ id: first.id, status: 'COMPLETED', attempt: 1 });
    const before = await moneySnapshot(gw.as(alice));
    expect(before).toMatchObject({ balance: { posted: '3990', available: '3990' }, lines: 3, withdrawals: 1 });
    for (const change of [{ amount: '999' }, { destination: 'sim:fail' }]) {
      expectRefused(await gw.as(alice).request(RequestWithdrawal, { input: { ...input, ...change } }), 'IDEMPOTENCY_KEY_REUSED');
    }
    expect(await moneySnapshot(gw.as(alice))).toEqual(before);
  });

  it('opens one withdrawal for ten concurrent identical requests, and two users may share a key', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    await deposit(gw.as(alice), '5000');
    await deposit(gw.as(bob), '5000');
    const input = { currency: 'USD', amount: '2000', destination: 'sim:succeed', idempotencyKey: uniq('w') };
    const results = await times(10, () => gw.as(alice).request(RequestWithdrawal, { input }));
    expect(codes(results)).toEqual(Array(10).fill('OK'));
    const ids = new Set(results.map((r) => r.data!.requestWithdrawal.id));
    expect(ids.size).toBe(1);
    const bobs = ok(await gw.as(bob).request(RequestWithdrawal, { input })).requestWithdrawal;
    expect(ids.has(bobs.id)).toBe(false);
    await withdrawalReaches(gw.as(alice), [...ids][0], 'COMPLETED');
    await withdrawalReaches(gw.as(bob), bobs.id, 'COMPLETED');
    for (const caller of [alice, bob]) {
      expect(await moneySnapshot(gw.as(caller))).toMatchObject({ balance: { posted: '2980', available: '2980' }, lines: 3, withdrawals: 1 });
    }
  });
});

describe('retryWithdrawal', () => {
  const retriesIn = async (caller: TestCaller, id: string) =>
    ok(await gw.as(caller).request(WithdrawalView, { id })).withdrawal!.history.filter((h) => h.reason.startsWith('retried')).length;

  it('replays a retry for the same key: no second attempt, one hold, also after the attempt ended', async () => {
    const alice = await customer('alice');
    await deposit(gw.as(alice), '3000');
    const id = await failedWithdrawal(alice);
    const input = { id, idempotencyKey: uniq('retry') };
    const results = await times(10, () => gw.as(alice).request(RetryWithdrawal, { input }));
    expect(codes(results)).toEqual(Array(10).fill('OK'));
    expect(results.map((r) => [r.data!.retryWithdrawal.id, r.data!.retryWithdrawal.attempt])).toEqual(Array(10).fill([id, 2]));
    await withdrawalReaches(gw.as(alice), id, 'FAILED'); // `sim:fail` declines the second attempt too
    const replay = ok(await gw.as(alice).request(RetryWithdrawal, { input })).retryWithdrawal;
    expect(replay).toMatchObject({ id, attempt: 2, status: 'FAILED' });
    expect(await retriesIn(alice, id)).toBe(1);
    expect(await moneySnapshot(gw.as(alice))).toMatchObject({ balance: { posted: '3000', available: '3000' }, lines: 3, withdrawals: 1 });
    const third = ok(await gw.as(alice).request(RetryWithdrawal, { input: { id, idempotencyKey: uniq('retry') } })).retryWithdrawal;
    expect(third.attempt).toBe(3);
  });

  it('lets two users retry their own withdrawals with the same key', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    await deposit(gw.as(alice), '3000');
    await deposit(gw.as(bob), '3000');
    const [a, b] = [await failedWithdrawal(alice), await failedWithdrawal(bob)];
    const key = uniq('retry');
    expect(ok(await gw.as(alice).request(RetryWithdrawal, { input: { id: a, idempotencyKey: key } })).retryWithdrawal).toMatchObject({ id: a, attempt: 2 });
    expect(ok(await gw.as(bob).request(RetryWithdrawal, { input: { id: b, idempotencyKey: key } })).retryWithdrawal).toMatchObject({ id: b, attempt: 2 });
  });

  it('refuses a key already used to retry another withdrawal with IDEMPOTENCY_KEY_REUSED, and retries nothing', async () => {
    const alice = await customer('alice');
    await deposit(gw.as(alice), '3000');
    const [a, b] = [await failedWithdrawal(alice, '500'), await failedWithdrawal(alice, '600')];
    const key = uniq('retry');
    expect(ok(await gw.as(alice).request(RetryWithdrawal, { input: { id: a, idempotencyKey: key } })).retryWithdrawal).toMatchObject({ id: a, attempt: 2 });
    await withdrawalReaches(gw.as(alice), a, 'FAILED');
    const before = await moneySnapshot(gw.as(alice));
    expectRefused(await gw.as(alice).request(RetryWithdrawal, { input: { id: b, idempotencyKey: key } }), 'IDEMPOTENCY_KEY_REUSED');
    expect(ok(await gw.as(alice).request(WithdrawalView, { id: b })).withdrawal).toMatchObject({ status: 'FAILED', attempt: 1 });
    expect(await retriesIn(alice, b)).toBe(0);
    expect(await moneySnapshot(gw.as(alice))).toEqual(before);
  });
});

describe('one key, different inputs, at once', () => {
  it('lets one input win for each mutation; the others are IDEMPOTENCY_KEY_REUSED and money moves once', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    await openWallet(gw.as(alice));
    await openWallet(gw.as(bob));
    const sends = {
      deposit: (i: number, key: string) => gw.as(alice).request(Deposit, { input: { currency: 'USD', amount: String(1000 + i), reference: `${key}-${i}`, idempotencyKey: key } }),
      transfer: (i: number, key: string) => gw.as(alice).request(Transfer, { input: { toEmail: bob.email, currency: 'USD', amount: String(10 + i), idempotencyKey: key } }),
      withdrawal: (i: number, key: string) => gw.as(alice).request(RequestWithdrawal, { input: { currency: 'USD', amount: String(100 + i), destination: 'sim:succeed', idempotencyKey: key } }),
    };
    const winners: Record<string, number> = {};
    for (const [name, send] of Object.entries(sends)) {
      const key = uniq(name);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => send(i, key).then((r) => ({ i, r }))));
      const won = results.filter(({ r }) => !r.errors);
      expect(won.map(({ r }) => r.status), name).toEqual([200]);
      expect(codes(results.filter(({ r }) => r.errors).map(({ r }) => r))).toEqual(Array(7).fill('IDEMPOTENCY_KEY_REUSED'));
      winners[name] = won[0].i;
    }
    const [d, t, w] = [1000 + winners.deposit, 10 + winners.transfer, 100 + winners.withdrawal];
    const [id] = await withdrawalIdsOf(gw.as(alice));
    await withdrawalReaches(gw.as(alice), id, 'COMPLETED');
    const fee = Math.ceil(w / 100);
    expect(await moneySnapshot(gw.as(alice))).toMatchObject({ balance: { posted: String(d - t - w - fee), available: String(d - t - w - fee) }, lines: 4, withdrawals: 1 });
    expect(await moneySnapshot(gw.as(bob))).toMatchObject({ balance: { posted: String(t) }, lines: 1 });
  });
});

describe('history counts', () => {
  it('shows one line per movement after replays of every mutation', async () => {
    const [alice, bob] = [await customer('alice'), await customer('bob')];
    const dep = { currency: 'USD', amount: '2000', reference: uniq('bank'), idempotencyKey: uniq('dep') };
    const tr = { toEmail: bob.email, currency: 'USD', amount: '100', idempotencyKey: uniq('t') };
    const wd = { currency: 'USD', amount: '100', destination: 'sim:succeed', idempotencyKey: uniq('w') };
    for (let i = 0; i < 3; i += 1) {
      ok(await gw.as(alice).request(Deposit, { input: dep }));
      ok(await gw.as(alice).request(Transfer, { input: tr }));
      ok(await gw.as(alice).request(RequestWithdrawal, { input: wd }));
    }
    const [id] = await withdrawalIdsOf(gw.as(alice));
    await withdrawalReaches(gw.as(alice), id, 'COMPLETED');
    const kinds = (await historyOf(gw.as(alice), await walletIdOf(gw.as(alice)))).map((l) => l.kind);
    expect(kinds).toEqual(['FEE', 'WITHDRAWAL', 'TRANSFER_OUT', 'DEPOSIT']);
    expect(await balanceOf(gw.as(alice))).toEqual({ posted: '1799', pending: '0', available: '1799' });
  });
});
