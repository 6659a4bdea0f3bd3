import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';
import { UpdateUser } from '../identity/identity-fixtures.js';
import {
  deposit, Deposit, expectRefused, moneySnapshot, ok, OpenWallet, RequestWithdrawal, RetryWithdrawal, Transfer, WalletHistory, walletCurrencies,
  walletIdOf, withdraw, withdrawalReaches,
} from './wallet-fixtures.js';

let gw: TestGateway;
let alice: TestCaller;
let bob: TestCaller;
let failedId: string;

gatewayForFile((started) => { gw = started; }, { WITHDRAWAL_FEE_BPS: '100' });
beforeAll(async () => {
  alice = await gw.user(Role.CUSTOMER, 'alice');
  bob = await gw.user(Role.CUSTOMER, 'bob');
  await deposit(gw.as(alice), '1000');
  await deposit(gw.as(bob), '10');
});

type Outcome = { status: number; errors?: readonly { extensions?: Record<string, unknown> }[] };
type Case = [label: string, send: () => Promise<Outcome>, code: string];

const long = (n: number) => 'x'.repeat(n);
const badAmounts: [string, string][] = [
  ['-5', 'AMOUNT_NOT_POSITIVE'], ['0', 'AMOUNT_NOT_POSITIVE'], ['-0', 'AMOUNT_NOT_POSITIVE'], ['1.5', 'INVALID_AMOUNT'], ['abc', 'INVALID_AMOUNT'],
  ['', 'INVALID_AMOUNT'], ['1e3', 'INVALID_AMOUNT'], ['0x10', 'INVALID_AMOUNT'], ['9223372036854775808', 'AMOUNT_OUT_OF_RANGE'],
  ['1'.repeat(60), 'INVALID_AMOUNT'],
];
const badCurrencies: [string, string][] = [['JPY', 'CURRENCY_NOT_SUPPORTED'], ['usd', 'INVALID_CURRENCY'], ['US', 'INVALID_CURRENCY'], ['ZZZ', 'INVALID_CURRENCY'], ['', 'INVALID_CURRENCY']];
const badKeys = ['', '   ', long(201)];

function depositCases(): Case[] {
  const send = (change: Record<string, unknown>) => () =>
    gw.as(alice).request(Deposit, { input: { currency: 'USD', amount: '100', reference: uniq('bank'), idempotencyKey: uniq('dep'), ...change } });
  return [
    ...badAmounts.map(([amount, code]): Case => [`deposit amount "${amount.slice(0, 20)}"`, send({ amount }), code]),
    ...badCurrencies.map(([currency, code]): Case => [`deposit currency "${currency}"`, send({ currency }), code]),
    ...badKeys.map((idempotencyKey): Case => [`deposit key of ${idempotencyKey.length}`, send({ idempotencyKey }), 'BAD_USER_INPUT']),
    ['deposit empty reference', send({ reference: '' }), 'BAD_USER_INPUT'],
    ['deposit blank reference', send({ reference: '  ' }), 'BAD_USER_INPUT'],
    ['deposit reference of 201', send({ reference: long(201) }), 'BAD_USER_INPUT'],
    ['deposit memo of 1001', send({ memo: long(1001) }), 'BAD_USER_INPUT'],
    ['deposit amount as a number', send({ amount: 100 }), 'BAD_USER_INPUT'],
    ['deposit without amount', send({ amount: undefined }), 'BAD_USER_INPUT'],
  ];
}

function transferCases(disabled: TestCaller): Case[] {
  const send = (change: Record<string, unknown>) => () =>
    gw.as(alice).request(Transfer, { input: { toUserId: `usr_${bob.userId}`, currency: 'USD', amount: '100', idempotencyKey: uniq('t'), ...change } });
  return [
    ...badAmounts.map(([amount, code]): Case => [`transfer amount "${amount.slice(0, 20)}"`, send({ amount }), code]),
    ...badCurrencies.map(([currency, code]): Case => [`transfer currency "${currency}"`, send({ currency }), code]),
    ...badKeys.map((idempotencyKey): Case => [`transfer key of ${idempotencyKey.length}`, send({ idempotencyKey }), 'BAD_USER_INPUT']),
    ['transfer memo of 1001', send({ memo: long(1001) }), 'BAD_USER_INPUT'],
    ['transfer to oneself by id', send({ toUserId: `usr_${alice.userId}` }), 'SELF_TRANSFER'],
    ['transfer to oneself by email', send({ toUserId: undefined, toEmail: alice.email.toUpperCase() }), 'SELF_TRANSFER'],
    ['transfer to an unknown id', send({ toUserId: 'usr_999999999999' }), 'RECIPIENT_NOT_FOUND'],
    ['transfer to an unknown email', send({ toUserId: undefined, toEmail: `${uniq('nobody')}@example.test` }), 'RECIPIENT_NOT_FOUND'],
    ['transfer to a malformed email', send({ toUserId: undefined, toEmail: 'not an email' }), 'RECIPIENT_NOT_FOUND'],
    ['transfer to a disabled user', send({ toUserId: `usr_${disabled.userId}` }), 'RECIPIENT_NOT_FOUND'],
    ['transfer to an account id', send({ toUserId: 'acc_1' }), 'BAD_USER_INPUT'],
    ['transfer to a malformed id', send({ toUserId: 'usr_abc' }), 'BAD_USER_INPUT'],
    ['transfer with toUserId and toEmail', send({ toEmail: bob.email }), 'BAD_USER_INPUT'],
    ['transfer with neither toUserId nor toEmail', send({ toUserId: undefined }), 'BAD_USER_INPUT'],
    ['transfer of more than the balance', send({ amount: '1001' }), 'INSUFFICIENT_FUNDS'],
  ];
}

function withdrawalCases(): Case[] {
  const send = (change: Record<string, unknown>) => () =>
    gw.as(alice).request(RequestWithdrawal, { input: { currency: 'USD', amount: '100', destination: 'sim:succeed', idempotencyKey: uniq('w'), ...change } });
  const retry = (id: string, idempotencyKey = uniq('retry')) => () => gw.as(alice).request(RetryWithdrawal, { input: { id, idempotencyKey } });
  return [
    ...badAmounts.map(([amount, code]): Case => [`withdrawal amount "${amount.slice(0, 20)}"`, send({ amount }), code]),
    ...badCurrencies.map(([currency, code]): Case => [`withdrawal currency "${currency}"`, send({ currency }), code]),
    ...badKeys.map((idempotencyKey): Case => [`withdrawal key of ${idempotencyKey.length}`, send({ idempotencyKey }), 'BAD_USER_INPUT']),
    ['withdrawal empty destination', send({ destination: '' }), 'BAD_USER_INPUT'],
    ['withdrawal blank destination', send({ destination: '   ' }), 'BAD_USER_INPUT'],
    ['withdrawal destination of 201', send({ destination: long(201) }), 'BAD_USER_INPUT'],
    // 1000 available: 991 + its fee of 10 is one too many.
    ['withdrawal of the balance plus one', send({ amount: '991' }), 'INSUFFICIENT_FUNDS'],
    // The largest amount is in range, but amount + fee would not be: refused, never a 5xx.
    ['withdrawal of 2^63-1 with a fee', send({ amount: '9223372036854775807' }), 'AMOUNT_OUT_OF_RANGE'],
    ...badKeys.map((key): Case => [`retry key of ${key.length}`, retry(failedId, key), 'BAD_USER_INPUT']),
    ['retry a malformed id', retry('wd_abc'), 'BAD_USER_INPUT'],
    ['retry a wallet id', retry('wal_1'), 'BAD_USER_INPUT'],
    ['retry an unknown withdrawal', retry('wd_999999999999'), 'NOT_FOUND'],
  ];
}

describe('bad input gets a typed error and writes nothing', () => {
  it('refuses every bad deposit, transfer, withdrawal and retry with its code, never a 5xx', async () => {
    failedId = (await withdraw(gw.as(alice), '100', 'sim:fail')).id;
    await withdrawalReaches(gw.as(alice), failedId, 'FAILED');
    const disabled = await gw.user(Role.CUSTOMER, 'disabled');
    ok(await gw.as(await gw.user(Role.ADMIN, 'admin')).request(UpdateUser, { input: { id: `usr_${disabled.userId}`, status: 'DISABLED' } }));
    const before = { alice: await moneySnapshot(gw.as(alice)), bob: await moneySnapshot(gw.as(bob)) };
    expect(before.alice).toMatchObject({ balance: { posted: '1000', available: '1000' }, lines: 3, withdrawals: 1 });

    const cases = [...depositCases(), ...transferCases(disabled), ...withdrawalCases()];
    const seen: [string, number, unknown][] = [];
    for (const [label, send, code] of cases) {
      const result = await send();
      seen.push([label, result.status, result.errors?.map((e) => e.extensions?.code)]);
      expect.soft(result.status, label).toBeLessThan(500);
      expect.soft(result.errors?.map((e) => e.extensions?.code), label).toEqual([code]);
    }
    expect(seen.filter(([, status, codes]) => status >= 500 || String(codes).includes('INTERNAL_SERVER_ERROR'))).toEqual([]);

    expect({ alice: await moneySnapshot(gw.as(alice)), bob: await moneySnapshot(gw.as(bob)) }).toEqual(before);
    expect(await walletCurrencies(gw.as(alice))).toEqual(['USD']);
    expect(ok(await gw.as(alice).request(OpenWallet, { currency: 'USD' })).openWallet.currency).toBe('USD');
    expect((await withdrawalReaches(gw.as(alice), failedId, 'FAILED')).attempt).toBe(1);
  });

  it('refuses bad history arguments with BAD_USER_INPUT', async () => {
    const id = await walletIdOf(gw.as(alice));
    // Variables a typed client could not send: the server must refuse them itself.
    const history = (vars: Record<string, unknown>) => gw.as(alice).request(WalletHistory, { id, ...vars } as never);
    expectRefused(await history({ first: 0 }), 'BAD_USER_INPUT');
    expectRefused(await history({ first: 101 }), 'BAD_USER_INPUT');
    expectRefused(await history({ after: 'not-a-cursor' }), 'BAD_USER_INPUT');
    expectRefused(await history({ filter: { from: 'yesterday' } }), 'BAD_USER_INPUT');
    expectRefused(await history({ filter: { kinds: ['SALARY'] } }), 'BAD_USER_INPUT');
    expectRefused(await history({ id: 'wd_1' }), 'BAD_USER_INPUT');
    expectRefused(await gw.as(alice).request(OpenWallet, { currency: 'JPY' }), 'CURRENCY_NOT_SUPPORTED');
  });

  it('opens no wallet for a refused request (wallets open on first use, and a refused request is no use)', async () => {
    const [carol, dave] = [await gw.user(Role.CUSTOMER, 'carol'), await gw.user(Role.CUSTOMER, 'dave')];
    const reference = uniq('bank');
    ok(await gw.as(alice).request(Deposit, { input: { currency: 'USD', amount: '1', reference, idempotencyKey: uniq('dep') } }));
    expectRefused(await gw.as(alice).request(Transfer, { input: { toEmail: carol.email, currency: 'USD', amount: '999999', idempotencyKey: uniq('t') } }), 'INSUFFICIENT_FUNDS');
    expectRefused(await gw.as(alice).request(RequestWithdrawal, { input: { currency: 'EUR', amount: '100', destination: 'sim:succeed', idempotencyKey: uniq('w') } }), 'INSUFFICIENT_FUNDS');
    expectRefused(await gw.as(dave).request(Deposit, { input: { currency: 'USD', amount: '5', reference, idempotencyKey: uniq('dep') } }), 'EXTERNAL_REFERENCE_TAKEN');
    expect({ carol: await walletCurrencies(gw.as(carol)), alice: await walletCurrencies(gw.as(alice)), dave: await walletCurrencies(gw.as(dave)) })
      .toEqual({ carol: [], alice: ['USD'], dave: [] });
  });
});
