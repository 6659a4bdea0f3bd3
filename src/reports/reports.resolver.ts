import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { AccountType } from '../ledger/index.js';
import { staffRoles } from '../platform/auth/roles.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { BalanceSheet, IncomeStatement, TrialBalance } from './reports.type.js';

@Resolver()
export class ReportsResolver {
  @Authorized(...staffRoles)
  @Query(() => TrialBalance, { description: 'Every account of a currency with its debit and credit totals at `at` (default: now), exact for any past instant, backdated entries included. Finance and admin only. Errors: BAD_USER_INPUT, INVALID_CURRENCY.' })
  async trialBalance(
    @Arg('currency') currency: string,
    @Arg('at', () => Date, { nullable: true, description: 'Postings effective at or before it count; default now.' }) at: Date | undefined,
    @Arg('activeOnly', { defaultValue: false, description: 'Only accounts with a posting by `at`.' }) activeOnly: boolean,
    @Arg('types', () => [AccountType], { nullable: true, description: 'Only accounts of these types.' }) types: AccountType[] | undefined,
    @Arg('codePrefix', () => String, { nullable: true, description: 'Only accounts whose code starts with it (taken literally).' }) codePrefix: string | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<TrialBalance> {
    const row = await context.reports.reports.trialBalance(context.em, { currency, at: at ?? new Date(), activeOnly, types: types ?? undefined, codePrefix: codePrefix ?? undefined });
    return TrialBalance.from(row, context.reports.linesMax);
  }

  @Authorized(...staffRoles)
  @Query(() => BalanceSheet, { description: 'Assets, liabilities and equity of a currency at `at` (default: now), grouped by the account hierarchy, with the net income not yet closed in equity. Finance and admin only. Errors: INVALID_CURRENCY.' })
  async balanceSheet(
    @Arg('currency') currency: string,
    @Arg('at', () => Date, { nullable: true, description: 'Postings effective at or before it count; default now.' }) at: Date | undefined,
    @Ctx() context: GraphQLContext,
  ): Promise<BalanceSheet> {
    return BalanceSheet.from(await context.reports.reports.balanceSheet(context.em, currency, at ?? new Date()), context.reports.linesMax);
  }

  @Authorized(...staffRoles)
  @Query(() => IncomeStatement, { description: 'Revenue and expenses of a currency for the period [from, to), by account and parent, and the net income; closing entries are not counted. Finance and admin only. Errors: BAD_USER_INPUT (to not after from), INVALID_CURRENCY.' })
  async incomeStatement(
    @Arg('currency') currency: string, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date,
    @Ctx() context: GraphQLContext,
  ): Promise<IncomeStatement> {
    return IncomeStatement.from(await context.reports.reports.incomeStatement(context.em, currency, from, to), context.reports.linesMax);
  }
}
