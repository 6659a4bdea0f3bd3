import fc from 'fast-check';
import pg from 'pg';
import { captureStatements } from '../testkit/statement-count.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf as balanceFromTotals } from '../../src/ledger/posting-rules.js';
import type { AccountType as LedgerAccountType } from '../../src/ledger/ledger.enums.js';
import { graphql } from '../gql/index.js';
import { scanTotals } from '../testkit/balance-scan.js';
import { createDatabase } from '../testkit/databases.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { balanceOf, commitPending, OpenAccount, PostEntry, reverseEntry, transfer, voidPending } from '../testkit/ledger-fixtures.js';

/**
 * balance(asOf:) reads a balance checkpoint and the postings after it (issue 11). These tests hold
 * it to the definition it replaced, a sum over every posting: posted counts the postings effective
 * at or before the instant, pending the holds recorded by then and not resolved by then. The
 * gateway runs on a database of its own (verifyLedger is ledger-wide, and one test corrupts rows
 * on purpose) with a checkpoint every 2 changes (LEDGER_CHECKPOINT_SPAN=4), so that a short
 * history has many checkpoints and backdated entries move them.
 */

const span = 4;

const PastBalances = graphql(`
  query PastBalances($prefix: String!, $asOf: DateTimeISO) {
    accounts(filter: { codePrefix: $prefix }, first: 100) {
      edges { node { id balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } } }
    }
  }
`);

const PostBatch = graphql(`
  mutation PostBatch($input: PostEntriesInput!) {
    postEntries(input: $input) { index error { code } entry { id status } }
  }
`);

const VerifyCheckpoints = graphql(`
  query VerifyCheckpoints {
    verifyLedger {
      ok mismatches { accountId } unbalancedEntryIds holdTimeMismatchPostingIds
      checkpointMismatches {
        accountId at postingId storedPostedDebits computedPostedDebits storedPostedCredits computedPostedCredits
        storedPendingDebits computedPendingDebits storedPendingCredits computedPendingCredits storedChanges computedChanges
      }
    }
  }
`);

let gw: TestGateway;
let db: pg.Client;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const fresh = await createDatabase('checkpoints');
  dropDatabase = fresh.drop;
  gw = await startTestGateway({ DATABASE_URL: fresh.url, LEDGER_CHECKPOINT_SPAN: String(span) });
  db = new pg.Client({ connectionString: fresh.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await gw?.close();
  await dropDatabase?.();
});

type AccountType = 'ASSET' | 'LIABILITY' | 'REVENUE';
type Balances = Map<string, { posted: string; pending: string; available: string }>;
interface Opened { id: string; rowId: string; type: AccountType }

/** The definition (scanTotals), on the API's side of the normal balance. */
async function scannedBalances(accounts: readonly Opened[], at: Date): Promise<Balances> {
  const totals = await scanTotals(db, accounts.map((a) => a.rowId), at);
  return new Map(accounts.map((account) => {
    const row = totals.get(account.rowId)!;
    const balance = balanceFromTotals({ type: account.type as LedgerAccountType, postedDebits: BigInt(row.pd), postedCredits: BigInt(row.pc), pendingDebits: BigInt(row.qd), pendingCredits: BigInt(row.qc) });
    return [account.id, { posted: String(balance.posted), pending: String(balance.pending), available: String(balance.available) }];
  }));
}

async function apiBalances(prefix: string, at: Date): Promise<Balances> {
  const result = await gw.request(PastBalances, { prefix, asOf: at.toISOString() });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return new Map(result.data!.accounts.edges.map(({ node }) => [node.id, {
    posted: node.balance.posted.amount, pending: node.balance.pending.amount, available: node.balance.available.amount,
  }]));
}

/**
 * Every instant at which a balance of the accounts changes (effective, recorded and resolved
 * times), to the millisecond below and above (the API's times are milliseconds, the database's
 * microseconds), and one instant before and after all of them.
 */
async function changeInstants(accounts: readonly Opened[]): Promise<Date[]> {
  const { rows } = await db.query<{ ms: string }>(`
    select distinct floor(extract(epoch from x) * 1000)::bigint::text as ms from (
      select p.effective_at as x from ledger_posting p where p.account_id = any($1::bigint[])
      union all select e.recorded_at from ledger_posting p join ledger_entry e on e.id = p.entry_id where p.account_id = any($1::bigint[])
      union all select e.resolved_at from ledger_posting p join ledger_entry e on e.id = p.entry_id where p.account_id = any($1::bigint[]) and e.resolved_at is not null
    ) t`, [accounts.map((a) => a.rowId)]);
  const ms = rows.map((row) => Number(row.ms));
  // A history whose every operation was refused (a debit the account may not take, a commit with
  // no hold) changed nothing: no instant to look at (Math.min of none is Infinity, an invalid Date).
  if (ms.length === 0) return [];
  const instants = new Set(ms.flatMap((t) => [t, t + 1]));
  instants.add(Math.min(...ms) - 3_600_000);
  instants.add(Math.max(...ms) + 3_600_000);
  return [...instants].sort((a, b) => a - b).map((t) => new Date(t));
}

async function openAccounts(prefix: string, specs: readonly { type: AccountType; allowNegative: boolean }[]): Promise<Opened[]> {
  return Promise.all(specs.map(async (spec, i) => {
    const result = await gw.request(OpenAccount, { input: {
      code: `${prefix}-${i}`, name: `Account ${i}`, type: spec.type, currency: 'USD', negativeBalance: spec.allowNegative ? 'ALLOW' : 'FORBID',
    } });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const { id } = result.data!.openAccount;
    return { id, rowId: id.replace(/^acc_/, ''), type: spec.type };
  }));
}

const checkpointsOf = async (accounts: readonly Opened[]) => Number((await db.query<{ n: string }>(
  'select count(*)::text as n from ledger_balance_checkpoint where account_id = any($1::bigint[])', [accounts.map((a) => a.rowId)])).rows[0].n);

async function expectVerified(): Promise<void> {
  const verified = await gw.request(VerifyCheckpoints);
  expect(verified.errors, JSON.stringify(verified.errors)).toBeUndefined();
  expect(verified.data!.verifyLedger).toMatchObject({ ok: true, mismatches: [], unbalancedEntryIds: [], checkpointMismatches: [], holdTimeMismatchPostingIds: [] });
}

const hour = 3_600_000;
const specs = [
  { type: 'ASSET', allowNegative: true }, { type: 'LIABILITY', allowNegative: true },
  { type: 'LIABILITY', allowNegative: false }, { type: 'REVENUE', allowNegative: true },
] as const satisfies readonly { type: AccountType; allowNegative: boolean }[];
const pairs = specs.flatMap((_, a) => specs.map((__, b) => [a, b] as const)).filter(([a, b]) => a !== b);

const slotArb = fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined });
const legArb = fc.record({ pair: fc.nat(pairs.length - 1), amount: fc.integer({ min: 1, max: 500 }), pending: fc.boolean(), slot: slotArb });
const opArb = fc.oneof(
  { weight: 4, arbitrary: legArb.map((leg) => ({ kind: 'post' as const, leg })) },
  { weight: 2, arbitrary: fc.array(legArb, { minLength: 2, maxLength: 5 }).map((legs) => ({ kind: 'batch' as const, legs })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('commit' as const), ref: fc.nat(), partial: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('void' as const), ref: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), ref: fc.nat(), slot: slotArb }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;
type Leg = typeof legArb extends fc.Arbitrary<infer T> ? T : never;

/** Sends a random history through the API: holds, commits, voids, reversals, posts now and backdated, batches whose postings share an instant. */
async function play(ops: readonly Op[], accounts: readonly Opened[]): Promise<void> {
  const base = Math.floor((Date.now() - 5 * 24 * hour) / hour) * hour;
  const at = (slot: number | undefined, op: number) => (slot === undefined ? undefined : new Date(base + slot * hour + op * 1_000).toISOString());
  const input = (leg: Leg, op: number) => {
    const [from, to] = pairs[leg.pair];
    return {
      idempotencyKey: uniq('cp'), pending: leg.pending, effectiveAt: at(leg.slot, op),
      postings: [
        { accountId: accounts[from].id, direction: 'DEBIT' as const, amount: String(leg.amount), currency: 'USD' },
        { accountId: accounts[to].id, direction: 'CREDIT' as const, amount: String(leg.amount), currency: 'USD' },
      ],
    };
  };
  const holds: string[] = [];
  const posted: string[] = [];
  const created = (id: string | undefined, pending: boolean) => { if (id) (pending ? holds : posted).push(id); };
  for (const [index, op] of ops.entries()) {
    if (op.kind === 'post') {
      const result = await gw.request(PostEntry, { input: input(op.leg, index) });
      created(result.data?.postEntry.id, op.leg.pending);
    } else if (op.kind === 'batch') {
      const result = await gw.request(PostBatch, { input: { entries: op.legs.map((leg) => input(leg, index)) } });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      result.data!.postEntries.forEach((row) => created(row.entry?.id, op.legs[row.index].pending));
    } else if (op.kind === 'commit' && holds.length) {
      const result = await commitPending(gw, holds[op.ref % holds.length], op.partial === undefined ? undefined : String(op.partial));
      created(result.data?.commitPendingEntry.id, false);
    } else if (op.kind === 'void' && holds.length) {
      await voidPending(gw, holds[op.ref % holds.length]);
    } else if (op.kind === 'reverse' && posted.length) {
      const result = await reverseEntry(gw, posted[op.ref % posted.length], at(op.slot, index));
      created(result.data?.reverseEntry.id, false);
    }
  }
}

describe('balance(asOf:) from checkpoints', () => {
  let checkpointsSeen = 0;

  it('equals the sum of the postings at every instant a balance changes, for random histories', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 8, maxLength: 25 }), async (ops) => {
      const prefix = uniq('cp-prop');
      const accounts = await openAccounts(prefix, specs);
      await play(ops, accounts);
      for (const instant of await changeInstants(accounts)) {
        expect(await apiBalances(prefix, instant), `as of ${instant.toISOString()}`).toEqual(await scannedBalances(accounts, instant));
      }
      const current = await Promise.all(accounts.map((a) => balanceOf(gw, a.id)));
      const farFuture = await scannedBalances(accounts, new Date(Date.now() + 24 * hour));
      accounts.forEach((a, i) => expect(current[i]).toEqual(farFuture.get(a.id)));
      checkpointsSeen += await checkpointsOf(accounts);
      // This run's accounts only, so that a failure's shrunk counterexample is the history that broke them.
      const report = await verifyReport();
      const ids = new Set(accounts.map((a) => a.id));
      expect(report.checkpointMismatches.filter((m) => ids.has(m.accountId))).toEqual([]);
      expect(report.mismatches.filter((m) => ids.has(m.accountId))).toEqual([]);
    }), { numRuns: 12 });
    await expectVerified();
    // The histories are long enough for the span: the reads went through checkpoints, not only the postings.
    expect(checkpointsSeen).toBeGreaterThan(12);
  }, 240_000);

  it('counts an expired hold as pending until the sweeper expires it', async () => {
    const prefix = uniq('cp-exp');
    const accounts = await openAccounts(prefix, [{ type: 'ASSET', allowNegative: true }, { type: 'LIABILITY', allowNegative: false }]);
    for (let i = 0; i < 3; i += 1) await transfer(gw, accounts[0].id, accounts[1].id, '100');
    const hold = await transfer(gw, accounts[1].id, accounts[0].id, '40', 'USD', { pending: true, expiresAt: new Date(Date.now() + 1_200).toISOString() });
    expect(hold.errors).toBeUndefined();
    for (let i = 0; i < 3; i += 1) await transfer(gw, accounts[0].id, accounts[1].id, '1');
    await expect.poll(async () => (await balanceOf(gw, accounts[1].id)).pending, { timeout: 10_000, interval: 200 }).toBe('0');
    const { rows } = await db.query<{ n: string }>(`select count(*)::text as n from ledger_posting where released_at is not null and account_id = $1`, [accounts[1].rowId]);
    expect(rows[0].n).toBe('1');
    for (const instant of await changeInstants(accounts)) {
      expect(await apiBalances(prefix, instant), `as of ${instant.toISOString()}`).toEqual(await scannedBalances(accounts, instant));
    }
    expect(await checkpointsOf(accounts)).toBeGreaterThan(0);
    await expectVerified();
  });
});

/** A plan node of EXPLAIN (FORMAT JSON), with the fields read here. */
interface PlanNode {
  'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string;
  'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number; Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];
/** Index entries (or table rows) a node read: the rows it returned and those its filter threw away. */
const rowsRead = (node: PlanNode) => (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'];

async function explain(text: string, values: unknown[]): Promise<PlanNode[]> {
  const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) ${text}`, values);
  return nodesOf(rows[0]['QUERY PLAN'][0].Plan);
}

describe('an account with a long history', () => {
  let accounts: Opened[];
  let prefix: string;
  const entries = 120;
  const past = Date.now() - 10 * 24 * hour;

  beforeAll(async () => {
    prefix = uniq('cp-long');
    accounts = await openAccounts(prefix, [{ type: 'ASSET', allowNegative: true }, { type: 'LIABILITY', allowNegative: false }]);
    // Entries effective over ten days, sent in a shuffled order (most of them backdated behind later ones), and a few holds.
    const order = Array.from({ length: entries }, (_, i) => i).sort((a, b) => ((a * 37) % entries) - ((b * 37) % entries));
    for (let b = 0; b < order.length; b += 40) {
      const batch = order.slice(b, b + 40).map((i) => ({
        idempotencyKey: uniq('long'), effectiveAt: new Date(past + i * 2 * hour).toISOString(),
        postings: [
          { accountId: accounts[0].id, direction: 'DEBIT' as const, amount: String(10 + i), currency: 'USD' },
          { accountId: accounts[1].id, direction: 'CREDIT' as const, amount: String(10 + i), currency: 'USD' },
        ],
      }));
      expect((await gw.request(PostBatch, { input: { entries: batch } })).data!.postEntries.every((row) => !row.error)).toBe(true);
    }
    for (let i = 0; i < 4; i += 1) {
      const hold = await transfer(gw, accounts[1].id, accounts[0].id, String(5 + i), 'USD', { pending: true });
      if (i % 2 === 0) await voidPending(gw, hold.data!.postEntry.id);
    }
  });

  it('reads one checkpoint and at most the span of postings, where summing them all reads every one', async () => {
    const asOf = new Date(past + entries * hour + 1_800_000); // the middle of the history
    const statements = await captureStatements(() => balanceOf(gw, accounts[1].id, asOf.toISOString()), (text) => text.includes('ledger_balance_checkpoint'));
    expect(statements).toHaveLength(1);
    // This database is tiny, and on a tiny table a sequential scan is the planner's right choice. Plans
    // are read with 100,000 postings of another account beside these, as in a ledger in use, in a
    // transaction rolled back afterwards.
    await db.query('begin');
    try {
      const { rows: [filler] } = await db.query<{ id: string }>(`insert into ledger_entry (idempotency_key, status, effective_at)
        values ($1, 'POSTED', now()) returning id::text`, [uniq('filler')]);
      await db.query(`insert into ledger_posting (entry_id, account_id, direction, amount, currency, pending, effective_at)
        select $1, $2, 'DEBIT', 1, 'USD', false, now() - g * interval '1 second' from generate_series(1, 100000) g`, [filler.id, accounts[0].rowId]);
      await db.query('analyze ledger_posting, ledger_balance_checkpoint');
      const plan = await explain(statements[0].text, statements[0].values);
      const postingScans = plan.filter((node) => node['Relation Name'] === 'ledger_posting');
      const checkpointScans = plan.filter((node) => node['Relation Name'] === 'ledger_balance_checkpoint');
      expect(postingScans.map((node) => node['Index Name']).sort()).toEqual(['ledger_posting_account_held_idx', 'ledger_posting_account_released_idx', 'ledger_posting_account_time_idx']);
      expect(postingScans.every((node) => /^Index (Only )?Scan$/.test(node['Node Type']))).toBe(true);
      expect(checkpointScans.map((node) => [node['Node Type'].replace('Index Only Scan', 'Index Scan'), node['Index Name'], node['Actual Rows']]))
        .toEqual([['Index Scan', 'ledger_balance_checkpoint_pkey', 1]]);
      expect(postingScans.reduce((n, node) => n + rowsRead(node), 0)).toBeLessThanOrEqual(span);
      // The definition it replaced, on the same account and instant, reads about half of its postings.
      const scan = await explain(`select sum(p.amount) from ledger_posting p join ledger_entry e on e.id = p.entry_id
        where p.account_id = $1 and (p.pending or p.effective_at <= $2)`, [accounts[1].rowId, asOf.toISOString()]);
      expect(scan.filter((node) => node['Relation Name'] === 'ledger_posting').reduce((n, node) => n + rowsRead(node), 0)).toBeGreaterThan(entries / 2);
    } finally {
      await db.query('rollback');
    }
    expect(await balanceOf(gw, accounts[1].id, asOf.toISOString())).toEqual((await scannedBalances(accounts, asOf)).get(accounts[1].id));
  });

  it('is caught by verifyLedger, and read wrong, when a checkpoint is corrupted; right again once restored', async () => {
    await expectVerified();
    const account = accounts[1];
    // A checkpoint in the middle, and an instant whose balance(asOf:) starts from it.
    const { rows: [cp] } = await db.query<{ at: string; posting_id: string; ms: string }>(`
      select at::text, posting_id::text, ceil(extract(epoch from at) * 1000)::bigint::text as ms from ledger_balance_checkpoint
      where account_id = $1 and at > '-infinity' order by at, posting_id offset 20 limit 1`, [account.rowId]);
    const { rows: [used] } = await db.query<{ at: string; posting_id: string }>(`
      select at::text, posting_id::text from ledger_balance_checkpoint where account_id = $1 and at <= $2
      order by at desc, posting_id desc limit 1`, [account.rowId, new Date(Number(cp.ms)).toISOString()]);
    const instant = new Date(Number(cp.ms)).toISOString();
    const key = [account.rowId, used.at, used.posting_id];
    const expected = (await scannedBalances(accounts, new Date(instant))).get(account.id)!;
    expect(await balanceOf(gw, account.id, instant)).toEqual(expected);

    const corrupt = async (set: string, check: (report: Awaited<ReturnType<typeof verifyReport>>) => void | Promise<void>) => {
      await db.query(`update ledger_balance_checkpoint set ${set} where account_id = $1 and at = $2::timestamptz and posting_id = $3`, key);
      try {
        await check(await verifyReport());
      } finally {
        await db.query(`update ledger_balance_checkpoint set ${set.replace('+', '-')} where account_id = $1 and at = $2::timestamptz and posting_id = $3`, key);
      }
    };
    await corrupt('posted_credits = posted_credits + 7', async (report) => {
      expect(report.ok).toBe(false);
      const [mismatch] = report.checkpointMismatches;
      expect(report.checkpointMismatches).toHaveLength(1);
      expect(mismatch).toMatchObject({ accountId: account.id, storedChanges: mismatch.computedChanges });
      expect(BigInt(mismatch.storedPostedCredits) - BigInt(mismatch.computedPostedCredits)).toBe(7n);
      // The read starts from that checkpoint, so it is wrong by as much.
      expect((await balanceOf(gw, account.id, instant)).posted).toBe(String(BigInt(expected.posted) + 7n));
    });
    await corrupt('changes = changes + 1', (report) => {
      expect(report.ok).toBe(false);
      expect(report.checkpointMismatches).toHaveLength(1);
      expect(report.checkpointMismatches[0].storedChanges).toBe(report.checkpointMismatches[0].computedChanges + 1);
    });
    await corrupt('pending_debits = pending_debits + 3', (report) => {
      expect(report.checkpointMismatches.map((m) => BigInt(m.storedPendingDebits) - BigInt(m.computedPendingDebits))).toEqual([3n]);
    });
    // The counter of the latest range lives on the account.
    await db.query('update ledger_account set changes_since_checkpoint = changes_since_checkpoint + 1 where id = $1', [account.rowId]);
    try {
      const report = await verifyReport();
      expect(report.checkpointMismatches).toHaveLength(1);
      expect(report.checkpointMismatches[0]).toMatchObject({ accountId: account.id });
    } finally {
      await db.query('update ledger_account set changes_since_checkpoint = changes_since_checkpoint - 1 where id = $1', [account.rowId]);
    }
    // A hold's copied time.
    const { rows: [hold] } = await db.query<{ id: string }>('select id::text from ledger_posting where account_id = $1 and held_at is not null limit 1', [account.rowId]);
    await db.query(`update ledger_posting set held_at = held_at + interval '1 second' where id = $1`, [hold.id]);
    try {
      expect((await verifyReport()).holdTimeMismatchPostingIds).toEqual([`pst_${hold.id}`]);
    } finally {
      await db.query(`update ledger_posting set held_at = held_at - interval '1 second' where id = $1`, [hold.id]);
    }
    await expectVerified();
    expect(await balanceOf(gw, account.id, instant)).toEqual(expected);
  });
});

describe('verifyLedger', () => {
  // It named a mismatched account by its row id ("14"), though the field says global id ("acc_14").
  it('names an account whose stored totals differ by its global id', async () => {
    const [account] = await openAccounts(uniq('cp-ids'), [{ type: 'LIABILITY', allowNegative: true }]);
    await db.query('update ledger_account set posted_credits = posted_credits + 5 where id = $1', [account.rowId]);
    try {
      const report = await verifyReport();
      expect(report.ok).toBe(false);
      expect(report.mismatches).toEqual([{ accountId: account.id }]);
    } finally {
      await db.query('update ledger_account set posted_credits = posted_credits - 5 where id = $1', [account.rowId]);
    }
    await expectVerified();
  });
});

async function verifyReport() {
  const verified = await gw.request(VerifyCheckpoints);
  expect(verified.errors, JSON.stringify(verified.errors)).toBeUndefined();
  return verified.data!.verifyLedger;
}
