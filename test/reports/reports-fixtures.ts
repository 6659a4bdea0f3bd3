// The reports' queries as a finance client sends them.
import { graphql } from '../gql/index.js';

export const RpTrialBalance = graphql(`
  query RpTrialBalance($currency: String!, $at: DateTimeISO, $activeOnly: Boolean, $codePrefix: String, $types: [AccountType!]) {
    trialBalance(currency: $currency, at: $at, activeOnly: $activeOnly, codePrefix: $codePrefix, types: $types) {
      linesTruncated balanced totalDebits { amount } totalCredits { amount } debitBalances { amount } creditBalances { amount }
      lines { accountId code type debits { amount } credits { amount } net { amount currency } }
    }
  }
`);
graphql(`
  fragment RpSection on ReportSection { type total { amount } linesTruncated lines { accountId parentId depth amount { amount } ownAmount { amount } } }
`);
export const RpBalanceSheet = graphql(`
  query RpBalanceSheet($currency: String!, $at: DateTimeISO) {
    balanceSheet(currency: $currency, at: $at) {
      balanced netIncome { amount } totalAssets { amount } totalLiabilities { amount } totalEquity { amount }
      assets { ...RpSection } liabilities { ...RpSection } equity { ...RpSection }
    }
  }
`);
export const RpIncomeStatement = graphql(`
  query RpIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {
    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...RpSection } expenses { ...RpSection } }
  }
`);

export const RpClosePeriod = graphql(`
  mutation RpClosePeriod($input: ClosePeriodInput!) {
    closePeriod(input: $input) { replayed close { id period status closedBy startsAt endsAt reopenedAt reopenReason closingEntries { entryId currency kind } } }
  }
`);
export const RpReopenPeriod = graphql(`
  mutation RpReopenPeriod($input: ReopenPeriodInput!) {
    reopenPeriod(input: $input) { replayed close { id period status reopenedBy reopenReason closingEntries { entryId currency kind } } }
  }
`);
export const RpPeriods = graphql(`
  query RpPeriods($last: Int) { accountingPeriods(last: $last) { closedThrough periodKind periods { name status startsAt endsAt closes { id status } } } }
`);
