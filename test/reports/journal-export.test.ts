import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { expectLedgerVerified, OpenAccount, PostEntry } from '../testkit/ledger-fixtures.js';
import { privateDatabase, type PrivateDatabase } from '../testkit/private-database.js';
import { graphql } from '../gql/index.js';
import { RpBalanceSheet, RpIncomeStatement, RpTrialBalance } from './reports-fixtures.js';

// The journal export read by the accountants' own tools: Debian's hledger and beancount. A random
// ledger (accounts in a hierarchy with codes a name cannot hold as they are, three currencies of
// different exponents, backdated entries, reversals, holds that never post) is exported whole and
// for a span of days; hledger's balance sheet and income statement and beancount's sums per
// account must equal Folio's own reports, figure for figure. A private database: the reports and
// the export cover the whole ledger.
const run = promisify(execFile);
const tools = ['/usr/bin/hledger', '/usr/bin/bean-query', '/usr/bin/bean-check'];
const missing = tools.filter((tool) => !existsSync(tool));
if (missing.length) {
  console.warn(`journal export oracle test did not run: ${missing.join(', ')} not found (apt-get install hledger beancount)`);
  if (process.env.CI === 'true') test('hledger and beancount are installed (required when CI=true)', () => expect.fail(`${missing.join(', ')} not found: apt-get install hledger beancount`));
}

let gw: TestGateway;
let db: PrivateDatabase;
let dir: string;
beforeAll(async () => {
  db = await privateDatabase('journal_export');
  gw = await startTestGateway({ DATABASE_URL: db.url });
  dir = mkdtempSync(path.join(tmpdir(), 'folio-journal-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  try { if (gw) await expectLedgerVerified(gw); } finally { await gw?.close(); await db?.drop(); }
});

const RpReverse = graphql(`mutation RpJReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id } }`);

const exportUrl = (query: Record<string, string>) => `${gw.url.replace(/\/graphql$/, '')}/exports/journal?${new URLSearchParams(query)}`;
async function download(query: Record<string, string>): Promise<string> {
  const response = await fetch(exportUrl(query), { headers: gw.finance.headers });
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/; end of Folio export: \d+ entries\n$/);
  return text;
}

const exponent: Record<string, number> = { USD: 2, JPY: 0, BHD: 3 };
/** "-12.50 USD" (or "0") as minor units. */
function minor(cell: string | undefined, currency: string): bigint {
  const text = (cell ?? '').replace(currency, '').trim();
  if (text === '' || text === '0') return 0n;
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole + fraction.padEnd(exponent[currency], '0'));
  return text.startsWith('-') ? -value : value;
}
const csvRows = (text: string) => text.trim().split('\n').map((line) => line.split(/","|^"|"$/).filter((cell, i, all) => !(cell === '' && (i === 0 || i === all.length - 1))));

/** The export's names of Folio's accounts, from its declarations (`folio-account:acc_N`). */
function namesOf(text: string, format: 'ledger' | 'beancount'): Map<string, string> {
  const pattern = format === 'ledger' ? /^account (\S+) {2}; type:\w, folio-account:(acc_\d+)$/gm : /^1970-01-01 open (\S+) \w+\n {2}folio-account: "(acc_\d+)"$/gm;
  return new Map([...text.matchAll(pattern)].map((m) => [m[2], m[1]]));
}

type Section = { lines: { accountId: string; ownAmount: { amount: string } }[]; total: { amount: string } };
/** hledger's report as {account name → minor units}, plus its section totals in order and its Net. */
async function hledger(file: string, args: string[], currency: string) {
  const { stdout } = await run('hledger', ['-f', file, ...args, '-O', 'csv', '--flat', `cur:^${currency}$`]);
  const amounts = new Map<string, bigint>();
  const totals: bigint[] = [];
  let net = 0n;
  for (const [name, cell] of csvRows(stdout).slice(2)) {
    if (name === 'total') totals.push(minor(cell, currency));
    else if (name === 'Net:') net = minor(cell, currency);
    else if (cell !== undefined && name.includes(':')) amounts.set(name, minor(cell, currency));
  }
  return { amounts, totals, net };
}
const nonZero = (sections: Section[], names: Map<string, string>) =>
  new Map(sections.flatMap((s) => s.lines).filter((l) => l.ownAmount.amount !== '0').map((l) => [names.get(l.accountId)!, BigInt(l.ownAmount.amount)]));

async function checkWithHledger(text: string, currency: string, from: string | null, to: string) {
  const file = path.join(dir, `${uniq('j')}.journal`);
  writeFileSync(file, text);
  const names = namesOf(text, 'ledger');
  const at = new Date(new Date(`${to}T00:00:00Z`).getTime() - 1).toISOString();
  const sheet = (await gw.request(RpBalanceSheet, { currency, at })).data!.balanceSheet;
  const bse = await hledger(file, ['bse', '-e', to], currency);
  expect(bse.amounts, `hledger bse ${currency} at ${to}`).toEqual(nonZero([sheet.assets, sheet.liabilities, sheet.equity], names));
  expect(bse.totals).toEqual([sheet.assets.total, sheet.liabilities.total, sheet.equity.total].map((t) => BigInt(t.amount)));
  expect(bse.net).toBe(BigInt(sheet.netIncome.amount));
  const start = from ?? '1970-01-01';
  const income = (await gw.request(RpIncomeStatement, { currency, from: `${start}T00:00:00Z`, to: `${to}T00:00:00Z` })).data!.incomeStatement;
  const is = await hledger(file, ['is', '-b', start, '-e', to], currency);
  expect(is.amounts, `hledger is ${currency} for [${start}, ${to})`).toEqual(nonZero([income.revenue, income.expenses], names));
  expect(is.totals).toEqual([BigInt(income.revenue.total.amount), BigInt(income.expenses.total.amount)]);
  expect(is.net).toBe(BigInt(income.netIncome.amount));
}

async function checkWithBeancount(text: string, currency: string, from: string | null, to: string) {
  const file = path.join(dir, `${uniq('b')}.beancount`);
  writeFileSync(file, text);
  await run('bean-check', [file]);
  const names = namesOf(text, 'beancount');
  const query = async (where: string) => {
    const { stdout } = await run('bean-query', ['-f', 'csv', file, `SELECT account, sum(number) AS total WHERE currency = '${currency}' AND ${where} GROUP BY account`]);
    return new Map(stdout.trim().split('\n').slice(1).map((line) => line.split(',').map((cell) => cell.trim())).map(([name, total]) => [name, minor(total, currency)] as const).filter(([, v]) => v !== 0n));
  };
  const at = new Date(new Date(`${to}T00:00:00Z`).getTime() - 1).toISOString();
  const trial = (await gw.request(RpTrialBalance, { currency, at })).data!.trialBalance;
  expect(await query(`date < ${to}`), `beancount balances ${currency} before ${to}`).toEqual(new Map(trial.lines.filter((l) => l.net.amount !== '0').map((l) => [names.get(l.accountId)!, BigInt(l.net.amount)])));
  const start = from ?? '1970-01-01';
  const income = (await gw.request(RpIncomeStatement, { currency, from: `${start}T00:00:00Z`, to: `${to}T00:00:00Z` })).data!.incomeStatement;
  // Raw sums are debit-positive: revenue's normal (credit) amounts come out negated.
  const expected = new Map([
    ...income.revenue.lines.map((l) => [names.get(l.accountId)!, -BigInt(l.ownAmount.amount)] as const),
    ...income.expenses.lines.map((l) => [names.get(l.accountId)!, BigInt(l.ownAmount.amount)] as const),
  ].filter(([, v]) => v !== 0n));
  expect(await query(`date >= ${start} AND date < ${to} AND account ~ '^(Income|Expenses):'`), `beancount income ${currency} for [${start}, ${to})`).toEqual(expected);
}

type Type = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE';
const day = 86_400_000;
const codeArb = fc.constantFrom('bank', 'wallet:user:42:usd', 'fees & charges', 'sales_2026', 'a b:c', 'ÿ-odd', 'x:y:z', '9lives');

async function build(shapes: { type: Type; code: string; parent: number | null; currency: number }[], ops: { legs: number[]; amount: bigint; ageDays: number; kind: 'post' | 'hold' | 'reverse' }[]) {
  const currencies = ['USD', 'JPY', 'BHD'];
  const accounts: { id: string; currency: string }[] = [];
  for (const [i, shape] of shapes.entries()) {
    const currency = currencies[shape.currency];
    const parent = shape.parent === null || i === 0 ? undefined : accounts[shape.parent % i];
    const made = await gw.request(OpenAccount, { input: { code: `${uniq('j')}:${shape.code}`, name: shape.code, type: shape.type, currency, negativeBalance: 'ALLOW', parentId: parent && parent.currency === currency ? parent.id : undefined } });
    expect(made.errors, JSON.stringify(made.errors)).toBeUndefined();
    accounts.push({ id: made.data!.openAccount.id, currency });
  }
  const posted: string[] = [];
  const now = Date.now();
  for (const op of ops) {
    if (op.kind === 'reverse') {
      const target = posted.splice(op.legs[0] % Math.max(posted.length, 1), 1)[0];
      if (target) expect((await gw.request(RpReverse, { input: { idempotencyKey: uniq('r'), entryId: target, effectiveAt: new Date(now - (op.ageDays / 2) * day).toISOString() } })).errors).toBeUndefined();
      continue;
    }
    const [a, b] = op.legs.map((leg) => accounts[leg % accounts.length]);
    if (a === b || a.currency !== b.currency) continue;
    const answer = await gw.request(PostEntry, { input: {
      idempotencyKey: uniq('e'), pending: op.kind === 'hold', effectiveAt: new Date(now - op.ageDays * day).toISOString(), description: 'Sale; "quoted" \\ back',
      metadata: { order: 'A-1, B-2', note: 'multi\nline' },
      postings: [{ accountId: a.id, direction: 'DEBIT', amount: String(op.amount), currency: a.currency }, { accountId: b.id, direction: 'CREDIT', amount: String(op.amount), currency: a.currency }],
    } as never });
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    if (op.kind === 'post') posted.push(answer.data!.postEntry.id);
  }
}

describe.runIf(missing.length === 0)('the journal export, read by hledger and beancount', () => {
  it('gives their balance sheet and income statement every figure of Folio’s own, whole and for a span of days with its opening balances', async () => {
    const shapes = fc.array(fc.record({ type: fc.constantFrom<Type>('ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'), code: codeArb, parent: fc.option(fc.nat(), { nil: null }), currency: fc.nat(2) }), { minLength: 3, maxLength: 10 });
    const ops = fc.array(fc.record({ legs: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), amount: fc.oneof(fc.bigInt(1n, 100_000n), fc.bigInt(1n, 9_000_000_000_000_000n)), ageDays: fc.double({ min: 0, max: 60, noNaN: true }), kind: fc.constantFrom<'post' | 'hold' | 'reverse'>('post', 'post', 'post', 'hold', 'reverse') }), { minLength: 2, maxLength: 20 });
    await fc.assert(fc.asyncProperty(shapes, ops, fc.integer({ min: 1, max: 50 }), async (s, o, spanDays) => {
      await build(s, o);
      const tomorrow = new Date(Date.now() + day).toISOString().slice(0, 10);
      const to = new Date(Date.now() - (spanDays / 5) * day).toISOString().slice(0, 10);
      const from = new Date(Date.now() - spanDays * day).toISOString().slice(0, 10);
      const whole = { ledger: await download({ format: 'ledger' }), beancount: await download({ format: 'beancount' }) };
      const span = { ledger: await download({ format: 'ledger', from, to }), beancount: await download({ format: 'beancount', from, to }) };
      for (const currency of ['USD', 'JPY', 'BHD']) {
        await checkWithHledger(whole.ledger, currency, null, tomorrow);
        await checkWithHledger(whole.ledger, currency, from, to);
        await checkWithHledger(span.ledger, currency, from, to);
        await checkWithBeancount(whole.beancount, currency, null, tomorrow);
        await checkWithBeancount(span.beancount, currency, from, to);
      }
    }), { numRuns: Number(process.env.JOURNAL_EXPORT_RUNS ?? 4) });
  }, 300_000);
});

describe('the journal export’s door', () => {
  it('is for finance and admin: 401 without credentials, 403 for a customer, 400 with a code for a bad format or span', async () => {
    expect((await fetch(exportUrl({}))).status).toBe(401);
    const customer = await gw.user(Role.CUSTOMER);
    const refused = await fetch(exportUrl({}), { headers: customer.headers });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    const bads: Record<string, string>[] = [{ format: 'csv' }, { from: '2026-02-30' }, { to: '12/01/2026' }, { from: '2026-05-02', to: '2026-05-01' }];
    for (const bad of bads) {
      const answer = await fetch(exportUrl(bad), { headers: gw.finance.headers });
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(await answer.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    const admin = await gw.user(Role.ADMIN);
    expect((await fetch(exportUrl({ format: 'beancount' }), { headers: admin.headers })).status).toBe(200);
  });
});
