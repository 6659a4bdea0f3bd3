import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { errorCode, expectLedgerVerified, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { PayoutRequest, payoutReaches } from '../payouts/payout-fixtures.js';
import { balanceOf, Deposit, RequestWithdrawal, Transfer, withdrawalReaches } from './wallet-fixtures.js';

// A model of three users' wallets, checked to the cent against the gateway after any sequence of
// deposits, transfers, withdrawals and payouts (each succeeding or declined by the processor), and
// replays of them. Payouts have no cancellation window here, so the worker takes them at once.
let gw: TestGateway;
gatewayForFile((started) => { gw = started; }, { WITHDRAWAL_FEE_BPS: '100', PAYOUT_CANCEL_WINDOW_SECONDS: '0' });

const feeOf = (amount: number) => Math.ceil(amount / 100);
const userArb = fc.nat(2);
const opArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deposit' as const), user: userArb, amount: fc.integer({ min: 1, max: 5000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('transfer' as const), user: userArb, to: fc.integer({ min: 1, max: 2 }), amount: fc.integer({ min: 1, max: 4000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), user: userArb, amount: fc.integer({ min: 1, max: 3000 }), fails: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payout' as const), user: userArb, amount: fc.integer({ min: 1000, max: 4000 }), fails: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replay' as const) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** A user as the model sees them: what is surely available, and what declined holds will still give back. */
interface ModelUser {
  caller: TestCaller;
  /** Available if none of the declined holds has been returned yet. */
  sure: number;
  /** Holds the processor will decline, not yet seen FAILED: they come back to `sure`. */
  returning: { kind: 'withdrawal' | 'payout'; id: string; amount: number }[];
  /** Holds the processor will pay, not yet seen paid. */
  paying: { kind: 'withdrawal' | 'payout'; id: string }[];
}

type Sent = { send: () => Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[]; data?: unknown }>; idOf: (data: any) => string; user: ModelUser; amount: number };

async function reaches(user: ModelUser, item: { kind: 'withdrawal' | 'payout'; id: string }, paid: boolean): Promise<void> {
  if (item.kind === 'withdrawal') await withdrawalReaches(gw.as(user.caller), item.id, paid ? 'COMPLETED' : 'FAILED', 20_000);
  else await payoutReaches(gw.as(user.caller), item.id, paid ? 'PAID' : 'FAILED');
}

/** Waits until every declined hold of the user is FAILED, so that `sure` is exact again. */
async function settleReturns(user: ModelUser): Promise<void> {
  for (const item of user.returning.splice(0)) {
    await reaches(user, item, false);
    user.sure += item.amount;
  }
}

/**
 * Sends a spend of `amount` from the user. The outcome is certain when `sure` covers it (it must
 * pass) or when not even the declined holds would (it must be INSUFFICIENT_FUNDS); in between, the
 * returns are awaited first, so that the model knows which it is.
 */
async function spend(user: ModelUser, amount: number, sent: Omit<Sent, 'user' | 'amount'>): Promise<string | undefined> {
  if (amount > user.sure && amount <= user.sure + user.returning.reduce((sum, r) => sum + r.amount, 0)) await settleReturns(user);
  const result = await sent.send();
  if (amount > user.sure) {
    expect(errorCode(result), `a spend of ${amount} with ${user.sure} available`).toBe('INSUFFICIENT_FUNDS');
    return undefined;
  }
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  user.sure -= amount;
  return sent.idOf(result.data);
}

async function run(ops: Op[]): Promise<void> {
  const users: ModelUser[] = [];
  for (const label of ['ann', 'ben', 'cat']) users.push({ caller: await gw.user(Role.CUSTOMER, label), sure: 0, returning: [], paying: [] });
  let last: { send: Sent['send']; idOf: Sent['idOf']; id: string } | undefined;

  for (const op of ops) {
    if (op.kind === 'replay') {
      // The same key and input again: the first result, and no money moves.
      if (!last) continue;
      const again = await last.send();
      expect(again.errors, JSON.stringify(again.errors)).toBeUndefined();
      expect(last.idOf(again.data)).toBe(last.id);
      continue;
    }
    const user = users[op.user];
    const client = gw.as(user.caller);
    const key = uniq(op.kind);
    let sent: Omit<Sent, 'user' | 'amount'>;
    let id: string | undefined;
    if (op.kind === 'deposit') {
      const input = { currency: 'USD', amount: String(op.amount), reference: uniq('bank'), idempotencyKey: key };
      sent = { send: () => client.request(Deposit, { input }), idOf: (data) => data.deposit.id };
      const result = await sent.send();
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      user.sure += op.amount;
      id = sent.idOf(result.data);
    } else if (op.kind === 'transfer') {
      const to = users[(op.user + op.to) % 3];
      const input = { toUserId: `usr_${to.caller.userId}`, currency: 'USD', amount: String(op.amount), idempotencyKey: key };
      sent = { send: () => client.request(Transfer, { input }), idOf: (data) => data.transfer.id };
      id = await spend(user, op.amount, sent);
      if (id) to.sure += op.amount;
    } else {
      const destination = op.fails ? 'sim:fail' : 'sim:succeed';
      const input = { currency: 'USD', amount: String(op.amount), destination, idempotencyKey: key };
      const kind = op.kind === 'withdraw' ? 'withdrawal' as const : 'payout' as const;
      sent = kind === 'withdrawal'
        ? { send: () => client.request(RequestWithdrawal, { input }), idOf: (data) => data.requestWithdrawal.id }
        : { send: () => client.request(PayoutRequest, { input }), idOf: (data) => data.requestPayout.id };
      const held = kind === 'withdrawal' ? op.amount + feeOf(op.amount) : op.amount;
      id = await spend(user, held, sent);
      if (id && op.fails) user.returning.push({ kind, id, amount: held });
      else if (id) user.paying.push({ kind, id });
    }
    last = id ? { send: sent.send, idOf: sent.idOf, id } : undefined;
  }

  for (const user of users) {
    await settleReturns(user);
    for (const item of user.paying.splice(0)) await reaches(user, item, true);
    const sure = String(user.sure);
    expect(await balanceOf(gw.as(user.caller)), user.caller.email).toEqual({ posted: sure, pending: '0', available: sure });
  }
  await expectLedgerVerified(gw);
}

describe('wallets against a model', () => {
  it('agree to the cent after any sequence of deposits, transfers, withdrawals, payouts and replays', async () => {
    const ops = fc.array(opArb, { minLength: 10, maxLength: 30, size: 'max' });
    await fc.assert(fc.asyncProperty(ops, run), { numRuns: 12 });
  }, 240_000);
});
