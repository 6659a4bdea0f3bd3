/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AppEventSequence { eventSequence }": typeof types.AppEventSequenceDocument,
    "query AppBalanceSeries($code: String!, $t0: DateTimeISO!, $t1: DateTimeISO!, $t2: DateTimeISO!, $t3: DateTimeISO!, $t4: DateTimeISO!, $t5: DateTimeISO!, $t6: DateTimeISO!, $t7: DateTimeISO!, $t8: DateTimeISO!, $t9: DateTimeISO!, $t10: DateTimeISO!, $t11: DateTimeISO!, $t12: DateTimeISO!, $t13: DateTimeISO!) { accountByCode(code: $code) { id code name currency b0: balance(asOf: $t0) { posted { amount } } b1: balance(asOf: $t1) { posted { amount } } b2: balance(asOf: $t2) { posted { amount } } b3: balance(asOf: $t3) { posted { amount } } b4: balance(asOf: $t4) { posted { amount } } b5: balance(asOf: $t5) { posted { amount } } b6: balance(asOf: $t6) { posted { amount } } b7: balance(asOf: $t7) { posted { amount } } b8: balance(asOf: $t8) { posted { amount } } b9: balance(asOf: $t9) { posted { amount } } b10: balance(asOf: $t10) { posted { amount } } b11: balance(asOf: $t11) { posted { amount } } b12: balance(asOf: $t12) { posted { amount } } b13: balance(asOf: $t13) { posted { amount } } } }": typeof types.AppBalanceSeriesDocument,
    "\n  query AppAccounts($after: String, $filter: AccountFilterInput) {\n    accounts(first: 20, after: $after, filter: $filter) {\n      edges { node { id code name type currency status balance { posted { amount } available { amount } } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": typeof types.AppAccountsDocument,
    "\n  query AppAccountEntries($accountId: ID!, $after: String) {\n    entries(first: 20, after: $after, filter: { accountId: $accountId }) {\n      edges { node { id description status effectiveAt postings { direction amount { amount currency } account { id code } } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": typeof types.AppAccountEntriesDocument,
    "query AppWallets { wallets { id currency balance { posted { amount } available { amount } } } }": typeof types.AppWalletsDocument,
    "\n  subscription AppWalletChanges($after: String) {\n    walletBalanceChanged(after: $after) { sequence wallet { id currency } balance { posted { amount } available { amount } } }\n  }\n": typeof types.AppWalletChangesDocument,
    "\n  mutation AppTransfer($input: TransferInput!) { transfer(input: $input) { id amount { amount currency } counterparty { __typename } } }\n": typeof types.AppTransferDocument,
    "query AppVerifyLedger { verifyLedger { ok accountsChecked mismatches { accountId } unbalancedEntryIds currencyNets { amount currency } } }": typeof types.AppVerifyLedgerDocument,
    "\n  query AppOperations {\n    holds: entries(first: 100, filter: { status: PENDING }) { edges { node { id } } pageInfo { hasNextPage } }\n    inFlight: withdrawals(first: 100, filter: { statuses: [PENDING, PROCESSING] }) { edges { node { id } } pageInfo { hasNextPage } }\n    failed: withdrawals(first: 100, filter: { statuses: [FAILED] }) { edges { node { id } } pageInfo { hasNextPage } }\n  }\n": typeof types.AppOperationsDocument,
    "\n  subscription AppEntryFeed($after: String) {\n    entryPosted(after: $after) { sequence type entry { id description effectiveAt postings { direction amount { amount currency } account { code } } } }\n  }\n": typeof types.AppEntryFeedDocument,
    "\n  query AppCashback {\n    cashbackSummary { currency pending { amount } available { amount } paidOut { amount } owed { amount } }\n    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } merchant { name } } } }\n  }\n": typeof types.AppCashbackDocument,
    "\n  query AppInvoicesToPay { invoices(first: 20) { edges { node { id number status currency dueAt overdue total { amount } remaining { amount } } } } }\n": typeof types.AppInvoicesToPayDocument,
    "mutation AppPayInvoice($input: PayInvoiceInput!) { payInvoice(input: $input) { invoice { id status remaining { amount } } } }": typeof types.AppPayInvoiceDocument,
    "\n  query AppMerchantView {\n    merchants(first: 10) { edges { node { id name cashbackGranted { amount currency }\n      settlementBalances { processorId currency immature { amount } available { amount } held { amount } inPayout { amount } paid { amount } } } } }\n    offers(first: 20) { edges { node { id name status currency budget { amount } budgetLeft { amount } } } }\n    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } } } }\n  }\n": typeof types.AppMerchantViewDocument,
    "\n  query AppHistory($after: String, $kinds: [WalletTransactionKind!]) {\n    wallets { id currency transactions(first: 20, after: $after, filter: { kinds: $kinds }) {\n      edges { node { id kind status direction description memo createdAt amount { amount currency } } }\n      pageInfo { endCursor hasNextPage }\n    } }\n  }\n": typeof types.AppHistoryDocument,
    "subscription AppHistoryTouches($after: String) { walletBalanceChanged(after: $after) { sequence } }": typeof types.AppHistoryTouchesDocument,
    "mutation AppDeposit($input: DepositInput!) { deposit(input: $input) { id amount { amount currency } } }": typeof types.AppDepositDocument,
    "\n  mutation AppWithdraw($input: RequestWithdrawalInput!) { requestWithdrawal(input: $input) { id status amount { amount currency } fee { amount } } }\n": typeof types.AppWithdrawDocument,
    "\n  query AppWithdrawals { withdrawals(first: 10) { edges { node { id status destination createdAt failureReason amount { amount currency } } } } }\n": typeof types.AppWithdrawalsDocument,
    "\n  subscription AppWithdrawalUpdates($after: String) { withdrawalUpdated(after: $after) { sequence status withdrawal { id destination createdAt failureReason amount { amount currency } } } }\n": typeof types.AppWithdrawalUpdatesDocument,
    "\n  query AppTrialBalance($currency: String!, $at: DateTimeISO) {\n    trialBalance(currency: $currency, at: $at, activeOnly: true) {\n      balanced linesTruncated totalDebits { amount } totalCredits { amount }\n      lines { accountId code type debits { amount } credits { amount } net { amount } }\n    }\n  }\n": typeof types.AppTrialBalanceDocument,
    "\n  query AppBalanceSheet($currency: String!, $at: DateTimeISO) {\n    balanceSheet(currency: $currency, at: $at) {\n      balanced totalAssets { amount } totalLiabilities { amount } totalEquity { amount } netIncome { amount }\n      assets { ...AppSection } liabilities { ...AppSection } equity { ...AppSection }\n    }\n  }\n  fragment AppSection on ReportSection { type total { amount } linesTruncated lines { accountId code name depth amount { amount } } }\n": typeof types.AppBalanceSheetDocument,
    "\n  query AppIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...AppSection } expenses { ...AppSection } }\n  }\n": typeof types.AppIncomeStatementDocument,
    "query AppPeriods { accountingPeriods(last: 6) { closedThrough periods { name status startsAt endsAt closes { id status closedBy closedAt reopenReason } } } }": typeof types.AppPeriodsDocument,
    "mutation AppClosePeriod($input: ClosePeriodInput!) { closePeriod(input: $input) { replayed close { id period status } } }": typeof types.AppClosePeriodDocument,
    "mutation AppReopenPeriod($input: ReopenPeriodInput!) { reopenPeriod(input: $input) { close { id period status } } }": typeof types.AppReopenPeriodDocument,
};
const documents: Documents = {
    "query AppEventSequence { eventSequence }": types.AppEventSequenceDocument,
    "query AppBalanceSeries($code: String!, $t0: DateTimeISO!, $t1: DateTimeISO!, $t2: DateTimeISO!, $t3: DateTimeISO!, $t4: DateTimeISO!, $t5: DateTimeISO!, $t6: DateTimeISO!, $t7: DateTimeISO!, $t8: DateTimeISO!, $t9: DateTimeISO!, $t10: DateTimeISO!, $t11: DateTimeISO!, $t12: DateTimeISO!, $t13: DateTimeISO!) { accountByCode(code: $code) { id code name currency b0: balance(asOf: $t0) { posted { amount } } b1: balance(asOf: $t1) { posted { amount } } b2: balance(asOf: $t2) { posted { amount } } b3: balance(asOf: $t3) { posted { amount } } b4: balance(asOf: $t4) { posted { amount } } b5: balance(asOf: $t5) { posted { amount } } b6: balance(asOf: $t6) { posted { amount } } b7: balance(asOf: $t7) { posted { amount } } b8: balance(asOf: $t8) { posted { amount } } b9: balance(asOf: $t9) { posted { amount } } b10: balance(asOf: $t10) { posted { amount } } b11: balance(asOf: $t11) { posted { amount } } b12: balance(asOf: $t12) { posted { amount } } b13: balance(asOf: $t13) { posted { amount } } } }": types.AppBalanceSeriesDocument,
    "\n  query AppAccounts($after: String, $filter: AccountFilterInput) {\n    accounts(first: 20, after: $after, filter: $filter) {\n      edges { node { id code name type currency status balance { posted { amount } available { amount } } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": types.AppAccountsDocument,
    "\n  query AppAccountEntries($accountId: ID!, $after: String) {\n    entries(first: 20, after: $after, filter: { accountId: $accountId }) {\n      edges { node { id description status effectiveAt postings { direction amount { amount currency } account { id code } } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": types.AppAccountEntriesDocument,
    "query AppWallets { wallets { id currency balance { posted { amount } available { amount } } } }": types.AppWalletsDocument,
    "\n  subscription AppWalletChanges($after: String) {\n    walletBalanceChanged(after: $after) { sequence wallet { id currency } balance { posted { amount } available { amount } } }\n  }\n": types.AppWalletChangesDocument,
    "\n  mutation AppTransfer($input: TransferInput!) { transfer(input: $input) { id amount { amount currency } counterparty { __typename } } }\n": types.AppTransferDocument,
    "query AppVerifyLedger { verifyLedger { ok accountsChecked mismatches { accountId } unbalancedEntryIds currencyNets { amount currency } } }": types.AppVerifyLedgerDocument,
    "\n  query AppOperations {\n    holds: entries(first: 100, filter: { status: PENDING }) { edges { node { id } } pageInfo { hasNextPage } }\n    inFlight: withdrawals(first: 100, filter: { statuses: [PENDING, PROCESSING] }) { edges { node { id } } pageInfo { hasNextPage } }\n    failed: withdrawals(first: 100, filter: { statuses: [FAILED] }) { edges { node { id } } pageInfo { hasNextPage } }\n  }\n": types.AppOperationsDocument,
    "\n  subscription AppEntryFeed($after: String) {\n    entryPosted(after: $after) { sequence type entry { id description effectiveAt postings { direction amount { amount currency } account { code } } } }\n  }\n": types.AppEntryFeedDocument,
    "\n  query AppCashback {\n    cashbackSummary { currency pending { amount } available { amount } paidOut { amount } owed { amount } }\n    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } merchant { name } } } }\n  }\n": types.AppCashbackDocument,
    "\n  query AppInvoicesToPay { invoices(first: 20) { edges { node { id number status currency dueAt overdue total { amount } remaining { amount } } } } }\n": types.AppInvoicesToPayDocument,
    "mutation AppPayInvoice($input: PayInvoiceInput!) { payInvoice(input: $input) { invoice { id status remaining { amount } } } }": types.AppPayInvoiceDocument,
    "\n  query AppMerchantView {\n    merchants(first: 10) { edges { node { id name cashbackGranted { amount currency }\n      settlementBalances { processorId currency immature { amount } available { amount } held { amount } inPayout { amount } paid { amount } } } } }\n    offers(first: 20) { edges { node { id name status currency budget { amount } budgetLeft { amount } } } }\n    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } } } }\n  }\n": types.AppMerchantViewDocument,
    "\n  query AppHistory($after: String, $kinds: [WalletTransactionKind!]) {\n    wallets { id currency transactions(first: 20, after: $after, filter: { kinds: $kinds }) {\n      edges { node { id kind status direction description memo createdAt amount { amount currency } } }\n      pageInfo { endCursor hasNextPage }\n    } }\n  }\n": types.AppHistoryDocument,
    "subscription AppHistoryTouches($after: String) { walletBalanceChanged(after: $after) { sequence } }": types.AppHistoryTouchesDocument,
    "mutation AppDeposit($input: DepositInput!) { deposit(input: $input) { id amount { amount currency } } }": types.AppDepositDocument,
    "\n  mutation AppWithdraw($input: RequestWithdrawalInput!) { requestWithdrawal(input: $input) { id status amount { amount currency } fee { amount } } }\n": types.AppWithdrawDocument,
    "\n  query AppWithdrawals { withdrawals(first: 10) { edges { node { id status destination createdAt failureReason amount { amount currency } } } } }\n": types.AppWithdrawalsDocument,
    "\n  subscription AppWithdrawalUpdates($after: String) { withdrawalUpdated(after: $after) { sequence status withdrawal { id destination createdAt failureReason amount { amount currency } } } }\n": types.AppWithdrawalUpdatesDocument,
    "\n  query AppTrialBalance($currency: String!, $at: DateTimeISO) {\n    trialBalance(currency: $currency, at: $at, activeOnly: true) {\n      balanced linesTruncated totalDebits { amount } totalCredits { amount }\n      lines { accountId code type debits { amount } credits { amount } net { amount } }\n    }\n  }\n": types.AppTrialBalanceDocument,
    "\n  query AppBalanceSheet($currency: String!, $at: DateTimeISO) {\n    balanceSheet(currency: $currency, at: $at) {\n      balanced totalAssets { amount } totalLiabilities { amount } totalEquity { amount } netIncome { amount }\n      assets { ...AppSection } liabilities { ...AppSection } equity { ...AppSection }\n    }\n  }\n  fragment AppSection on ReportSection { type total { amount } linesTruncated lines { accountId code name depth amount { amount } } }\n": types.AppBalanceSheetDocument,
    "\n  query AppIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...AppSection } expenses { ...AppSection } }\n  }\n": types.AppIncomeStatementDocument,
    "query AppPeriods { accountingPeriods(last: 6) { closedThrough periods { name status startsAt endsAt closes { id status closedBy closedAt reopenReason } } } }": types.AppPeriodsDocument,
    "mutation AppClosePeriod($input: ClosePeriodInput!) { closePeriod(input: $input) { replayed close { id period status } } }": types.AppClosePeriodDocument,
    "mutation AppReopenPeriod($input: ReopenPeriodInput!) { reopenPeriod(input: $input) { close { id period status } } }": types.AppReopenPeriodDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppEventSequence { eventSequence }"): (typeof documents)["query AppEventSequence { eventSequence }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppBalanceSeries($code: String!, $t0: DateTimeISO!, $t1: DateTimeISO!, $t2: DateTimeISO!, $t3: DateTimeISO!, $t4: DateTimeISO!, $t5: DateTimeISO!, $t6: DateTimeISO!, $t7: DateTimeISO!, $t8: DateTimeISO!, $t9: DateTimeISO!, $t10: DateTimeISO!, $t11: DateTimeISO!, $t12: DateTimeISO!, $t13: DateTimeISO!) { accountByCode(code: $code) { id code name currency b0: balance(asOf: $t0) { posted { amount } } b1: balance(asOf: $t1) { posted { amount } } b2: balance(asOf: $t2) { posted { amount } } b3: balance(asOf: $t3) { posted { amount } } b4: balance(asOf: $t4) { posted { amount } } b5: balance(asOf: $t5) { posted { amount } } b6: balance(asOf: $t6) { posted { amount } } b7: balance(asOf: $t7) { posted { amount } } b8: balance(asOf: $t8) { posted { amount } } b9: balance(asOf: $t9) { posted { amount } } b10: balance(asOf: $t10) { posted { amount } } b11: balance(asOf: $t11) { posted { amount } } b12: balance(asOf: $t12) { posted { amount } } b13: balance(asOf: $t13) { posted { amount } } } }"): (typeof documents)["query AppBalanceSeries($code: String!, $t0: DateTimeISO!, $t1: DateTimeISO!, $t2: DateTimeISO!, $t3: DateTimeISO!, $t4: DateTimeISO!, $t5: DateTimeISO!, $t6: DateTimeISO!, $t7: DateTimeISO!, $t8: DateTimeISO!, $t9: DateTimeISO!, $t10: DateTimeISO!, $t11: DateTimeISO!, $t12: DateTimeISO!, $t13: DateTimeISO!) { accountByCode(code: $code) { id code name currency b0: balance(asOf: $t0) { posted { amount } } b1: balance(asOf: $t1) { posted { amount } } b2: balance(asOf: $t2) { posted { amount } } b3: balance(asOf: $t3) { posted { amount } } b4: balance(asOf: $t4) { posted { amount } } b5: balance(asOf: $t5) { posted { amount } } b6: balance(asOf: $t6) { posted { amount } } b7: balance(asOf: $t7) { posted { amount } } b8: balance(asOf: $t8) { posted { amount } } b9: balance(asOf: $t9) { posted { amount } } b10: balance(asOf: $t10) { posted { amount } } b11: balance(asOf: $t11) { posted { amount } } b12: balance(asOf: $t12) { posted { amount } } b13: balance(asOf: $t13) { posted { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppAccounts($after: String, $filter: AccountFilterInput) {\n    accounts(first: 20, after: $after, filter: $filter) {\n      edges { node { id code name type currency status balance { posted { amount } available { amount } } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"): (typeof documents)["\n  query AppAccounts($after: String, $filter: AccountFilterInput) {\n    accounts(first: 20, after: $after, filter: $filter) {\n      edges { node { id code name type currency status balance { posted { amount } available { amount } } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppAccountEntries($accountId: ID!, $after: String) {\n    entries(first: 20, after: $after, filter: { accountId: $accountId }) {\n      edges { node { id description status effectiveAt postings { direction amount { amount currency } account { id code } } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"): (typeof documents)["\n  query AppAccountEntries($accountId: ID!, $after: String) {\n    entries(first: 20, after: $after, filter: { accountId: $accountId }) {\n      edges { node { id description status effectiveAt postings { direction amount { amount currency } account { id code } } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppWallets { wallets { id currency balance { posted { amount } available { amount } } } }"): (typeof documents)["query AppWallets { wallets { id currency balance { posted { amount } available { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AppWalletChanges($after: String) {\n    walletBalanceChanged(after: $after) { sequence wallet { id currency } balance { posted { amount } available { amount } } }\n  }\n"): (typeof documents)["\n  subscription AppWalletChanges($after: String) {\n    walletBalanceChanged(after: $after) { sequence wallet { id currency } balance { posted { amount } available { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AppTransfer($input: TransferInput!) { transfer(input: $input) { id amount { amount currency } counterparty { __typename } } }\n"): (typeof documents)["\n  mutation AppTransfer($input: TransferInput!) { transfer(input: $input) { id amount { amount currency } counterparty { __typename } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppVerifyLedger { verifyLedger { ok accountsChecked mismatches { accountId } unbalancedEntryIds currencyNets { amount currency } } }"): (typeof documents)["query AppVerifyLedger { verifyLedger { ok accountsChecked mismatches { accountId } unbalancedEntryIds currencyNets { amount currency } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppOperations {\n    holds: entries(first: 100, filter: { status: PENDING }) { edges { node { id } } pageInfo { hasNextPage } }\n    inFlight: withdrawals(first: 100, filter: { statuses: [PENDING, PROCESSING] }) { edges { node { id } } pageInfo { hasNextPage } }\n    failed: withdrawals(first: 100, filter: { statuses: [FAILED] }) { edges { node { id } } pageInfo { hasNextPage } }\n  }\n"): (typeof documents)["\n  query AppOperations {\n    holds: entries(first: 100, filter: { status: PENDING }) { edges { node { id } } pageInfo { hasNextPage } }\n    inFlight: withdrawals(first: 100, filter: { statuses: [PENDING, PROCESSING] }) { edges { node { id } } pageInfo { hasNextPage } }\n    failed: withdrawals(first: 100, filter: { statuses: [FAILED] }) { edges { node { id } } pageInfo { hasNextPage } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AppEntryFeed($after: String) {\n    entryPosted(after: $after) { sequence type entry { id description effectiveAt postings { direction amount { amount currency } account { code } } } }\n  }\n"): (typeof documents)["\n  subscription AppEntryFeed($after: String) {\n    entryPosted(after: $after) { sequence type entry { id description effectiveAt postings { direction amount { amount currency } account { code } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppCashback {\n    cashbackSummary { currency pending { amount } available { amount } paidOut { amount } owed { amount } }\n    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } merchant { name } } } }\n  }\n"): (typeof documents)["\n  query AppCashback {\n    cashbackSummary { currency pending { amount } available { amount } paidOut { amount } owed { amount } }\n    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } merchant { name } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppInvoicesToPay { invoices(first: 20) { edges { node { id number status currency dueAt overdue total { amount } remaining { amount } } } } }\n"): (typeof documents)["\n  query AppInvoicesToPay { invoices(first: 20) { edges { node { id number status currency dueAt overdue total { amount } remaining { amount } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AppPayInvoice($input: PayInvoiceInput!) { payInvoice(input: $input) { invoice { id status remaining { amount } } } }"): (typeof documents)["mutation AppPayInvoice($input: PayInvoiceInput!) { payInvoice(input: $input) { invoice { id status remaining { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppMerchantView {\n    merchants(first: 10) { edges { node { id name cashbackGranted { amount currency }\n      settlementBalances { processorId currency immature { amount } available { amount } held { amount } inPayout { amount } paid { amount } } } } }\n    offers(first: 20) { edges { node { id name status currency budget { amount } budgetLeft { amount } } } }\n    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } } } }\n  }\n"): (typeof documents)["\n  query AppMerchantView {\n    merchants(first: 10) { edges { node { id name cashbackGranted { amount currency }\n      settlementBalances { processorId currency immature { amount } available { amount } held { amount } inPayout { amount } paid { amount } } } } }\n    offers(first: 20) { edges { node { id name status currency budget { amount } budgetLeft { amount } } } }\n    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppHistory($after: String, $kinds: [WalletTransactionKind!]) {\n    wallets { id currency transactions(first: 20, after: $after, filter: { kinds: $kinds }) {\n      edges { node { id kind status direction description memo createdAt amount { amount currency } } }\n      pageInfo { endCursor hasNextPage }\n    } }\n  }\n"): (typeof documents)["\n  query AppHistory($after: String, $kinds: [WalletTransactionKind!]) {\n    wallets { id currency transactions(first: 20, after: $after, filter: { kinds: $kinds }) {\n      edges { node { id kind status direction description memo createdAt amount { amount currency } } }\n      pageInfo { endCursor hasNextPage }\n    } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AppHistoryTouches($after: String) { walletBalanceChanged(after: $after) { sequence } }"): (typeof documents)["subscription AppHistoryTouches($after: String) { walletBalanceChanged(after: $after) { sequence } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AppDeposit($input: DepositInput!) { deposit(input: $input) { id amount { amount currency } } }"): (typeof documents)["mutation AppDeposit($input: DepositInput!) { deposit(input: $input) { id amount { amount currency } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AppWithdraw($input: RequestWithdrawalInput!) { requestWithdrawal(input: $input) { id status amount { amount currency } fee { amount } } }\n"): (typeof documents)["\n  mutation AppWithdraw($input: RequestWithdrawalInput!) { requestWithdrawal(input: $input) { id status amount { amount currency } fee { amount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppWithdrawals { withdrawals(first: 10) { edges { node { id status destination createdAt failureReason amount { amount currency } } } } }\n"): (typeof documents)["\n  query AppWithdrawals { withdrawals(first: 10) { edges { node { id status destination createdAt failureReason amount { amount currency } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AppWithdrawalUpdates($after: String) { withdrawalUpdated(after: $after) { sequence status withdrawal { id destination createdAt failureReason amount { amount currency } } } }\n"): (typeof documents)["\n  subscription AppWithdrawalUpdates($after: String) { withdrawalUpdated(after: $after) { sequence status withdrawal { id destination createdAt failureReason amount { amount currency } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppTrialBalance($currency: String!, $at: DateTimeISO) {\n    trialBalance(currency: $currency, at: $at, activeOnly: true) {\n      balanced linesTruncated totalDebits { amount } totalCredits { amount }\n      lines { accountId code type debits { amount } credits { amount } net { amount } }\n    }\n  }\n"): (typeof documents)["\n  query AppTrialBalance($currency: String!, $at: DateTimeISO) {\n    trialBalance(currency: $currency, at: $at, activeOnly: true) {\n      balanced linesTruncated totalDebits { amount } totalCredits { amount }\n      lines { accountId code type debits { amount } credits { amount } net { amount } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppBalanceSheet($currency: String!, $at: DateTimeISO) {\n    balanceSheet(currency: $currency, at: $at) {\n      balanced totalAssets { amount } totalLiabilities { amount } totalEquity { amount } netIncome { amount }\n      assets { ...AppSection } liabilities { ...AppSection } equity { ...AppSection }\n    }\n  }\n  fragment AppSection on ReportSection { type total { amount } linesTruncated lines { accountId code name depth amount { amount } } }\n"): (typeof documents)["\n  query AppBalanceSheet($currency: String!, $at: DateTimeISO) {\n    balanceSheet(currency: $currency, at: $at) {\n      balanced totalAssets { amount } totalLiabilities { amount } totalEquity { amount } netIncome { amount }\n      assets { ...AppSection } liabilities { ...AppSection } equity { ...AppSection }\n    }\n  }\n  fragment AppSection on ReportSection { type total { amount } linesTruncated lines { accountId code name depth amount { amount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...AppSection } expenses { ...AppSection } }\n  }\n"): (typeof documents)["\n  query AppIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...AppSection } expenses { ...AppSection } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppPeriods { accountingPeriods(last: 6) { closedThrough periods { name status startsAt endsAt closes { id status closedBy closedAt reopenReason } } } }"): (typeof documents)["query AppPeriods { accountingPeriods(last: 6) { closedThrough periods { name status startsAt endsAt closes { id status closedBy closedAt reopenReason } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AppClosePeriod($input: ClosePeriodInput!) { closePeriod(input: $input) { replayed close { id period status } } }"): (typeof documents)["mutation AppClosePeriod($input: ClosePeriodInput!) { closePeriod(input: $input) { replayed close { id period status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AppReopenPeriod($input: ReopenPeriodInput!) { reopenPeriod(input: $input) { close { id period status } } }"): (typeof documents)["mutation AppReopenPeriod($input: ReopenPeriodInput!) { reopenPeriod(input: $input) { close { id period status } } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;