import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import {
  balanceOf, CommitHold, errorCode, openAccount, PostEntry, ReversePosted, VerifyLedger, VoidHold,
} from '../testkit/ledger-fixtures.js';

/**
 * Random sequences of posts, holds, commits, voids and reversals, sent one by one through the API
 * and mirrored in a pure model of the ledger. Every outcome (accepted, or the refusal's code), every
 * balance and every past balance must agree with the model.
 */

type Dir = 'DEBIT' | 'CREDIT';
type Status = 'POSTED' | 'PENDING' | 'COMMITTED' | 'VOIDED';
type AccountType = 'ASSET' | 'LIABILITY' | 'REVENUE';
interface Leg { acct: number; dir: Dir; amount: bigint }
interface Entry { id: string; status: Status; legs: Leg[]; at: number; reversed: boolean }
/** Posted debits, posted credits, pending debits, pending credits. */
type Totals = [bigint, bigint, bigint, bigint];
interface Acct { id: string; type: AccountType; currency: string; allowNegative: boolean; totals: Totals }
type Outcome = { id?: string; code?: string };

const accountSpecs: { type: AccountType; currency: string; allowNegative: boolean }[] = [
  { type: 'ASSET', currency: 'USD', allowNegative: true }, // 0: USD funding source
  { type: 'LIABILITY', currency: 'USD', allowNegative: false }, // 1: wallet a
  { type: 'LIABILITY', currency: 'USD', allowNegative: false }, // 2: wallet b
  { type: 'REVENUE', currency: 'USD', allowNegative: false }, // 3: fees
  { type: 'ASSET', currency: 'EUR', allowNegative: true }, // 4: EUR funding source
  { type: 'LIABILITY', currency: 'EUR', allowNegative: false }, // 5: EUR wallet
];
/** [debited, credited] pairs within one currency. */
const pairs = [[0, 1], [0, 2], [1, 2], [2, 1], [1, 3], [2, 3], [3, 1], [1, 0], [2, 0], [4, 5], [5, 4]] as const;
/** [debited, credited, credited] */
const splits = [[1, 2, 3], [0, 1, 2], [2, 1, 3], [4, 5, 5]] as const;

const hour = 3_600_000;
const base = Math.floor((Date.now() - 5 * 24 * hour) / hour) * hour;
/** Explicit effective times: slot k of an op, distinct per op; the past instants checked lie between slots. */
const slotTime = (slot: number, op: number) => base + slot * hour + (op + 1) * 1_000;
const asOfInstants = [-1, 2, 5, 9].map((k) => base + k * hour + hour / 2);

const debitNormal = (type: AccountType) => type === 'ASSET';
function balance(acct: Acct): { posted: bigint; pending: bigint; available: bigint } {
  const [pd, pc, qd, qc] = acct.totals;
  const dn = debitNormal(acct.type);
  const posted = dn ? pd - pc : pc - pd;
  return { posted, pending: dn ? qd - qc : qc - qd, available: posted - (dn ? qc : qd) };
}

/** Applies changes to the model all at once, or returns INSUFFICIENT_FUNDS and changes nothing. */
function apply(accts: Acct[], changes: { legs: Leg[]; change: 'post' | 'hold' | 'release' }[]): string | undefined {
  const next = new Map<number, Acct>();
  for (const { legs, change } of changes) {
    for (const leg of legs) {
      const acct = next.get(leg.acct) ?? { ...accts[leg.acct], totals: [...accts[leg.acct].totals] as Totals };
      const field = (change === 'post' ? 0 : 2) + (leg.dir === 'DEBIT' ? 0 : 1);
      acct.totals[field] += change === 'release' ? -leg.amount : leg.amount;
      next.set(leg.acct, acct);
    }
  }
  for (const [index, acct] of next) {
    const before = balance(accts[index]).available;
    const after = balance(acct).available;
    if (!acct.allowNegative && after < 0n && after < before) return 'INSUFFICIENT_FUNDS';
  }
  for (const [index, acct] of next) accts[index] = acct;
  return undefined;
}

const amountArb = fc.integer({ min: 1, max: 400 });
const slotArb = fc.integer({ min: 0, max: 9 });
const opArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('post' as const), pair: fc.nat(pairs.length - 1), amount: amountArb, pending: fc.boolean(), slot: slotArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), split: fc.nat(splits.length - 1), amounts: fc.tuple(amountArb, amountArb), pending: fc.boolean(), slot: slotArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bad' as const), variant: fc.nat(2), amount: amountArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('commit' as const), ref: fc.nat(), partial: fc.option(amountArb, { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('void' as const), ref: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reverse' as const), ref: fc.nat(), slot: fc.option(slotArb, { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => { await gw?.close(); });

function outcome<R>(result: { data?: R | null; errors?: readonly { extensions?: Record<string, unknown> }[] }, id: (data: R) => string): Outcome {
  return result.errors ? { code: errorCode(result) ?? JSON.stringify(result.errors) } : { id: id(result.data!) };
}

/** One run: fresh accounts, the ops through the API and the model, then every check. */
async function run(ops: Op[]): Promise<void> {
  const opened = await Promise.all(accountSpecs.map((spec) => openAccount(gw, { ...spec, label: 'prop' })));
  const accts: Acct[] = accountSpecs.map((spec, i) => ({ ...spec, id: opened[i].id, totals: [0n, 0n, 0n, 0n] }));
  const entries: Entry[] = [];
  const pendings: Entry[] = [];
  let last: { send: () => Promise<Outcome>; id: string } | undefined;

  const postLegs = (legs: Leg[], key: string, pending: boolean, at: number, currency?: string) => async () => outcome(
    await gw.request(PostEntry, { input: {
      idempotencyKey: key, pending, effectiveAt: new Date(at).toISOString(),
      postings: legs.map((l) => ({ accountId: accts[l.acct].id, direction: l.dir, amount: String(l.amount), currency: currency ?? accts[l.acct].currency })),
    } }),
    (data) => { expect(data.postEntry.effectiveAt).toBe(new Date(at).toISOString()); return data.postEntry.id; },
  );

  for (const [index, op] of ops.entries()) {
    let send: () => Promise<Outcome>;
    let expected: string | undefined;
    let onAccepted: (id: string) => void = () => {};
    if (op.kind === 'post' || op.kind === 'split') {
      const legs: Leg[] = op.kind === 'post'
        ? [{ acct: pairs[op.pair][0], dir: 'DEBIT', amount: BigInt(op.amount) }, { acct: pairs[op.pair][1], dir: 'CREDIT', amount: BigInt(op.amount) }]
        : [{ acct: splits[op.split][0], dir: 'DEBIT', amount: BigInt(op.amounts[0] + op.amounts[1]) },
          { acct: splits[op.split][1], dir: 'CREDIT', amount: BigInt(op.amounts[0]) }, { acct: splits[op.split][2], dir: 'CREDIT', amount: BigInt(op.amounts[1]) }];
      const at = slotTime(op.slot, index);
      send = postLegs(legs, uniq('post'), op.pending, at);
      expected = apply(accts, [{ legs, change: op.pending ? 'hold' : 'post' }]);
      onAccepted = (id) => {
        const entry: Entry = { id, status: op.pending ? 'PENDING' : 'POSTED', legs, at, reversed: false };
        entries.push(entry);
        if (op.pending) pendings.push(entry);
      };
    } else if (op.kind === 'bad') {
      // 0: USD against EUR; 1: a EUR posting on a USD account; 2: debits exceed credits. Never accepted.
      const amount = BigInt(op.amount);
      const legs: Leg[] = [{ acct: 0, dir: 'DEBIT', amount: op.variant === 2 ? amount + 1n : amount }, { acct: op.variant === 0 ? 5 : 1, dir: 'CREDIT', amount }];
      send = postLegs(legs, uniq('bad'), false, slotTime(0, index), op.variant === 1 ? 'EUR' : undefined);
      expected = op.variant === 1 ? 'CURRENCY_MISMATCH' : 'UNBALANCED_ENTRY';
    } else if (op.kind === 'commit' || op.kind === 'void') {
      if (pendings.length === 0) continue;
      const target = pendings[op.ref % pendings.length];
      const key = uniq(op.kind);
      if (op.kind === 'void') {
        send = async () => outcome(await gw.request(VoidHold, { input: { idempotencyKey: key, entryId: target.id } }), (d) => d.voidPendingEntry.id);
        expected = target.status !== 'PENDING' ? 'ENTRY_NOT_PENDING' : apply(accts, [{ legs: target.legs, change: 'release' }]);
        onAccepted = () => { target.status = 'VOIDED'; };
      } else {
        const partial = op.partial === undefined ? undefined : BigInt(op.partial);
        send = async () => outcome(await gw.request(CommitHold, { input: { idempotencyKey: key, entryId: target.id, amount: partial?.toString() } }), (d) => d.commitPendingEntry.id);
        const legs = partial === undefined ? target.legs : target.legs.map((l) => ({ ...l, amount: partial }));
        expected = target.status !== 'PENDING' ? 'ENTRY_NOT_PENDING'
          : partial !== undefined && target.legs.length !== 2 ? 'BAD_USER_INPUT'
            : partial !== undefined && partial > target.legs[0].amount ? 'COMMIT_EXCEEDS_PENDING'
              : apply(accts, [{ legs: target.legs, change: 'release' }, { legs, change: 'post' }]);
        onAccepted = (id) => {
          target.status = 'COMMITTED';
          entries.push({ id, status: 'POSTED', legs, at: Infinity, reversed: false }); // effective now: after every instant checked
        };
      }
    } else if (op.kind === 'reverse') {
      if (entries.length === 0) continue;
      const target = entries[op.ref % entries.length];
      const at = op.slot === undefined ? Infinity : slotTime(op.slot, index);
      const key = uniq('reverse');
      const effectiveAt = op.slot === undefined ? undefined : new Date(at).toISOString();
      send = async () => outcome(await gw.request(ReversePosted, { input: { idempotencyKey: key, entryId: target.id, effectiveAt } }), (d) => d.reverseEntry.id);
      const legs = target.legs.map((l): Leg => ({ ...l, dir: l.dir === 'DEBIT' ? 'CREDIT' : 'DEBIT' }));
      expected = target.status !== 'POSTED' ? 'ENTRY_NOT_REVERSIBLE'
        : target.reversed ? 'ENTRY_ALREADY_REVERSED' : apply(accts, [{ legs, change: 'post' }]);
      onAccepted = (id) => {
        target.reversed = true;
        entries.push({ id, status: 'POSTED', legs, at, reversed: false });
      };
    } else {
      // The last accepted request again, same key and input: the first result, and nothing changes.
      if (!last) continue;
      expect(await last.send(), `op ${index}: replay`).toEqual({ id: last.id });
      continue;
    }
    const result = await send();
    expect(result.code, `op ${index}: ${JSON.stringify(op)}`).toBe(expected);
    if (result.id !== undefined) {
      onAccepted(result.id);
      last = { send, id: result.id };
    }
  }

  // (a) every balance equals the model's; FORBID accounts never below zero.
  const balances = await Promise.all(accts.map((a) => balanceOf(gw, a.id)));
  accts.forEach((acct, i) => {
    const model = balance(acct);
    expect(balances[i], `account ${i}`).toEqual({ posted: String(model.posted), pending: String(model.pending), available: String(model.available) });
    if (!acct.allowNegative) expect(model.available).toBeGreaterThanOrEqual(0n);
  });
  // (b) per currency, signed posted and pending balances net to zero.
  for (const currency of ['USD', 'EUR']) {
    const sign = (i: number) => (debitNormal(accts[i].type) ? 1n : -1n);
    const inCurrency = accts.map((_, i) => i).filter((i) => accts[i].currency === currency);
    expect(inCurrency.reduce((sum, i) => sum + sign(i) * BigInt(balances[i].posted), 0n), `${currency} posted`).toBe(0n);
    expect(inCurrency.reduce((sum, i) => sum + sign(i) * BigInt(balances[i].pending), 0n), `${currency} pending`).toBe(0n);
  }
  // (c) past balances equal a replay of the model's posted entries effective by then.
  for (const t of asOfInstants) {
    const replay: Acct[] = accts.map((a) => ({ ...a, totals: [0n, 0n, 0n, 0n] }));
    for (const entry of entries) {
      if (entry.at > t || pendings.includes(entry)) continue;
      for (const leg of entry.legs) replay[leg.acct].totals[leg.dir === 'DEBIT' ? 0 : 1] += leg.amount;
    }
    const past = await Promise.all(accts.map((a) => balanceOf(gw, a.id, new Date(t).toISOString())));
    past.forEach((b, i) => expect(b.posted, `account ${i} as of ${new Date(t).toISOString()}`).toBe(String(balance(replay[i]).posted)));
  }
  // (d) the stored balances agree with the postings.
  const verify = await gw.request(VerifyLedger);
  expect(verify.data!.verifyLedger.mismatches).toEqual([]);
  expect(verify.data!.verifyLedger.ok).toBe(true);
}

describe('ledger invariants', () => {
  it('hold for any sequence of posts, holds, commits, voids and reversals', async () => {
    // Each run starts by funding the three wallets (backdated), then runs 10 to 30 random operations.
    const funding: Op[] = [[0, 0], [1, 1], [9, 0]].map(([pair, slot]) => ({ kind: 'post', pair, amount: 1000, pending: false, slot }));
    const ops = fc.array(opArb, { minLength: 10, maxLength: 25, size: 'max' }).map((rest) => [...funding, ...rest]);
    await fc.assert(fc.asyncProperty(ops, run), { numRuns: 20 });
  }, 180_000);
});
