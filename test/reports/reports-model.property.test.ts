import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { OpenAccount, PostEntry, expectLedgerVerified } from '../testkit/ledger-fixtures.js';
import { privateDatabase, type PrivateDatabase } from '../testkit/private-database.js';
import { RpBalanceSheet, RpIncomeStatement, RpTrialBalance } from './reports-fixtures.js';

// The financial statements against a model: random ledgers of a few accounts in a hierarchy, with
// entries backdated over 90 days, pending entries committed or voided, and reversals; then the
// trial balance, balance sheet and income statement at random instants (entries' own instants
// among them, so the bounds are tested exactly). The model sums the posted postings the API
// returned, by the README's rules. A private database, one currency a run: the balance sheet and
// income statement cover a whole currency, which other files' accounts would change.
let gw: TestGateway;
let db: PrivateDatabase;
beforeAll(async () => {
  db = await privateDatabase('reports_model');
  // Checkpoints every 3 changes, so backdated entries fall before, between and after them.
  gw = await startTestGateway({ DATABASE_URL: db.url, LEDGER_CHECKPOINT_SPAN: '3' });
});
afterAll(async () => {
  try { if (gw) await expectLedgerVerified(gw); } finally { await gw?.close(); await db?.drop(); }
});

const RpCommit = graphql(`mutation RpCommit($input: CommitPendingEntryInput!) { commitPendingEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }`);
const RpVoid = graphql(`mutation RpVoid($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id } }`);
const RpReverse = graphql(`mutation RpReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }`);

type Type = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE';
const types: Type[] = ['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'];
const debitNormal = (type: Type) => type === 'ASSET' || type === 'EXPENSE';
const currencies = ['CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'AUD', 'CAD', 'NZD', 'SGD', 'HKD', 'MXN', 'BRL', 'ZAR', 'INR', 'ILS', 'TRY', 'THB', 'MYR', 'PHP', 'IDR', 'RON', 'ISK'];
const day = 86_400_000;

interface ModelAccount { id: string; code: string; type: Type; parentId: string | null }
interface ModelPosting { account: string; debit: boolean; amount: bigint; at: number }

const accountArb = fc.record({ type: fc.constantFrom(...types), parent: fc.option(fc.nat(), { nil: null }) });
const amountArb = fc.oneof(fc.bigInt(1n, 100_000n), fc.bigInt(1n, 9_000_000_000_000_000n));
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('post' as const), legs: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }), amounts: fc.array(amountArb, { minLength: 2, maxLength: 2 }), ageDays: fc.option(fc.double({ min: 0, max: 90, noNaN: true }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('pending' as const), legs: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), amounts: fc.array(amountArb, { minLength: 1, maxLength: 1 }), then: fc.constantFrom('commit' as const, 'void' as const, 'leave' as const) }),
  fc.record({ kind: fc.constant('reverse' as const), target: fc.nat(), ageDays: fc.option(fc.double({ min: 0, max: 90, noNaN: true }), { nil: undefined }) }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

async function openAccounts(currency: string, prefix: string, shapes: { type: Type; parent: number | null }[]): Promise<ModelAccount[]> {
  const accounts: ModelAccount[] = [];
  for (const [i, shape] of shapes.entries()) {
    const parent = shape.parent === null || i === 0 ? null : shape.parent % i;
    const code = `${prefix}:${i}`;
    const made = await gw.request(OpenAccount, { input: { code, name: `Account ${i}`, type: shape.type, currency, negativeBalance: 'ALLOW', parentId: parent === null ? undefined : accounts[parent].id } });
    expect(made.errors, JSON.stringify(made.errors)).toBeUndefined();
    accounts.push({ id: made.data!.openAccount.id, code, type: shape.type, parentId: parent === null ? null : accounts[parent].id });
  }
  return accounts;
}

const postingsOf = (entry: { effectiveAt: string; postings: { direction: string; amount: { amount: string }; account: { id: string } | null }[] }): ModelPosting[] =>
  entry.postings.map((p) => ({ account: p.account!.id, debit: p.direction === 'DEBIT', amount: BigInt(p.amount.amount), at: new Date(entry.effectiveAt).getTime() }));

/** Runs the operations through the API; returns every POSTED posting as the API answered it. */
async function build(currency: string, accounts: ModelAccount[], ops: Op[]): Promise<ModelPosting[]> {
  const posted: ModelPosting[] = [];
  const reversible: { id: string; effectiveAt: number }[] = [];
  const now = Date.now();
  for (const op of ops) {
    if (op.kind === 'reverse') {
      if (!reversible.length) continue;
      const [target] = reversible.splice(op.target % reversible.length, 1);
      const effectiveAt = op.ageDays === undefined ? undefined : new Date(Math.max(target.effectiveAt, now - op.ageDays * day)).toISOString();
      const answer = await gw.request(RpReverse, { input: { idempotencyKey: uniq('rev'), entryId: target.id, effectiveAt } });
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      posted.push(...postingsOf(answer.data!.reverseEntry));
      continue;
    }
    const legs = [...new Set(op.legs.map((leg) => leg % accounts.length))];
    if (legs.length < 2) continue;
    const [a, b = a] = op.amounts;
    const postings = legs.length === 2
      ? [{ accountId: accounts[legs[0]].id, direction: 'DEBIT', amount: String(a) }, { accountId: accounts[legs[1]].id, direction: 'CREDIT', amount: String(a) }]
      : [{ accountId: accounts[legs[0]].id, direction: 'DEBIT', amount: String(a + b) }, { accountId: accounts[legs[1]].id, direction: 'CREDIT', amount: String(a) }, { accountId: accounts[legs[2]].id, direction: 'CREDIT', amount: String(b) }];
    const pending = op.kind === 'pending';
    const effectiveAt = op.kind === 'post' && op.ageDays !== undefined ? new Date(now - op.ageDays * day).toISOString() : undefined;
    const key = uniq('ent');
    const answer = await gw.request(PostEntry, { input: { idempotencyKey: key, pending, effectiveAt, postings: postings.map((p) => ({ ...p, currency })) } as never });
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    const entry = answer.data!.postEntry;
    if (!pending) {
      posted.push(...postingsOf(entry));
      reversible.push({ id: entry.id, effectiveAt: new Date(entry.effectiveAt).getTime() });
    } else if (op.then === 'commit') {
      const commit = await gw.request(RpCommit, { input: { idempotencyKey: uniq('commit'), entryId: entry.id } });
      expect(commit.errors, JSON.stringify(commit.errors)).toBeUndefined();
      posted.push(...postingsOf(commit.data!.commitPendingEntry));
    } else if (op.then === 'void') {
      expect((await gw.request(RpVoid, { input: { idempotencyKey: uniq('void'), entryId: entry.id } })).errors).toBeUndefined();
    }
  }
  return posted;
}

const money = (amount: bigint) => ({ amount: String(amount) });

/** Debits and credits of each account over the postings `counted` keeps. */
function sums(accounts: ModelAccount[], posted: ModelPosting[], counted: (at: number) => boolean) {
  return accounts.map((account) => {
    const mine = posted.filter((p) => p.account === account.id && counted(p.at));
    const total = (debit: boolean) => mine.filter((p) => p.debit === debit).reduce((sum, p) => sum + p.amount, 0n);
    return { account, debits: total(true), credits: total(false) };
  });
}

/** A section as the README describes it: depth first in code order, parents rolling up children of their type. */
function section(type: Type, accounts: ModelAccount[], own: Map<string, bigint>) {
  const inSection = accounts.map((account, index) => ({ account, index })).filter(({ account }) => account.type === type);
  const indexOf = new Map(accounts.map((account, index) => [account.id, index]));
  const parentOf = (index: number) => { const p = accounts[index].parentId; return p !== null && accounts[indexOf.get(p)!].type === type ? indexOf.get(p)! : null; };
  const total = (index: number): bigint => own.get(accounts[index].id)! + inSection.filter(({ index: child }) => parentOf(child) === index).reduce((sum, { index: child }) => sum + total(child), 0n);
  const lines: unknown[] = [];
  const visit = (index: number, depth: number) => {
    lines.push({ accountId: accounts[index].id, parentId: depth === 0 ? null : accounts[parentOf(index)!].id, depth, amount: money(total(index)), ownAmount: money(own.get(accounts[index].id)!) });
    inSection.filter(({ index: child }) => parentOf(child) === index).sort((x, y) => (x.account.code < y.account.code ? -1 : 1)).forEach(({ index: child }) => visit(child, depth + 1));
  };
  const roots = inSection.filter(({ index }) => parentOf(index) === null).sort((x, y) => (x.account.code < y.account.code ? -1 : 1));
  roots.forEach(({ index }) => visit(index, 0));
  return { type, total: money(roots.reduce((sum, { index }) => sum + total(index), 0n)), linesTruncated: false, lines };
}

const normal = (type: Type, debits: bigint, credits: bigint) => (debitNormal(type) ? debits - credits : credits - debits);

/** A currency's accounts and postings over every run that used it (a shrinking fast-check runs more than there are currencies). */
interface World { accounts: ModelAccount[]; posted: ModelPosting[] }

async function checkReports(currency: string, prefix: string, run: World, world: World, at: number, periodFrom: number) {
  const through = sums(run.accounts, run.posted, (t) => t <= at);
  const byCode = [...through].sort((x, y) => (x.account.code < y.account.code ? -1 : 1));
  const totalDebits = through.reduce((s, r) => s + r.debits, 0n);
  const totalCredits = through.reduce((s, r) => s + r.credits, 0n);
  const nets = through.map((r) => r.debits - r.credits);
  const iso = new Date(at).toISOString();
  for (const activeOnly of [false, true]) {
    const trial = (await gw.request(RpTrialBalance, { currency, at: iso, activeOnly, codePrefix: `${prefix}:` })).data!.trialBalance;
    expect(trial, `trial balance at ${iso}, activeOnly ${activeOnly}`).toEqual({
      linesTruncated: false, balanced: true, totalDebits: money(totalDebits), totalCredits: money(totalCredits),
      debitBalances: money(nets.filter((n) => n > 0n).reduce((s, n) => s + n, 0n)), creditBalances: money(-nets.filter((n) => n < 0n).reduce((s, n) => s + n, 0n)),
      lines: byCode.filter((r) => !activeOnly || r.debits > 0n || r.credits > 0n).map((r) => ({
        accountId: r.account.id, code: r.account.code, type: r.account.type, debits: money(r.debits), credits: money(r.credits), net: { amount: String(r.debits - r.credits), currency },
      })),
    });
  }
  const { accounts } = world;
  const all = sums(accounts, world.posted, (t) => t <= at);
  const own = new Map(all.map((r) => [r.account.id, normal(r.account.type, r.debits, r.credits)]));
  const sheet = (await gw.request(RpBalanceSheet, { currency, at: iso })).data!.balanceSheet;
  const assets = section('ASSET', accounts, own), liabilities = section('LIABILITY', accounts, own), equity = section('EQUITY', accounts, own);
  const netIncome = BigInt(section('REVENUE', accounts, own).total.amount) - BigInt(section('EXPENSE', accounts, own).total.amount);
  expect(sheet, `balance sheet at ${iso}`).toEqual({
    balanced: true, netIncome: money(netIncome), assets, liabilities, equity,
    totalAssets: assets.total, totalLiabilities: liabilities.total, totalEquity: money(BigInt(equity.total.amount) + netIncome),
  });
  const period = sums(accounts, world.posted, (t) => t >= periodFrom && t < at);
  const moved = new Map(period.map((r) => [r.account.id, normal(r.account.type, r.debits, r.credits)]));
  const revenue = section('REVENUE', accounts, moved), expenses = section('EXPENSE', accounts, moved);
  const income = (await gw.request(RpIncomeStatement, { currency, from: new Date(periodFrom).toISOString(), to: iso })).data!.incomeStatement;
  expect(income, `income statement for [${new Date(periodFrom).toISOString()}, ${iso})`).toEqual({
    netIncome: money(BigInt(revenue.total.amount) - BigInt(expenses.total.amount)), revenue, expenses,
  });
}

let runs = 0;
const worlds = new Map<string, World>();
async function property(shapes: { type: Type; parent: number | null }[], ops: Op[], picks: number[]): Promise<void> {
  const currency = currencies[runs++ % currencies.length];
  const prefix = uniq('rp');
  const accounts = await openAccounts(currency, prefix, shapes);
  const posted = await build(currency, accounts, ops);
  const world = worlds.get(currency) ?? { accounts: [], posted: [] };
  world.accounts.push(...accounts);
  world.posted.push(...posted);
  worlds.set(currency, world);
  const run = { accounts, posted };
  // Instants: each entry's own (bounds are inclusive or exclusive exactly), and around them.
  const instants = [...new Set(posted.map((p) => p.at))].sort((a, b) => a - b);
  const now = Date.now() + 1_000;
  const at = (pick: number) => (instants.length && pick % 3 !== 0 ? instants[pick % instants.length] + (pick % 3 === 2 ? -1 : 0) : now - (pick % 100) * day);
  for (const pick of picks) {
    const when = at(pick);
    await checkReports(currency, prefix, run, world, when, Math.min(when - 1, at(pick * 7 + 1)));
  }
  await checkReports(currency, prefix, run, world, now, now - 100 * day);
}

describe('financial statements against a model', () => {
  it('trial balance, balance sheet and income statement match the model to the cent at any instant', async () => {
    const shapes = fc.array(accountArb, { minLength: 2, maxLength: 8 });
    // Always once: a parent with two children of its type and one of another, amounts past 2^53.
    const tree = [{ type: 'ASSET' as Type, parent: null }, { type: 'ASSET' as Type, parent: 0 }, { type: 'ASSET' as Type, parent: 0 }, { type: 'REVENUE' as Type, parent: 0 }, { type: 'EXPENSE' as Type, parent: null }, { type: 'LIABILITY' as Type, parent: null }];
    const example: Op[] = [
      { kind: 'post', legs: [1, 3], amounts: [9_000_000_000_000_000n, 1n], ageDays: 40 },
      { kind: 'post', legs: [4, 2, 5], amounts: [700n, 300n], ageDays: 10 },
      { kind: 'pending', legs: [2, 3], amounts: [50n], then: 'commit' },
      { kind: 'reverse', target: 0, ageDays: 5 },
      { kind: 'post', legs: [1, 5], amounts: [12n, 1n], ageDays: 60 },
    ];
    await fc.assert(fc.asyncProperty(shapes, fc.array(opArb, { minLength: 1, maxLength: 14 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), property), {
      numRuns: Number(process.env.REPORTS_MODEL_RUNS ?? 6),
      examples: [[tree, example, [1, 2, 3]]],
    });
  }, 240_000);
});
