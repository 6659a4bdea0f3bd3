import { beforeAll, describe } from 'vitest';
import { walletErrorCodes } from '../../src/wallets/wallet.errors.js';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type CallerClient, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';
import { precedenceTests } from '../testkit/precedence.js';
import { deposit, Deposit, RequestWithdrawal, RetryWithdrawal, Transfer } from './wallet-fixtures.js';
import { PayoutCancel, PayoutRequest, PayoutStartRun } from '../payouts/payout-fixtures.js';

let gw: TestGateway;
let alice: TestCaller;
let bob: TestCaller;
let as: CallerClient;

gatewayForFile((started) => { gw = started; });
beforeAll(async () => {
  alice = await gw.user(Role.CUSTOMER, 'alice');
  bob = await gw.user(Role.CUSTOMER, 'bob');
  as = gw.as(alice);
  await deposit(as, '5000');
  await deposit(gw.as(bob), '10');
});

type Result = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const depositWith = (change: Record<string, unknown>) =>
  as.request(Deposit, { input: { currency: 'USD', amount: '100', reference: uniq('bank'), idempotencyKey: uniq('dep'), ...change } as never });
const transferWith = (change: Record<string, unknown>) =>
  as.request(Transfer, { input: { toUserId: `usr_${bob.userId}`, currency: 'USD', amount: '1', idempotencyKey: uniq('t'), ...change } as never });
const payoutWith = (change: Record<string, unknown>) =>
  as.request(PayoutRequest, { input: { currency: 'USD', amount: '1000', idempotencyKey: uniq('po'), ...change } as never });
function ok(result: Result) {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

/**
 * One row per pair of rules: an input that breaks both gets the code that comes first. Wallet codes
 * are ordered by walletErrorCodes, the ledger's money codes (INVALID_AMOUNT ... INVALID_CURRENCY)
 * by ledgerErrorCodes, after BAD_USER_INPUT and before CURRENCY_NOT_SUPPORTED.
 */
const rows: [earlier: string, later: string, what: string, send: () => Promise<Result>][] = [
  ['BAD_USER_INPUT', 'CURRENCY_NOT_SUPPORTED', 'deposit: blank key, JPY', () => depositWith({ idempotencyKey: ' ', currency: 'JPY' })],
  ['BAD_USER_INPUT', 'INVALID_AMOUNT', 'deposit: empty reference, bad amount', () => depositWith({ reference: '', amount: 'ten' })],
  ['INVALID_AMOUNT', 'INVALID_CURRENCY', 'deposit: bad amount, unknown currency', () => depositWith({ amount: 'ten', currency: 'XYZ' })],
  ['INVALID_AMOUNT', 'CURRENCY_NOT_SUPPORTED', 'deposit: bad amount, JPY', () => depositWith({ amount: 'ten', currency: 'JPY' })],
  ['BAD_USER_INPUT', 'CURRENCY_NOT_SUPPORTED', 'transfer: both toUserId and toEmail, JPY', () => transferWith({ toEmail: bob.email, currency: 'JPY' })],
  ['BAD_USER_INPUT', 'RECIPIENT_NOT_FOUND', 'transfer: memo too long, unknown recipient', () => transferWith({ memo: 'x'.repeat(1001), toUserId: 'usr_999999999999' })],
  ['CURRENCY_NOT_SUPPORTED', 'RECIPIENT_NOT_FOUND', 'transfer: JPY to an unknown recipient', () => transferWith({ currency: 'JPY', toUserId: 'usr_999999999999' })],
  ['RECIPIENT_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED', 'transfer: a used key to an unknown recipient', async () => {
    const key = uniq('t');
    ok(await transferWith({ idempotencyKey: key }));
    return transferWith({ idempotencyKey: key, toUserId: 'usr_999999999999' });
  }],
  ['SELF_TRANSFER', 'IDEMPOTENCY_KEY_REUSED', 'transfer: a used key to oneself', async () => {
    const key = uniq('t');
    ok(await transferWith({ idempotencyKey: key }));
    return transferWith({ idempotencyKey: key, toUserId: `usr_${alice.userId}` });
  }],
  ['BAD_USER_INPUT', 'CURRENCY_NOT_SUPPORTED', 'withdrawal: blank destination, JPY', () =>
    as.request(RequestWithdrawal, { input: { currency: 'JPY', amount: '10', destination: ' ', idempotencyKey: uniq('w') } })],
  ['BAD_USER_INPUT', 'NOT_FOUND', 'retry withdrawal: blank key, unknown withdrawal', () =>
    as.request(RetryWithdrawal, { input: { id: 'wd_999999999999', idempotencyKey: ' ' } } as never)],
  ['BAD_USER_INPUT', 'CURRENCY_NOT_SUPPORTED', 'payout: a "run:" key, JPY', () => payoutWith({ idempotencyKey: uniq('run:x'), currency: 'JPY' })],
  ['BAD_USER_INPUT', 'NOT_FOUND', 'cancel payout: blank key, unknown payout', () =>
    as.request(PayoutCancel, { input: { id: 'po_999999999999', idempotencyKey: ' ' } })],
  ['PAYOUT_BELOW_MINIMUM', 'IDEMPOTENCY_KEY_REUSED', 'payout: a used key, below the minimum', async () => {
    const key = uniq('po');
    ok(await payoutWith({ idempotencyKey: key }));
    return payoutWith({ idempotencyKey: key, amount: '5' });
  }],
  ['PAYOUT_BELOW_MINIMUM', 'IDEMPOTENCY_KEY_REUSED', 'payout run: a used run key, threshold below the minimum', async () => {
    const runKey = uniq('run');
    // A threshold no wallet reaches: the run pays nobody.
    ok(await gw.request(PayoutStartRun, { input: { runKey, currency: 'USD', threshold: '9000000000000000000' } }));
    return gw.request(PayoutStartRun, { input: { runKey, currency: 'USD', threshold: '5' } });
  }],
];

const ledgerMoneyCodes = ['INVALID_AMOUNT', 'AMOUNT_NOT_POSITIVE', 'AMOUNT_OUT_OF_RANGE', 'INVALID_CURRENCY'];
const rank = (code: string) => {
  const money = ledgerMoneyCodes.indexOf(code);
  return money >= 0 ? 0.5 + money / 10 : walletErrorCodes.indexOf(code as never);
};

describe('wallet and payout error precedence: an input breaking two rules gets the earlier code', () => {
  precedenceTests(rows, rank);
});
