import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { AccountType, parseCurrency, postedTotalsAt, type PostedTotalsFilter, type PostedTotalsRow } from '../ledger/index.js';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import { ReportsError } from './reports.errors.js';
import { onNormalSide, sectionOf, type SectionRow } from './report-tree.js';

export interface TrialBalanceLineRow {
  accountId: string; code: string; name: string; type: AccountType;
  debits: bigint; credits: bigint;
}

export interface TrialBalanceRow {
  currency: string; at: Date;
  lines: TrialBalanceLineRow[];
  /** Over every account, shown or not. */
  debits: bigint; credits: bigint;
  /** Sums of the debit (credit) balances: accounts whose net is on the debit (credit) side. */
  debitBalances: bigint; creditBalances: bigint;
}

export interface BalanceSheetRow {
  currency: string; at: Date;
  assets: SectionRow; liabilities: SectionRow; equity: SectionRow;
  /** Revenue minus expenses not yet closed into retained earnings: part of equity. */
  netIncome: bigint;
}

export interface IncomeStatementRow {
  currency: string; from: Date; to: Date;
  revenue: SectionRow; expenses: SectionRow;
  netIncome: bigint;
}

export interface TrialBalanceAsk {
  currency: string;
  at: Date;
  /** Only accounts with a posting by `at`. */
  activeOnly?: boolean;
  types?: readonly AccountType[];
  codePrefix?: string;
}

const db = (em: EntityManager) => em.getKysely() as Kysely<any>;

/**
 * The financial statements, read from the ledger's postings in SQL (postedTotalsAt: a balance
 * checkpoint and a bounded range scan per account), exact at any past instant, backdated entries
 * included. Figures are per currency, never converted.
 */
export class ReportService {
  /** A trial balance at `at` (postings effective at or before it): every account's debits and credits. */
  async trialBalance(em: EntityManager, ask: TrialBalanceAsk): Promise<TrialBalanceRow> {
    const currency = parseCurrency(ask.currency, 'currency');
    const filter: PostedTotalsFilter = { currency, types: ask.types?.length ? ask.types : undefined, codePrefix: codePrefixOf(ask.codePrefix) };
    const rows = await postedTotalsAt(db(em), filter, ask.at, 'through');
    const lines = rows.map(trialLine).filter((line) => !ask.activeOnly || line.debits > 0n || line.credits > 0n);
    const sum = (pick: (line: TrialBalanceLineRow) => bigint) => lines.reduce((total, line) => total + pick(line), 0n);
    const net = (line: TrialBalanceLineRow) => line.debits - line.credits;
    return {
      currency, at: ask.at, lines, debits: sum((line) => line.debits), credits: sum((line) => line.credits),
      debitBalances: sum((line) => (net(line) > 0n ? net(line) : 0n)), creditBalances: sum((line) => (net(line) < 0n ? -net(line) : 0n)),
    };
  }

  /** A balance sheet at `at`: assets, liabilities and equity, with the net income not yet closed in equity. */
  async balanceSheet(em: EntityManager, currency: string, at: Date): Promise<BalanceSheetRow> {
    const code = parseCurrency(currency, 'currency');
    const rows = await postedTotalsAt(db(em), { currency: code }, at, 'through');
    const income = sectionOf(AccountType.REVENUE, rows).total - sectionOf(AccountType.EXPENSE, rows).total;
    return {
      currency: code, at,
      assets: sectionOf(AccountType.ASSET, rows), liabilities: sectionOf(AccountType.LIABILITY, rows), equity: sectionOf(AccountType.EQUITY, rows),
      netIncome: income,
    };
  }

  /** An income statement for [from, to): each revenue and expense account's movement in the period, and the net income. */
  async incomeStatement(em: EntityManager, currency: string, from: Date, to: Date): Promise<IncomeStatementRow> {
    if (to.getTime() <= from.getTime()) throw ReportsError.badInput('to is after from', 'to');
    const filter = { currency: parseCurrency(currency, 'currency'), types: [AccountType.REVENUE, AccountType.EXPENSE] };
    const [atEnd, atStart, closing] = await Promise.all([
      postedTotalsAt(db(em), filter, to, 'before'), postedTotalsAt(db(em), filter, from, 'before'), closingPostings(em, filter.currency, from, to),
    ]);
    const movements = movementsBetween(atStart, atEnd, closing);
    const revenue = sectionOf(AccountType.REVENUE, movements);
    const expenses = sectionOf(AccountType.EXPENSE, movements);
    return { currency: filter.currency, from, to, revenue, expenses, netIncome: revenue.total - expenses.total };
  }
}

function trialLine(row: PostedTotalsRow): TrialBalanceLineRow {
  return { accountId: row.id, code: row.code, name: row.name, type: row.type as AccountType, debits: BigInt(row.debits), credits: BigInt(row.credits) };
}

/** Debits and credits by account of the closing entries (and their reopenings' reversals) effective in [from, to). */
async function closingPostings(em: EntityManager, currency: string, from: Date, to: Date): Promise<Map<string, { debits: string; credits: string }>> {
  const { rows } = await sql<{ id: string; debits: string; credits: string }>`
    select p.account_id::text as id, coalesce(sum(p.amount) filter (where p.direction = 'DEBIT'), 0)::text as debits,
      coalesce(sum(p.amount) filter (where p.direction = 'CREDIT'), 0)::text as credits
    from reports_closing_entry c join ledger_posting p on p.entry_id = c.entry_id
    where c.currency = ${currency} and p.effective_at >= ${from.toISOString()}::timestamptz and p.effective_at < ${to.toISOString()}::timestamptz
    group by p.account_id`.execute(db(em));
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Each account's postings between two sets of totals of the same accounts (in code order), on its
 * normal side, less the closing entries' postings among them: a closed period's revenue is what
 * it earned, not zero.
 */
function movementsBetween(start: readonly PostedTotalsRow[], end: readonly PostedTotalsRow[], closing: ReadonlyMap<string, { debits: string; credits: string }>): (PostedTotalsRow & { own: bigint })[] {
  const before = new Map(start.map((row) => [row.id, row]));
  return end.map((row) => {
    const earlier = before.get(row.id);
    const closed = closing.get(row.id);
    const debits = BigInt(row.debits) - BigInt(earlier?.debits ?? 0) - BigInt(closed?.debits ?? 0);
    const credits = BigInt(row.credits) - BigInt(earlier?.credits ?? 0) - BigInt(closed?.credits ?? 0);
    return { ...row, own: onNormalSide(row.type as AccountType, debits, credits) };
  });
}

function codePrefixOf(prefix: string | undefined): string | undefined {
  if (prefix === undefined || prefix === '') return undefined;
  return checkText(prefix, { max: limits.accountCodeLengthMax, field: 'codePrefix', allowEmpty: false });
}
