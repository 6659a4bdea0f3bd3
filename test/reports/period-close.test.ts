import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { expectLedgerVerified, OpenAccount, PostEntry } from '../testkit/ledger-fixtures.js';
import { privateDatabase, type PrivateDatabase } from '../testkit/private-database.js';
import { invoiceFor, payerOf, school } from '../billing/billing-fixtures.js';
import { RpBalanceSheet, RpClosePeriod, RpIncomeStatement, RpPeriods, RpReopenPeriod, RpTrialBalance } from './reports-fixtures.js';

// Closing a period moves the whole ledger's bound, so this file has a database of its own. The
// periods are months of 2026, all ended by the time this runs (today is in December 2026 or later).
let gw: TestGateway;
let db: PrivateDatabase;
beforeAll(async () => {
  db = await privateDatabase('period_close');
  gw = await startTestGateway({ DATABASE_URL: db.url });
});
afterAll(async () => {
  try { if (gw) await expectLedgerVerified(gw); } finally { await gw?.close(); await db?.drop(); }
});

const RpEntry = graphql(`query RpEntry($id: ID!) { entry(id: $id) { id effectiveAt postings { direction amount { amount currency } account { id code } } } }`);
const RpReverseEntry = graphql(`mutation RpReverseEntry($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt } }`);

type Type = 'ASSET' | 'REVENUE' | 'EXPENSE' | 'LIABILITY';
async function account(type: Type, currency = 'USD', label = type.toLowerCase()) {
  const made = await gw.request(OpenAccount, { input: { code: uniq(label), name: label, type, currency, negativeBalance: 'ALLOW' } });
  if (made.errors) throw new Error(JSON.stringify(made.errors));
  return made.data!.openAccount;
}
function post(debit: string, credit: string, amount: string, effectiveAt: string, currency = 'USD') {
  return gw.request(PostEntry, { input: { idempotencyKey: uniq('e'), effectiveAt, postings: [{ accountId: debit, direction: 'DEBIT', amount, currency }, { accountId: credit, direction: 'CREDIT', amount, currency }] } as never });
}
const close = (period: string, idempotencyKey = uniq('close')) => gw.request(RpClosePeriod, { input: { period, idempotencyKey } });
const codeOf = (answer: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => answer.errors?.[0]?.extensions?.code;

describe('closing a period', () => {
  it('moves revenue and expenses into retained earnings, keeps the reports exact, and refuses anything backdated into it, in every module', async () => {
    const bank = await account('ASSET'), sales = await account('REVENUE'), costs = await account('EXPENSE');
    const eurBank = await account('ASSET', 'EUR'), eurSales = await account('REVENUE', 'EUR');
    const sale = (await post(bank.id, sales.id, '10000', '2026-06-15T10:00:00Z')).data!.postEntry;
    expect((await post(costs.id, bank.id, '3000', '2026-06-20T10:00:00Z')).errors).toBeUndefined();
    expect((await post(eurBank.id, eurSales.id, '500', '2026-06-30T23:59:59.999Z', 'EUR')).errors).toBeUndefined();
    expect((await post(bank.id, sales.id, '700', '2026-07-02T00:00:00Z')).errors).toBeUndefined();

    const key = uniq('close');
    const closed = await close('2026-06', key);
    expect(closed.errors, JSON.stringify(closed.errors)).toBeUndefined();
    const done = closed.data!.closePeriod;
    expect(done).toMatchObject({ replayed: false, close: { period: '2026-06', status: 'CLOSED', startsAt: '2026-06-01T00:00:00.000Z', endsAt: '2026-07-01T00:00:00.000Z' } });
    expect(done.close.closedBy).toMatch(/^user:\d+$/);
    expect(done.close.closingEntries.map((e) => [e.currency, e.kind])).toEqual([['EUR', 'CLOSE'], ['USD', 'CLOSE']]);
    const usd = (await gw.request(RpEntry, { id: done.close.closingEntries[1].entryId })).data!.entry!;
    expect(usd.effectiveAt).toBe('2026-06-30T23:59:59.999Z');
    expect(usd.postings.map((p) => [p.account!.id === sales.id ? 'sales' : p.account!.id === costs.id ? 'costs' : p.account!.code, p.direction, p.amount.amount]).sort()).toEqual([
      ['costs', 'CREDIT', '3000'], ['equity:retained-earnings:usd', 'CREDIT', '7000'], ['sales', 'DEBIT', '10000'],
    ]);

    // A replay returns the first close; the key for another period is refused.
    expect((await close('2026-06', key)).data!.closePeriod).toMatchObject({ replayed: true, close: { id: done.close.id } });
    expect(codeOf(await close('2026-07', key))).toBe('IDEMPOTENCY_KEY_REUSED');

    // The income statement of June is what June earned; July's balance sheet has June's profit in retained earnings.
    const june = (await gw.request(RpIncomeStatement, { currency: 'USD', from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' })).data!.incomeStatement;
    expect(june).toMatchObject({ netIncome: { amount: '7000' }, revenue: { total: { amount: '10000' } }, expenses: { total: { amount: '3000' } } });
    const sheet = (await gw.request(RpBalanceSheet, { currency: 'USD', at: '2026-07-05T00:00:00Z' })).data!.balanceSheet;
    expect(sheet).toMatchObject({ balanced: true, totalAssets: { amount: '7700' }, netIncome: { amount: '700' }, totalEquity: { amount: '7700' }, equity: { total: { amount: '7000' } } });
    const trial = (await gw.request(RpTrialBalance, { currency: 'USD', at: '2026-07-01T00:00:00Z', activeOnly: true })).data!.trialBalance;
    expect(trial.balanced).toBe(true);
    expect(trial.lines.find((line) => line.accountId === sales.id)).toMatchObject({ debits: { amount: '10000' }, credits: { amount: '10000' }, net: { amount: '0' } });

    // Nothing takes effect in June any more: an entry, a reversal backdated there, a module's operation.
    const late = await post(bank.id, sales.id, '1', '2026-06-30T12:00:00Z');
    expect(late.errors?.[0]).toMatchObject({ extensions: { code: 'PERIOD_CLOSED', closedThrough: '2026-07-01T00:00:00.000Z', effectiveAt: '2026-06-30T12:00:00.000Z' } });
    expect(codeOf(await gw.request(RpReverseEntry, { input: { idempotencyKey: uniq('r'), entryId: sale.id, effectiveAt: '2026-06-16T00:00:00Z' } }))).toBe('PERIOD_CLOSED');
    const s = await school(gw);
    const payer = await payerOf(s);
    expect(codeOf((await invoiceFor(s, payer.id, [1000], 30, { issuedAt: '2026-06-10T00:00:00Z' })).answer)).toBe('PERIOD_CLOSED');
    // On the bound itself is the next period: allowed. So is a reversal effective now.
    expect((await post(bank.id, sales.id, '1', '2026-07-01T00:00:00Z')).errors).toBeUndefined();
    expect((await gw.request(RpReverseEntry, { input: { idempotencyKey: uniq('r'), entryId: sale.id } })).errors).toBeUndefined();

    // Periods close in order, only once ended, once each.
    expect(codeOf(await close('2026-06'))).toBe('PERIOD_ALREADY_CLOSED');
    expect(codeOf(await close('2026-05'))).toBe('PERIOD_ALREADY_CLOSED');
    expect(codeOf(await close('2026-08'))).toBe('PERIOD_OUT_OF_ORDER');
    expect(codeOf(await close('2099-01'))).toBe('PERIOD_NOT_ENDED');
    expect(codeOf(await close('2026-13'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await close('june'))).toBe('BAD_USER_INPUT');

    const periods = (await gw.request(RpPeriods, { last: 120 })).data!.accountingPeriods;
    expect(periods.closedThrough).toBe('2026-07-01T00:00:00.000Z');
    expect(periods.periods.find((p) => p.name === '2026-06')).toMatchObject({ status: 'CLOSED', closes: [{ id: done.close.id, status: 'CLOSED' }] });
    expect(periods.periods.find((p) => p.name === '2026-07')).toMatchObject({ status: 'OPEN', closes: [] });
  });

  it('reopens the last closed period (admin, with a reason): closing entries reversed, backdating allowed again, and closes again', async () => {
    const admin = gw.as(await gw.user(Role.ADMIN));
    expect((await close('2026-07')).errors).toBeUndefined();
    expect(codeOf(await admin.request(RpReopenPeriod, { input: { period: '2026-06', reason: 'late invoice', idempotencyKey: uniq('re') } }))).toBe('PERIOD_OUT_OF_ORDER');
    expect(codeOf(await admin.request(RpReopenPeriod, { input: { period: '2026-08', reason: 'x', idempotencyKey: uniq('re') } }))).toBe('PERIOD_NOT_CLOSED');
    expect(codeOf(await admin.request(RpReopenPeriod, { input: { period: '2026-07', reason: '  ', idempotencyKey: uniq('re') } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gw.request(RpReopenPeriod, { input: { period: '2026-07', reason: 'finance may not', idempotencyKey: uniq('re') } }))).toBe('FORBIDDEN');

    const key = uniq('re');
    const reopened = await admin.request(RpReopenPeriod, { input: { period: '2026-07', reason: 'a July invoice came late', idempotencyKey: key } });
    expect(reopened.errors, JSON.stringify(reopened.errors)).toBeUndefined();
    expect(reopened.data!.reopenPeriod).toMatchObject({ replayed: false, close: { period: '2026-07', status: 'REOPENED', reopenReason: 'a July invoice came late' } });
    const kinds = reopened.data!.reopenPeriod.close.closingEntries.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'REOPEN').length).toBe(kinds.filter((k) => k === 'CLOSE').length);
    expect((await admin.request(RpReopenPeriod, { input: { period: '2026-07', reason: 'a July invoice came late', idempotencyKey: key } })).data!.reopenPeriod.replayed).toBe(true);

    // July is open again, June still closed.
    const bank = await account('ASSET'), sales = await account('REVENUE');
    expect((await post(bank.id, sales.id, '250', '2026-07-20T00:00:00Z')).errors).toBeUndefined();
    expect(codeOf(await post(bank.id, sales.id, '250', '2026-06-20T00:00:00Z'))).toBe('PERIOD_CLOSED');
    const july = (await gw.request(RpIncomeStatement, { currency: 'USD', from: '2026-07-01T00:00:00Z', to: '2026-08-01T00:00:00Z' })).data!.incomeStatement;
    expect(july.revenue.total.amount).toBe(String(700 + 1 + 250));

    const again = await close('2026-07');
    expect(again.errors, JSON.stringify(again.errors)).toBeUndefined();
    const periods = (await gw.request(RpPeriods, { last: 120 })).data!.accountingPeriods;
    expect(periods.periods.find((p) => p.name === '2026-07')!.closes.map((c) => c.status)).toEqual(['CLOSED', 'REOPENED']);
    const sheet = (await gw.request(RpBalanceSheet, { currency: 'USD', at: '2026-08-01T00:00:00Z' })).data!.balanceSheet;
    expect(sheet).toMatchObject({ balanced: true, netIncome: { amount: '0' } });
  });
});

describe('the backdating race', () => {
  it('regression: an entry backdated into a period while it closes is either in the closing entry or refused, never posted into the closed period', async () => {
    const bank = await account('ASSET'), sales = await account('REVENUE', 'USD', 'race-sales');
    for (const [period, day] of [['2026-08', '2026-08-31T12:00:00.000Z'], ['2026-09', '2026-09-30T12:00:00.000Z'], ['2026-10', '2026-10-31T12:00:00.000Z']] as const) {
      const posts = Array.from({ length: 40 }, (_, i) => new Promise((resolve) => setTimeout(resolve, i * 3)).then(() => post(bank.id, sales.id, String(i + 1), day)));
      const closing = new Promise((resolve) => setTimeout(resolve, 45)).then(() => close(period));
      const [answers, closed] = await Promise.all([Promise.all(posts), closing]);
      expect(closed.errors, JSON.stringify(closed.errors)).toBeUndefined();
      expect(answers.every((a) => !a.errors || codeOf(a) === 'PERIOD_CLOSED'), JSON.stringify(answers.find((a) => a.errors && codeOf(a) !== 'PERIOD_CLOSED'))).toBe(true);
      const accepted = answers.filter((a) => !a.errors).reduce((sum, a) => sum + BigInt(a.data!.postEntry.postings[0].amount.amount), 0n);
      // What the close moved out of the account is exactly what was accepted into it that month.
      const entries = await Promise.all(closed.data!.closePeriod.close.closingEntries.map((e) => gw.request(RpEntry, { id: e.entryId })));
      const moved = entries.flatMap((e) => e.data!.entry!.postings).filter((p) => p.account!.id === sales.id).reduce((sum, p) => sum + BigInt(p.amount.amount), 0n);
      expect(moved, `${period}: accepted ${accepted}`).toBe(accepted);
      const trial = (await gw.request(RpTrialBalance, { currency: 'USD', codePrefix: 'race-sales', at: `${day.slice(0, 10)}T23:59:59.999Z` })).data!.trialBalance;
      expect(trial.lines.find((line) => line.accountId === sales.id)!.net.amount).toBe('0');
    }
  });
});
