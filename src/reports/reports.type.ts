import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AccountType, Money } from '../ledger/index.js';
import { toGlobalId } from '../platform/ids.js';
import type { ReportLineRow, SectionRow } from './report-tree.js';
import type { BalanceSheetRow, IncomeStatementRow, TrialBalanceLineRow, TrialBalanceRow } from './report.service.js';

@ObjectType({ description: 'One account of a trial balance: the totals of its postings effective by the report’s time.' })
export class TrialBalanceLine {
  @Field(() => ID, { description: 'The account, e.g. "acc_12".' }) accountId!: string;
  @Field({ description: 'Its code.' }) code!: string;
  @Field({ description: 'Its name.' }) name!: string;
  @Field(() => AccountType, { description: 'Its type.' }) type!: AccountType;
  @Field(() => Money, { description: 'The sum of its debits.' }) debits!: Money;
  @Field(() => Money, { description: 'The sum of its credits.' }) credits!: Money;
  @Field(() => Money, { description: 'debits − credits: positive is a debit balance, negative a credit balance.' }) net!: Money;

  static from(row: TrialBalanceLineRow, currency: string): TrialBalanceLine {
    return Object.assign(new TrialBalanceLine(), {
      accountId: toGlobalId('Account', row.accountId), code: row.code, name: row.name, type: row.type,
      debits: Money.of(row.debits, currency), credits: Money.of(row.credits, currency), net: Money.of(row.debits - row.credits, currency),
    });
  }
}

@ObjectType({ description: 'Every account of one currency with its debit and credit totals at an instant. Debits equal credits, and the debit balances equal the credit balances.' })
export class TrialBalance {
  @Field({ description: 'ISO 4217 currency code: every figure is in it, none converted.' }) currency!: string;
  @Field({ description: 'Postings effective at or before this instant are counted.' }) at!: Date;
  @Field(() => [TrialBalanceLine], { description: 'The accounts in code order, at most REPORTS_LINES_MAX of them (see linesTruncated).' }) lines!: TrialBalanceLine[];
  @Field({ description: 'True when there are more accounts than lines shown; the totals are over all of them.' }) linesTruncated!: boolean;
  @Field(() => Money, { description: 'The sum of every account’s debits.' }) totalDebits!: Money;
  @Field(() => Money, { description: 'The sum of every account’s credits.' }) totalCredits!: Money;
  @Field(() => Money, { description: 'The sum of the nets of accounts with a debit balance.' }) debitBalances!: Money;
  @Field(() => Money, { description: 'The sum of the nets of accounts with a credit balance, as a positive amount.' }) creditBalances!: Money;
  @Field({ description: 'totalDebits = totalCredits (and so debitBalances = creditBalances). Always true of a sound ledger.' }) balanced!: boolean;

  static from(row: TrialBalanceRow, linesMax: number): TrialBalance {
    const money = (amount: bigint) => Money.of(amount, row.currency);
    return Object.assign(new TrialBalance(), {
      currency: row.currency, at: row.at, lines: row.lines.slice(0, linesMax).map((line) => TrialBalanceLine.from(line, row.currency)), linesTruncated: row.lines.length > linesMax,
      totalDebits: money(row.debits), totalCredits: money(row.credits), debitBalances: money(row.debitBalances), creditBalances: money(row.creditBalances),
      balanced: row.debits === row.credits,
    });
  }
}

@ObjectType({ description: 'An account in a section of a balance sheet or income statement, with its children’s figures rolled up into its own.' })
export class ReportLine {
  @Field(() => ID, { description: 'The account, e.g. "acc_12".' }) accountId!: string;
  @Field({ description: 'Its code.' }) code!: string;
  @Field({ description: 'Its name.' }) name!: string;
  @Field(() => ID, { nullable: true, description: 'Its parent when the parent is in the same section; null for a root.' }) parentId!: string | null;
  @Field(() => Int, { description: '0 for a root of the section, 1 for a child of one, and so on: the lines come depth first.' }) depth!: number;
  @Field(() => Money, { description: 'Its own postings and all of its descendants’, on the section’s normal side.' }) amount!: Money;
  @Field(() => Money, { description: 'Its own postings only, on the section’s normal side.' }) ownAmount!: Money;

  static from(row: ReportLineRow, currency: string, parentInSection: boolean): ReportLine {
    return Object.assign(new ReportLine(), {
      accountId: toGlobalId('Account', row.accountId), code: row.code, name: row.name, depth: row.depth,
      parentId: parentInSection && row.parentId ? toGlobalId('Account', row.parentId) : null,
      amount: Money.of(row.total, currency), ownAmount: Money.of(row.own, currency),
    });
  }
}

@ObjectType({ description: 'The accounts of one type in a report, as a hierarchy (parents roll up their children), and their total.' })
export class ReportSection {
  @Field(() => AccountType, { description: 'The type of its accounts.' }) type!: AccountType;
  @Field(() => Money, { description: 'The sum of its roots’ amounts: every account of the section once.' }) total!: Money;
  @Field(() => [ReportLine], { description: 'Depth first, in code order, at most REPORTS_LINES_MAX (see linesTruncated).' }) lines!: ReportLine[];
  @Field({ description: 'True when the section has more accounts than lines shown; the total is over all of them.' }) linesTruncated!: boolean;

  static from(row: SectionRow, currency: string, linesMax: number): ReportSection {
    return Object.assign(new ReportSection(), {
      type: row.type, total: Money.of(row.total, currency), linesTruncated: row.lines.length > linesMax,
      lines: row.lines.slice(0, linesMax).map((line) => ReportLine.from(line, currency, line.depth > 0)),
    });
  }
}

@ObjectType({ description: 'Assets, liabilities and equity at an instant, in one currency. The net income not yet closed is part of equity, so totalAssets = totalLiabilities + totalEquity.' })
export class BalanceSheet {
  @Field({ description: 'ISO 4217 currency code.' }) currency!: string;
  @Field({ description: 'Postings effective at or before this instant are counted.' }) at!: Date;
  @Field(() => ReportSection, { description: 'ASSET accounts.' }) assets!: ReportSection;
  @Field(() => ReportSection, { description: 'LIABILITY accounts.' }) liabilities!: ReportSection;
  @Field(() => ReportSection, { description: 'EQUITY accounts (retained earnings among them once a period is closed).' }) equity!: ReportSection;
  @Field(() => Money, { description: 'Revenue minus expenses not yet closed into retained earnings (the open periods’ net income).' }) netIncome!: Money;
  @Field(() => Money, { description: 'assets.total.' }) totalAssets!: Money;
  @Field(() => Money, { description: 'liabilities.total.' }) totalLiabilities!: Money;
  @Field(() => Money, { description: 'equity.total + netIncome.' }) totalEquity!: Money;
  @Field({ description: 'totalAssets = totalLiabilities + totalEquity. Always true of a sound ledger.' }) balanced!: boolean;

  static from(row: BalanceSheetRow, linesMax: number): BalanceSheet {
    const money = (amount: bigint) => Money.of(amount, row.currency);
    const equity = row.equity.total + row.netIncome;
    return Object.assign(new BalanceSheet(), {
      currency: row.currency, at: row.at, netIncome: money(row.netIncome),
      assets: ReportSection.from(row.assets, row.currency, linesMax), liabilities: ReportSection.from(row.liabilities, row.currency, linesMax), equity: ReportSection.from(row.equity, row.currency, linesMax),
      totalAssets: money(row.assets.total), totalLiabilities: money(row.liabilities.total), totalEquity: money(equity),
      balanced: row.assets.total === row.liabilities.total + equity,
    });
  }
}

@ObjectType({ description: 'Revenue and expenses of a period [from, to) in one currency, and the net income. Closing entries are not counted.' })
export class IncomeStatement {
  @Field({ description: 'ISO 4217 currency code.' }) currency!: string;
  @Field({ description: 'The period’s start: postings effective at or after it count.' }) from!: Date;
  @Field({ description: 'The period’s end: postings effective before it count.' }) to!: Date;
  @Field(() => ReportSection, { description: 'REVENUE accounts: what each earned in the period.' }) revenue!: ReportSection;
  @Field(() => ReportSection, { description: 'EXPENSE accounts: what each cost in the period.' }) expenses!: ReportSection;
  @Field(() => Money, { description: 'revenue.total − expenses.total.' }) netIncome!: Money;

  static from(row: IncomeStatementRow, linesMax: number): IncomeStatement {
    return Object.assign(new IncomeStatement(), {
      currency: row.currency, from: row.from, to: row.to, netIncome: Money.of(row.netIncome, row.currency),
      revenue: ReportSection.from(row.revenue, row.currency, linesMax), expenses: ReportSection.from(row.expenses, row.currency, linesMax),
    });
  }
}
