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
    "\n  query AccountView($id: ID!) { account(id: $id) { id ownerId parent { id } balance { posted { amount } } } }\n": typeof types.AccountViewDocument,
    "query AccountByCodeView($code: String!) { accountByCode(code: $code) { id } }": typeof types.AccountByCodeViewDocument,
    "query MyAccounts { accounts(first: 100) { edges { node { id ownerId } } } }": typeof types.MyAccountsDocument,
    "\n  query MyEntries($accountId: ID) {\n    entries(first: 100, filter: { accountId: $accountId }) { edges { node { id postings { accountId account { id } } } } }\n  }\n": typeof types.MyEntriesDocument,
    "query EntryView($id: ID!) { entry(id: $id) { id } }": typeof types.EntryViewDocument,
    "query NodeView($id: ID!) { node(id: $id) { id } }": typeof types.NodeViewDocument,
    "\n  subscription WatchBalances($accountIds: [ID!]!) { balanceChanged(accountIds: $accountIds, after: \"0\") { accountId balance { posted { amount } } } }\n": typeof types.WatchBalancesDocument,
    "\n  subscription WatchEntries($accountIds: [ID!]) { entryPosted(accountIds: $accountIds, after: \"0\") { entry { id } } }\n": typeof types.WatchEntriesDocument,
    "mutation ApCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email } }": typeof types.ApCreateUserDocument,
    "mutation ApLogin($input: LoginInput!) { login(input: $input) { accessToken } }": typeof types.ApLoginDocument,
    "mutation ApDeposit($input: DepositInput!) { deposit(input: $input) { id } }": typeof types.ApDepositDocument,
    "query ApWallets { wallets { currency balance { posted { amount } } } }": typeof types.ApWalletsDocument,
    "mutation BlCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }": typeof types.BlCreateMerchantDocument,
    "mutation BlCreatePayer($input: CreatePayerInput!) { createPayer(input: $input) { id merchantId name reference status guardians { id } } }": typeof types.BlCreatePayerDocument,
    "\n  mutation BlIssue($input: IssueInvoiceInput!) {\n    issueInvoice(input: $input) { id number status currency total { amount } paid { amount } remaining { amount } issuedAt dueAt memo entryId\n      lines { description quantity unitAmount { amount } amount { amount } } }\n  }\n": typeof types.BlIssueDocument,
    "\n  mutation BlPay($input: RecordInvoicePaymentInput!) {\n    recordInvoicePayment(input: $input) { replayed payment { id amount { amount } method reference entryId paidAt } invoice { id status paid { amount } remaining { amount } } }\n  }\n": typeof types.BlPayDocument,
    "mutation BlVoid($id: ID!) { voidInvoice(input: { id: $id }) { id status remaining { amount } voidEntryId voidedAt } }": typeof types.BlVoidDocument,
    "\n  query BlInvoice($id: ID!, $asOf: DateTimeISO) { invoice(id: $id) { id status overdue(asOf: $asOf) paid { amount } remaining { amount } payments { id amount { amount } } } }\n": typeof types.BlInvoiceDocument,
    "query BlInvoices($filter: InvoiceFilterInput) { invoices(first: 100, filter: $filter) { edges { node { id number status } } } }": typeof types.BlInvoicesDocument,
    "query BlPayers($filter: PayerFilterInput) { payers(first: 100, filter: $filter) { edges { node { id status } } } }": typeof types.BlPayersDocument,
    "query BlAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }": typeof types.BlAccountDocument,
    "query BlEntry($id: ID!) { entry(id: $id) { effectiveAt postings { account { code } direction amount { amount } } } }": typeof types.BlEntryDocument,
    "mutation BlArchive($id: ID!) { archivePayer(input: { id: $id }) { id status archivedAt } }": typeof types.BlArchiveDocument,
    "mutation BlGuardian($input: PayerGuardianInput!) { addPayerGuardian(input: $input) { id guardians { id } } }": typeof types.BlGuardianDocument,
    "mutation BlBadGuardian($input: CreatePayerInput!) { createPayer(input: $input) { id } }": typeof types.BlBadGuardianDocument,
    "mutation BlOtherSchool($input: CreatePayerInput!) { createPayer(input: $input) { id } }": typeof types.BlOtherSchoolDocument,
    "subscription BlUpdates($after: String, $payerId: ID) { invoiceUpdated(after: $after, payerId: $payerId) { sequence status invoice { id paid { amount } } } }": typeof types.BlUpdatesDocument,
    "\n    mutation BlPayFromWallet($input: PayInvoiceInput!) { payInvoice(input: $input) { replayed payment { id method amount { amount } } invoice { status remaining { amount } } } }\n  ": typeof types.BlPayFromWalletDocument,
    "query BlWallet { wallets { currency balance { available { amount } } transactions(first: 5) { edges { node { kind amount { amount } reference } } } } }": typeof types.BlWalletDocument,
    "\n  query BlCachedStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { opening { amount } closing { amount } paid { amount } lines { kind amount { amount } balance { amount } } }\n  }\n": typeof types.BlCachedStatementDocument,
    "\n  query BlLongStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated lines { kind balance { amount } } }\n  }\n": typeof types.BlLongStatementDocument,
    "\n  query BlPayerStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { ...BlStatementFields }\n  }\n": typeof types.BlPayerStatementDocument,
    "\n  query BlSchoolStatement($merchantId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    organisationStatement(merchantId: $merchantId, currency: \"USD\", from: $from, to: $to) { ...BlStatementFields }\n  }\n": typeof types.BlSchoolStatementDocument,
    "\n  fragment BlStatementFields on Statement {\n    opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated\n    lines { kind invoiceNumber amount { amount } balance { amount } }\n    aging { current { amount } days1To30 { amount } days31To60 { amount } days61To90 { amount } over90 { amount } }\n  }\n": typeof types.BlStatementFieldsFragmentDoc,
    "\n  mutation CbCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id name slug status defaultCurrency users { id } } }\n": typeof types.CbCreateMerchantDocument,
    "mutation CbVerifyMerchant($id: ID!) { verifyMerchant(input: { id: $id }) { id status verifiedAt } }": typeof types.CbVerifyMerchantDocument,
    "mutation CbSuspendMerchant($id: ID!) { suspendMerchant(input: { id: $id }) { id status } }": typeof types.CbSuspendMerchantDocument,
    "mutation CbActivateMerchant($id: ID!) { activateMerchant(input: { id: $id }) { id status } }": typeof types.CbActivateMerchantDocument,
    "\n  mutation CbCreateOffer($input: CreateOfferInput!) {\n    createOffer(input: $input) { id kind status basisPoints fixedAmount { amount } budget { amount } budgetUsed { amount } budgetLeft { amount } perUserCap { amount } }\n  }\n": typeof types.CbCreateOfferDocument,
    "mutation CbSetOfferStatus($input: SetOfferStatusInput!) { setOfferStatus(input: $input) { id status } }": typeof types.CbSetOfferStatusDocument,
    "query CbOffer($id: ID!) { offer(id: $id) { id status budgetUsed { amount } budgetLeft { amount } } }": typeof types.CbOfferDocument,
    "\n  mutation CbRecordPurchase($input: RecordPurchaseInput!) {\n    recordPurchase(input: $input) { id externalId status merchantId customerId amount { amount currency } cashback { amount } cashbackGranted { amount }\n      cashbackReversed { amount } clawedBack { amount } shortfall { amount } netted { amount } refunded { amount } cappedBy noCashbackReason\n      pendingEntryId confirmationEntryId }\n  }\n": typeof types.CbRecordPurchaseDocument,
    "\n  mutation CbConfirm($input: ConfirmPurchaseInput!) { confirmPurchase(input: $input) { id status cashback { amount } netted { amount } confirmationEntryId } }\n": typeof types.CbConfirmDocument,
    "\n  mutation CbReverse($input: ReversePurchaseInput!) { reversePurchase(input: $input) { id status cashback { amount } clawedBack { amount } shortfall { amount } } }\n": typeof types.CbReverseDocument,
    "\n  mutation CbRefund($input: RefundPurchaseInput!) { refundPurchase(input: $input) { id status cashback { amount } cashbackReversed { amount } refunded { amount } clawedBack { amount } } }\n": typeof types.CbRefundDocument,
    "\n  query CbPurchase($id: ID!) { purchase(id: $id) { id status cashback { amount } history { kind status reason } merchant { id } offer { id } } }\n": typeof types.CbPurchaseDocument,
    "\n  query CbPurchases($filter: PurchaseFilterInput, $first: Int) { purchases(filter: $filter, first: $first) { edges { node { id status customerId merchantId } } } }\n": typeof types.CbPurchasesDocument,
    "\n  query CbSummary($userId: ID) { cashbackSummary(userId: $userId) { currency pending { amount } confirmed { amount } available { amount } paidOut { amount } clawedBack { amount } owed { amount } } }\n": typeof types.CbSummaryDocument,
    "\n  subscription CbCashbackChanged($after: String) { cashbackChanged(after: $after) { sequence status purchase { id status cashback { amount } } } }\n": typeof types.CbCashbackChangedDocument,
    "\n  subscription CbPurchaseRecorded($after: String) { purchaseRecorded(after: $after) { sequence purchase { id externalId } } }\n": typeof types.CbPurchaseRecordedDocument,
    "query CbWalletsOwed { wallets { currency cashbackOwed { amount currency } } }": typeof types.CbWalletsOwedDocument,
    "mutation CbAddMerchantUser($input: AddMerchantUserInput!) { addMerchantUser(input: $input) { id users { id } } }": typeof types.CbAddMerchantUserDocument,
    "mutation CbRemoveMerchantUser($input: RemoveMerchantUserInput!) { removeMerchantUser(input: $input) { id users { id } } }": typeof types.CbRemoveMerchantUserDocument,
    "\n  mutation IdentityRegister($input: RegisterInput!) { register(input: $input) { email message } }\n": typeof types.IdentityRegisterDocument,
    "\n  mutation IdentityLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt tokenType\n      user { id email role status }\n    }\n  }\n": typeof types.IdentityLoginDocument,
    "\n  mutation IdentityRefresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) { accessToken refreshToken user { id email } }\n  }\n": typeof types.IdentityRefreshDocument,
    "\n  mutation IdentityLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": typeof types.IdentityLogoutDocument,
    "\n  mutation IdentityLogoutEverywhere { logoutEverywhere }\n": typeof types.IdentityLogoutEverywhereDocument,
    "\n  query IdentityMe { me { id email role status } }\n": typeof types.IdentityMeDocument,
    "\n  mutation IdentityCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email role status } }\n": typeof types.IdentityCreateUserDocument,
    "\n  mutation IdentityUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role status } }\n": typeof types.IdentityUpdateUserDocument,
    "\n  query IdentityUser($id: ID!) { user(id: $id) { id email role status } }\n": typeof types.IdentityUserDocument,
    "\n  query IdentityUsers($filter: UserFilterInput, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { id email role status } } pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.IdentityUsersDocument,
    "\n  mutation IdentityCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { key apiKey { id name prefix roles userId createdById revokedAt } }\n  }\n": typeof types.IdentityCreateApiKeyDocument,
    "\n  mutation IdentityRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n": typeof types.IdentityRevokeApiKeyDocument,
    "\n  query IdentityApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {\n    apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) {\n      edges { node { id name prefix roles userId createdById createdAt lastUsedAt revokedAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.IdentityApiKeysDocument,
    "\n  mutation FreezeAccount($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }\n": typeof types.FreezeAccountDocument,
    "\n  query AccountEntryCount($accountId: ID!) { entries(filter: { accountId: $accountId }, first: 100) { edges { node { id } } } }\n": typeof types.AccountEntryCountDocument,
    "\n  query AccountsPage($first: Int, $after: String) { accounts(first: $first, after: $after) { edges { node { id } } } }\n": typeof types.AccountsPageDocument,
    "\n  query PastBalances($prefix: String!, $asOf: DateTimeISO) {\n    accounts(filter: { codePrefix: $prefix }, first: 100) {\n      edges { node { id balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } } }\n    }\n  }\n": typeof types.PastBalancesDocument,
    "\n  mutation PostBatch($input: PostEntriesInput!) {\n    postEntries(input: $input) { index error { code } entry { id status } }\n  }\n": typeof types.PostBatchDocument,
    "\n  query VerifyCheckpoints {\n    verifyLedger {\n      ok mismatches { accountId } unbalancedEntryIds holdTimeMismatchPostingIds\n      checkpointMismatches {\n        accountId at postingId storedPostedDebits computedPostedDebits storedPostedCredits computedPostedCredits\n        storedPendingDebits computedPendingDebits storedPendingCredits computedPendingCredits storedChanges computedChanges\n      }\n    }\n  }\n": typeof types.VerifyCheckpointsDocument,
    "\n  subscription WatchByCode($accountCodes: [String!], $accountIds: [ID!]) {\n    balanceChanged(accountCodes: $accountCodes, accountIds: $accountIds) { accountId balance { posted { amount } } }\n  }\n": typeof types.WatchByCodeDocument,
    "\n  subscription EntriesByCode($accountCodes: [String!]) { entryPosted(accountCodes: $accountCodes) { type entry { id } } }\n": typeof types.EntriesByCodeDocument,
    "query AccountCodeOf($id: ID!) { account(id: $id) { code } }": typeof types.AccountCodeOfDocument,
    "\n  query NestedAccounts($prefix: String!, $first: Int!) {\n    accounts(filter: { codePrefix: $prefix }, first: $first) {\n      edges { node {\n        code parent { code }\n        balance { posted { amount } }\n        recentEntries(first: 3) {\n          id reversedBy { id } pendingEntry { id }\n          postings { amount { amount } account { code balance { available { amount } } } }\n        }\n      } }\n    }\n  }\n": typeof types.NestedAccountsDocument,
    "\n  mutation CommitPending($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n": typeof types.CommitPendingDocument,
    "\n  mutation VoidPending($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status resolvedAt } }\n": typeof types.VoidPendingDocument,
    "\n  mutation ReverseEntry($input: ReverseEntryInput!) {\n    reverseEntry(input: $input) { id status reverses { id reversedBy { id } } postings { direction account { id } } }\n  }\n": typeof types.ReverseEntryDocument,
    "\n  mutation PostEntries($input: PostEntriesInput!) {\n    postEntries(input: $input) { index replayed entry { id } error { code message } }\n  }\n": typeof types.PostEntriesDocument,
    "\n  query EntriesOfAccount($accountId: ID!, $first: Int, $after: String) {\n    entries(filter: { accountId: $accountId }, first: $first, after: $after) {\n      edges { cursor node { id sequence } } pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.EntriesOfAccountDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Account { code }\n      ... on JournalEntry { status }\n      ... on Posting { direction amount { amount } }\n    }\n  }\n": typeof types.NodeByIdDocument,
    "\n  query EntryPostingIds($id: ID!) { entry(id: $id) { postings { id } } }\n": typeof types.EntryPostingIdsDocument,
    "\n  subscription BalanceChanged($accountIds: [ID!]!, $after: String) {\n    balanceChanged(accountIds: $accountIds, after: $after) {\n      sequence type accountId balance { posted { amount currency } available { amount } } entry { id }\n    }\n  }\n": typeof types.BalanceChangedDocument,
    "\n  subscription EntryPosted($accountIds: [ID!], $after: String) {\n    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id status } }\n  }\n": typeof types.EntryPostedDocument,
    "subscription AfterPastRange($after: String) { withdrawalUpdated(after: $after) { sequence } }": typeof types.AfterPastRangeDocument,
    "\n  mutation PayoutRequest($input: RequestPayoutInput!) {\n    requestPayout(input: $input) { id status amount { amount currency } destination processAfter processorReference failureReason }\n  }\n": typeof types.PayoutRequestDocument,
    "\n  mutation PayoutCancel($input: CancelPayoutInput!) {\n    cancelPayout(input: $input) { id status amount { amount } history { from to reason } }\n  }\n": typeof types.PayoutCancelDocument,
    "\n  query PayoutView($id: ID!) {\n    payout(id: $id) {\n      id status amount { amount currency } destination processorReference failureReason\n      history { from to reason } wallet { ownerId currency } run { id }\n    }\n  }\n": typeof types.PayoutViewDocument,
    "\n  query PayoutList($filter: PayoutFilterInput, $first: Int, $after: String) {\n    payouts(filter: $filter, first: $first, after: $after) {\n      edges { node { id status amount { amount } wallet { ownerId } run { id } } } pageInfo { endCursor hasNextPage }\n    }\n  }\n": typeof types.PayoutListDocument,
    "\n  query PayoutWalletLines {\n    wallets {\n      currency account { id }\n      transactions(filter: { kinds: [PAYOUT] }) {\n        edges { node { id kind status direction description amount { amount } entry { id status } payout { id status } } }\n      }\n    }\n  }\n": typeof types.PayoutWalletLinesDocument,
    "\n  mutation PayoutStartRun($input: StartPayoutRunInput!) {\n    startPayoutRun(input: $input) {\n      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt\n    }\n  }\n": typeof types.PayoutStartRunDocument,
    "\n  query PayoutRunView($id: ID!) {\n    payoutRun(id: $id) {\n      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt\n    }\n  }\n": typeof types.PayoutRunViewDocument,
    "\n  query PayoutRunList($first: Int) { payoutRuns(first: $first) { edges { node { id runKey status } } } }\n": typeof types.PayoutRunListDocument,
    "\n  subscription PayoutUpdates($after: String) {\n    payoutUpdated(after: $after) { sequence status payout { id status wallet { ownerId } } }\n  }\n": typeof types.PayoutUpdatesDocument,
    "\n  subscription PayoutRunProgress($runId: ID!, $after: String) {\n    payoutRunProgress(runId: $runId, after: $after) { sequence run { id status walletsScanned payoutsCreated walletsSkipped totalAmount { amount } } }\n  }\n": typeof types.PayoutRunProgressDocument,
    "\n  mutation PayoutFreezeWallet($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }\n": typeof types.PayoutFreezeWalletDocument,
    "\n  subscription RetentionBalanceChanged($accountIds: [ID!]!, $after: String) {\n    balanceChanged(accountIds: $accountIds, after: $after) { sequence balance { posted { amount } } }\n  }\n": typeof types.RetentionBalanceChangedDocument,
    "\n  subscription RetentionEntryPosted($after: String) { entryPosted(after: $after) { sequence } }\n": typeof types.RetentionEntryPostedDocument,
    "\n  subscription RetentionWalletBalances($after: String) { walletBalanceChanged(after: $after) { sequence } }\n": typeof types.RetentionWalletBalancesDocument,
    "\n  subscription RetentionWithdrawals($after: String) { withdrawalUpdated(after: $after) { sequence } }\n": typeof types.RetentionWithdrawalsDocument,
    "\n  subscription DeliveryWatchEntries($accountIds: [ID!], $after: String) {\n    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id } }\n  }\n": typeof types.DeliveryWatchEntriesDocument,
    "\n  subscription FanoutDashboard($accountIds: [ID!]) {\n    entryPosted(accountIds: $accountIds) { sequence entry { id description postings { amount { amount } account { code } } } }\n  }\n": typeof types.FanoutDashboardDocument,
    "mutation RpJReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id } }": typeof types.RpJReverseDocument,
    "query RpEntry($id: ID!) { entry(id: $id) { id effectiveAt postings { direction amount { amount currency } account { id code } } } }": typeof types.RpEntryDocument,
    "mutation RpReverseEntry($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt } }": typeof types.RpReverseEntryDocument,
    "\n  query RpTrialBalance($currency: String!, $at: DateTimeISO, $activeOnly: Boolean, $codePrefix: String, $types: [AccountType!]) {\n    trialBalance(currency: $currency, at: $at, activeOnly: $activeOnly, codePrefix: $codePrefix, types: $types) {\n      linesTruncated balanced totalDebits { amount } totalCredits { amount } debitBalances { amount } creditBalances { amount }\n      lines { accountId code type debits { amount } credits { amount } net { amount currency } }\n    }\n  }\n": typeof types.RpTrialBalanceDocument,
    "\n  fragment RpSection on ReportSection { type total { amount } linesTruncated lines { accountId parentId depth amount { amount } ownAmount { amount } } }\n": typeof types.RpSectionFragmentDoc,
    "\n  query RpBalanceSheet($currency: String!, $at: DateTimeISO) {\n    balanceSheet(currency: $currency, at: $at) {\n      balanced netIncome { amount } totalAssets { amount } totalLiabilities { amount } totalEquity { amount }\n      assets { ...RpSection } liabilities { ...RpSection } equity { ...RpSection }\n    }\n  }\n": typeof types.RpBalanceSheetDocument,
    "\n  query RpIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...RpSection } expenses { ...RpSection } }\n  }\n": typeof types.RpIncomeStatementDocument,
    "\n  mutation RpClosePeriod($input: ClosePeriodInput!) {\n    closePeriod(input: $input) { replayed close { id period status closedBy startsAt endsAt reopenedAt reopenReason closingEntries { entryId currency kind } } }\n  }\n": typeof types.RpClosePeriodDocument,
    "\n  mutation RpReopenPeriod($input: ReopenPeriodInput!) {\n    reopenPeriod(input: $input) { replayed close { id period status reopenedBy reopenReason closingEntries { entryId currency kind } } }\n  }\n": typeof types.RpReopenPeriodDocument,
    "\n  query RpPeriods($last: Int) { accountingPeriods(last: $last) { closedThrough periodKind periods { name status startsAt endsAt closes { id status } } } }\n": typeof types.RpPeriodsDocument,
    "mutation RpCommit($input: CommitPendingEntryInput!) { commitPendingEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }": typeof types.RpCommitDocument,
    "mutation RpVoid($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id } }": typeof types.RpVoidDocument,
    "mutation RpReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }": typeof types.RpReverseDocument,
    "\n  mutation StRegisterProcessor($input: RegisterProcessorInput!) {\n    registerProcessor(input: $input) { signingSecret processor { id name slug webhookPath secretVersion previousSecretValidUntil } }\n  }\n": typeof types.StRegisterProcessorDocument,
    "\n  mutation StRotateProcessorSecret($id: ID!) {\n    rotateProcessorSecret(input: { id: $id }) { signingSecret processor { id secretVersion previousSecretValidUntil } }\n  }\n": typeof types.StRotateProcessorSecretDocument,
    "\n  mutation StLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { merchantId processorId processorMerchantId } }\n": typeof types.StLinkDocument,
    "mutation StCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }": typeof types.StCreateMerchantDocument,
    "query StMerchantLinks($id: ID!) { merchant(id: $id) { id processorLinks { processorId processorMerchantId } } }": typeof types.StMerchantLinksDocument,
    "query StProcessors { processors(first: 100) { edges { node { id slug secretVersion } } } }": typeof types.StProcessorsDocument,
    "\n  query SfBalances($id: ID!, $asOf: DateTimeISO) {\n    merchant(id: $id) { settlementBalances(asOf: $asOf) { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }\n  }\n": typeof types.SfBalancesDocument,
    "query SfEvents($filter: ProcessorEventFilterInput) { processorEvents(filter: $filter, first: 100) { edges { node { eventId type status note awaiting entryId } } } }": typeof types.SfEventsDocument,
    "\n  mutation SfRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state currency minimum { amount } } }\n": typeof types.SfRunDocument,
    "\n  query SfPayouts($filter: SettlementPayoutFilterInput) {\n    settlementPayouts(filter: $filter) { edges { node {\n      id merchantId status amount { amount currency } settledAt\n      report { amount { amount } charges gross { amount } fees { amount } refunds { amount } disputes { amount } returned { amount }\n        lines { kind amount { amount } chargeId disputeId gross { amount } fee { amount } } }\n    } } }\n  }\n": typeof types.SfPayoutsDocument,
    "mutation SfTerms($input: SetSettlementTermsInput!) { setSettlementTerms(input: $input) { merchantId maturityHours ownMaturityHours payoutMinimum } }": typeof types.SfTermsDocument,
    "\n  query SmBalances($id: ID!) {\n    merchant(id: $id) { settlementBalances { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }\n  }\n": typeof types.SmBalancesDocument,
    "query SmEvents($filter: ProcessorEventFilterInput, $after: String) { processorEvents(filter: $filter, first: 100, after: $after) { edges { node { eventId status note } } pageInfo { hasNextPage endCursor } } }": typeof types.SmEventsDocument,
    "query SmAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }": typeof types.SmAccountDocument,
    "mutation SmRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state } }": typeof types.SmRunDocument,
    "\n  query SmPayouts($filter: SettlementPayoutFilterInput) {\n    settlementPayouts(filter: $filter, first: 100) { edges { node { id merchantId status amount { amount currency } report { lines { amount { amount } } } } } }\n  }\n": typeof types.SmPayoutsDocument,
    "\n  query WhEvents($filter: ProcessorEventFilterInput, $first: Int) {\n    processorEvents(filter: $filter, first: $first) { edges { node { id processorId eventId type status entryId note body headers receivedAt } } pageInfo { hasNextPage } }\n  }\n": typeof types.WhEventsDocument,
    "query WhDeadLetters($processorId: ID) { processorDeadLetters(processorId: $processorId) { edges { node { id processorId eventId reason body } } } }": typeof types.WhDeadLettersDocument,
    "query WhNode($id: ID!) { node(id: $id) { id ... on ProcessorEvent { eventId type } } }": typeof types.WhNodeDocument,
    "query WhEntry($id: ID!) { entry(id: $id) { id effectiveAt metadata postings { account { code } direction amount { amount currency } } } }": typeof types.WhEntryDocument,
    "query WhAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }": typeof types.WhAccountDocument,
    "query WhAccountId($code: String!) { accountByCode(code: $code) { id } }": typeof types.WhAccountIdDocument,
    "mutation WhFreeze($id: ID!) { updateAccount(input: { id: $id, status: FROZEN }) { status } }": typeof types.WhFreezeDocument,
    "mutation WhRotate($id: ID!) { rotateProcessorSecret(input: { id: $id }) { signingSecret } }": typeof types.WhRotateDocument,
    "\n  mutation OpenAccount($input: OpenAccountInput!) {\n    openAccount(input: $input) { id code currency status type normalSide\n      balance { posted { amount currency } pending { amount } available { amount } } }\n  }\n": typeof types.OpenAccountDocument,
    "\n  mutation PostEntry($input: PostEntryInput!) {\n    postEntry(input: $input) {\n      id sequence status idempotencyKey description effectiveAt expiresAt\n      postings { direction amount { amount currency } account { id } }\n    }\n  }\n": typeof types.PostEntryDocument,
    "\n  query AccountBalance($id: ID!, $asOf: DateTimeISO) {\n    account(id: $id) { id status balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } }\n  }\n": typeof types.AccountBalanceDocument,
    "\n  query VerifyLedger {\n    verifyLedger { ok accountsChecked mismatches { accountId } currencyNets { amount currency } unbalancedEntryIds }\n  }\n": typeof types.VerifyLedgerDocument,
    "\n  mutation CommitHold($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n": typeof types.CommitHoldDocument,
    "\n  mutation VoidHold($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status } }\n": typeof types.VoidHoldDocument,
    "\n  mutation ReversePosted($input: ReverseEntryInput!) { reverseEntry(input: $input) { id status effectiveAt } }\n": typeof types.ReversePostedDocument,
    "mutation TkRegister($input: RegisterProcessorInput!) { registerProcessor(input: $input) { signingSecret processor { id slug } } }": typeof types.TkRegisterDocument,
    "mutation TkCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }": typeof types.TkCreateMerchantDocument,
    "mutation TkLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { processorMerchantId } }": typeof types.TkLinkDocument,
    "\n  query WalletAccessNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Wallet { ownerId }\n      ... on Withdrawal { status }\n      ... on WalletTransaction { kind }\n    }\n  }\n": typeof types.WalletAccessNodeDocument,
    "query WalletAccessWallets($userId: ID) { wallets(userId: $userId) { id ownerId currency } }": typeof types.WalletAccessWalletsDocument,
    "query WalletAccessWallet($id: ID!) { wallet(id: $id) { id ownerId balance { available { amount } } } }": typeof types.WalletAccessWalletDocument,
    "\n  mutation Deposit($input: DepositInput!) {\n    deposit(input: $input) { id kind status direction amount { amount currency } reference description wallet { id balance { posted { amount } available { amount } } } }\n  }\n": typeof types.DepositDocument,
    "\n  mutation Transfer($input: TransferInput!) {\n    transfer(input: $input) { id kind status amount { amount } memo description counterparty { userId email } wallet { balance { available { amount } } } }\n  }\n": typeof types.TransferDocument,
    "\n  mutation RequestWithdrawal($input: RequestWithdrawalInput!) {\n    requestWithdrawal(input: $input) { id status amount { amount } fee { amount } attempt destination }\n  }\n": typeof types.RequestWithdrawalDocument,
    "\n  query WithdrawalView($id: ID!) {\n    withdrawal(id: $id) { id status attempt failureReason processorReference history { from to reason attempt at } }\n  }\n": typeof types.WithdrawalViewDocument,
    "\n  query MyWallets {\n    wallets { id currency balance { posted { amount } pending { amount } available { amount } } }\n  }\n": typeof types.MyWalletsDocument,
    "\n  mutation WalletRetryWithdrawal($input: RetryWithdrawalInput!) {\n    retryWithdrawal(input: $input) { id status attempt processorReference amount { amount } fee { amount } }\n  }\n": typeof types.WalletRetryWithdrawalDocument,
    "\n  query WalletHistory($id: ID!, $filter: WalletTransactionFilterInput, $first: Int, $after: String) {\n    wallet(id: $id) {\n      id\n      transactions(filter: $filter, first: $first, after: $after) {\n        edges { cursor node {\n          id kind direction status amount { amount currency } memo reference description createdAt\n          counterparty { userId email } withdrawal { id }\n        } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.WalletHistoryDocument,
    "\n  query WalletWithdrawals($filter: WithdrawalFilterInput, $first: Int, $after: String) {\n    withdrawals(filter: $filter, first: $first, after: $after) {\n      edges { node { id status attempt wallet { ownerId } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.WalletWithdrawalsDocument,
    "mutation WalletOpen($currency: String!) { openWallet(currency: $currency) { id currency } }": typeof types.WalletOpenDocument,
    "query WalletAccount($id: ID!) { wallet(id: $id) { account { id } } }": typeof types.WalletAccountDocument,
    "\n  subscription WalletLiveBalances($after: String, $userId: ID) {\n    walletBalanceChanged(after: $after, userId: $userId) {\n      sequence wallet { id ownerId } balance { posted { amount currency } pending { amount } available { amount } }\n    }\n  }\n": typeof types.WalletLiveBalancesDocument,
    "\n  subscription WalletLiveWithdrawals($after: String) {\n    withdrawalUpdated(after: $after) { sequence status withdrawal { id attempt wallet { ownerId } } }\n  }\n": typeof types.WalletLiveWithdrawalsDocument,
    "query StaffWallets($userId: ID) { wallets(userId: $userId) { id currency ownerId } }": typeof types.StaffWalletsDocument,
};
const documents: Documents = {
    "\n  query AccountView($id: ID!) { account(id: $id) { id ownerId parent { id } balance { posted { amount } } } }\n": types.AccountViewDocument,
    "query AccountByCodeView($code: String!) { accountByCode(code: $code) { id } }": types.AccountByCodeViewDocument,
    "query MyAccounts { accounts(first: 100) { edges { node { id ownerId } } } }": types.MyAccountsDocument,
    "\n  query MyEntries($accountId: ID) {\n    entries(first: 100, filter: { accountId: $accountId }) { edges { node { id postings { accountId account { id } } } } }\n  }\n": types.MyEntriesDocument,
    "query EntryView($id: ID!) { entry(id: $id) { id } }": types.EntryViewDocument,
    "query NodeView($id: ID!) { node(id: $id) { id } }": types.NodeViewDocument,
    "\n  subscription WatchBalances($accountIds: [ID!]!) { balanceChanged(accountIds: $accountIds, after: \"0\") { accountId balance { posted { amount } } } }\n": types.WatchBalancesDocument,
    "\n  subscription WatchEntries($accountIds: [ID!]) { entryPosted(accountIds: $accountIds, after: \"0\") { entry { id } } }\n": types.WatchEntriesDocument,
    "mutation ApCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email } }": types.ApCreateUserDocument,
    "mutation ApLogin($input: LoginInput!) { login(input: $input) { accessToken } }": types.ApLoginDocument,
    "mutation ApDeposit($input: DepositInput!) { deposit(input: $input) { id } }": types.ApDepositDocument,
    "query ApWallets { wallets { currency balance { posted { amount } } } }": types.ApWalletsDocument,
    "mutation BlCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }": types.BlCreateMerchantDocument,
    "mutation BlCreatePayer($input: CreatePayerInput!) { createPayer(input: $input) { id merchantId name reference status guardians { id } } }": types.BlCreatePayerDocument,
    "\n  mutation BlIssue($input: IssueInvoiceInput!) {\n    issueInvoice(input: $input) { id number status currency total { amount } paid { amount } remaining { amount } issuedAt dueAt memo entryId\n      lines { description quantity unitAmount { amount } amount { amount } } }\n  }\n": types.BlIssueDocument,
    "\n  mutation BlPay($input: RecordInvoicePaymentInput!) {\n    recordInvoicePayment(input: $input) { replayed payment { id amount { amount } method reference entryId paidAt } invoice { id status paid { amount } remaining { amount } } }\n  }\n": types.BlPayDocument,
    "mutation BlVoid($id: ID!) { voidInvoice(input: { id: $id }) { id status remaining { amount } voidEntryId voidedAt } }": types.BlVoidDocument,
    "\n  query BlInvoice($id: ID!, $asOf: DateTimeISO) { invoice(id: $id) { id status overdue(asOf: $asOf) paid { amount } remaining { amount } payments { id amount { amount } } } }\n": types.BlInvoiceDocument,
    "query BlInvoices($filter: InvoiceFilterInput) { invoices(first: 100, filter: $filter) { edges { node { id number status } } } }": types.BlInvoicesDocument,
    "query BlPayers($filter: PayerFilterInput) { payers(first: 100, filter: $filter) { edges { node { id status } } } }": types.BlPayersDocument,
    "query BlAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }": types.BlAccountDocument,
    "query BlEntry($id: ID!) { entry(id: $id) { effectiveAt postings { account { code } direction amount { amount } } } }": types.BlEntryDocument,
    "mutation BlArchive($id: ID!) { archivePayer(input: { id: $id }) { id status archivedAt } }": types.BlArchiveDocument,
    "mutation BlGuardian($input: PayerGuardianInput!) { addPayerGuardian(input: $input) { id guardians { id } } }": types.BlGuardianDocument,
    "mutation BlBadGuardian($input: CreatePayerInput!) { createPayer(input: $input) { id } }": types.BlBadGuardianDocument,
    "mutation BlOtherSchool($input: CreatePayerInput!) { createPayer(input: $input) { id } }": types.BlOtherSchoolDocument,
    "subscription BlUpdates($after: String, $payerId: ID) { invoiceUpdated(after: $after, payerId: $payerId) { sequence status invoice { id paid { amount } } } }": types.BlUpdatesDocument,
    "\n    mutation BlPayFromWallet($input: PayInvoiceInput!) { payInvoice(input: $input) { replayed payment { id method amount { amount } } invoice { status remaining { amount } } } }\n  ": types.BlPayFromWalletDocument,
    "query BlWallet { wallets { currency balance { available { amount } } transactions(first: 5) { edges { node { kind amount { amount } reference } } } } }": types.BlWalletDocument,
    "\n  query BlCachedStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { opening { amount } closing { amount } paid { amount } lines { kind amount { amount } balance { amount } } }\n  }\n": types.BlCachedStatementDocument,
    "\n  query BlLongStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated lines { kind balance { amount } } }\n  }\n": types.BlLongStatementDocument,
    "\n  query BlPayerStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { ...BlStatementFields }\n  }\n": types.BlPayerStatementDocument,
    "\n  query BlSchoolStatement($merchantId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    organisationStatement(merchantId: $merchantId, currency: \"USD\", from: $from, to: $to) { ...BlStatementFields }\n  }\n": types.BlSchoolStatementDocument,
    "\n  fragment BlStatementFields on Statement {\n    opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated\n    lines { kind invoiceNumber amount { amount } balance { amount } }\n    aging { current { amount } days1To30 { amount } days31To60 { amount } days61To90 { amount } over90 { amount } }\n  }\n": types.BlStatementFieldsFragmentDoc,
    "\n  mutation CbCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id name slug status defaultCurrency users { id } } }\n": types.CbCreateMerchantDocument,
    "mutation CbVerifyMerchant($id: ID!) { verifyMerchant(input: { id: $id }) { id status verifiedAt } }": types.CbVerifyMerchantDocument,
    "mutation CbSuspendMerchant($id: ID!) { suspendMerchant(input: { id: $id }) { id status } }": types.CbSuspendMerchantDocument,
    "mutation CbActivateMerchant($id: ID!) { activateMerchant(input: { id: $id }) { id status } }": types.CbActivateMerchantDocument,
    "\n  mutation CbCreateOffer($input: CreateOfferInput!) {\n    createOffer(input: $input) { id kind status basisPoints fixedAmount { amount } budget { amount } budgetUsed { amount } budgetLeft { amount } perUserCap { amount } }\n  }\n": types.CbCreateOfferDocument,
    "mutation CbSetOfferStatus($input: SetOfferStatusInput!) { setOfferStatus(input: $input) { id status } }": types.CbSetOfferStatusDocument,
    "query CbOffer($id: ID!) { offer(id: $id) { id status budgetUsed { amount } budgetLeft { amount } } }": types.CbOfferDocument,
    "\n  mutation CbRecordPurchase($input: RecordPurchaseInput!) {\n    recordPurchase(input: $input) { id externalId status merchantId customerId amount { amount currency } cashback { amount } cashbackGranted { amount }\n      cashbackReversed { amount } clawedBack { amount } shortfall { amount } netted { amount } refunded { amount } cappedBy noCashbackReason\n      pendingEntryId confirmationEntryId }\n  }\n": types.CbRecordPurchaseDocument,
    "\n  mutation CbConfirm($input: ConfirmPurchaseInput!) { confirmPurchase(input: $input) { id status cashback { amount } netted { amount } confirmationEntryId } }\n": types.CbConfirmDocument,
    "\n  mutation CbReverse($input: ReversePurchaseInput!) { reversePurchase(input: $input) { id status cashback { amount } clawedBack { amount } shortfall { amount } } }\n": types.CbReverseDocument,
    "\n  mutation CbRefund($input: RefundPurchaseInput!) { refundPurchase(input: $input) { id status cashback { amount } cashbackReversed { amount } refunded { amount } clawedBack { amount } } }\n": types.CbRefundDocument,
    "\n  query CbPurchase($id: ID!) { purchase(id: $id) { id status cashback { amount } history { kind status reason } merchant { id } offer { id } } }\n": types.CbPurchaseDocument,
    "\n  query CbPurchases($filter: PurchaseFilterInput, $first: Int) { purchases(filter: $filter, first: $first) { edges { node { id status customerId merchantId } } } }\n": types.CbPurchasesDocument,
    "\n  query CbSummary($userId: ID) { cashbackSummary(userId: $userId) { currency pending { amount } confirmed { amount } available { amount } paidOut { amount } clawedBack { amount } owed { amount } } }\n": types.CbSummaryDocument,
    "\n  subscription CbCashbackChanged($after: String) { cashbackChanged(after: $after) { sequence status purchase { id status cashback { amount } } } }\n": types.CbCashbackChangedDocument,
    "\n  subscription CbPurchaseRecorded($after: String) { purchaseRecorded(after: $after) { sequence purchase { id externalId } } }\n": types.CbPurchaseRecordedDocument,
    "query CbWalletsOwed { wallets { currency cashbackOwed { amount currency } } }": types.CbWalletsOwedDocument,
    "mutation CbAddMerchantUser($input: AddMerchantUserInput!) { addMerchantUser(input: $input) { id users { id } } }": types.CbAddMerchantUserDocument,
    "mutation CbRemoveMerchantUser($input: RemoveMerchantUserInput!) { removeMerchantUser(input: $input) { id users { id } } }": types.CbRemoveMerchantUserDocument,
    "\n  mutation IdentityRegister($input: RegisterInput!) { register(input: $input) { email message } }\n": types.IdentityRegisterDocument,
    "\n  mutation IdentityLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt tokenType\n      user { id email role status }\n    }\n  }\n": types.IdentityLoginDocument,
    "\n  mutation IdentityRefresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) { accessToken refreshToken user { id email } }\n  }\n": types.IdentityRefreshDocument,
    "\n  mutation IdentityLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": types.IdentityLogoutDocument,
    "\n  mutation IdentityLogoutEverywhere { logoutEverywhere }\n": types.IdentityLogoutEverywhereDocument,
    "\n  query IdentityMe { me { id email role status } }\n": types.IdentityMeDocument,
    "\n  mutation IdentityCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email role status } }\n": types.IdentityCreateUserDocument,
    "\n  mutation IdentityUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role status } }\n": types.IdentityUpdateUserDocument,
    "\n  query IdentityUser($id: ID!) { user(id: $id) { id email role status } }\n": types.IdentityUserDocument,
    "\n  query IdentityUsers($filter: UserFilterInput, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { id email role status } } pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.IdentityUsersDocument,
    "\n  mutation IdentityCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { key apiKey { id name prefix roles userId createdById revokedAt } }\n  }\n": types.IdentityCreateApiKeyDocument,
    "\n  mutation IdentityRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n": types.IdentityRevokeApiKeyDocument,
    "\n  query IdentityApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {\n    apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) {\n      edges { node { id name prefix roles userId createdById createdAt lastUsedAt revokedAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.IdentityApiKeysDocument,
    "\n  mutation FreezeAccount($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }\n": types.FreezeAccountDocument,
    "\n  query AccountEntryCount($accountId: ID!) { entries(filter: { accountId: $accountId }, first: 100) { edges { node { id } } } }\n": types.AccountEntryCountDocument,
    "\n  query AccountsPage($first: Int, $after: String) { accounts(first: $first, after: $after) { edges { node { id } } } }\n": types.AccountsPageDocument,
    "\n  query PastBalances($prefix: String!, $asOf: DateTimeISO) {\n    accounts(filter: { codePrefix: $prefix }, first: 100) {\n      edges { node { id balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } } }\n    }\n  }\n": types.PastBalancesDocument,
    "\n  mutation PostBatch($input: PostEntriesInput!) {\n    postEntries(input: $input) { index error { code } entry { id status } }\n  }\n": types.PostBatchDocument,
    "\n  query VerifyCheckpoints {\n    verifyLedger {\n      ok mismatches { accountId } unbalancedEntryIds holdTimeMismatchPostingIds\n      checkpointMismatches {\n        accountId at postingId storedPostedDebits computedPostedDebits storedPostedCredits computedPostedCredits\n        storedPendingDebits computedPendingDebits storedPendingCredits computedPendingCredits storedChanges computedChanges\n      }\n    }\n  }\n": types.VerifyCheckpointsDocument,
    "\n  subscription WatchByCode($accountCodes: [String!], $accountIds: [ID!]) {\n    balanceChanged(accountCodes: $accountCodes, accountIds: $accountIds) { accountId balance { posted { amount } } }\n  }\n": types.WatchByCodeDocument,
    "\n  subscription EntriesByCode($accountCodes: [String!]) { entryPosted(accountCodes: $accountCodes) { type entry { id } } }\n": types.EntriesByCodeDocument,
    "query AccountCodeOf($id: ID!) { account(id: $id) { code } }": types.AccountCodeOfDocument,
    "\n  query NestedAccounts($prefix: String!, $first: Int!) {\n    accounts(filter: { codePrefix: $prefix }, first: $first) {\n      edges { node {\n        code parent { code }\n        balance { posted { amount } }\n        recentEntries(first: 3) {\n          id reversedBy { id } pendingEntry { id }\n          postings { amount { amount } account { code balance { available { amount } } } }\n        }\n      } }\n    }\n  }\n": types.NestedAccountsDocument,
    "\n  mutation CommitPending($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n": types.CommitPendingDocument,
    "\n  mutation VoidPending($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status resolvedAt } }\n": types.VoidPendingDocument,
    "\n  mutation ReverseEntry($input: ReverseEntryInput!) {\n    reverseEntry(input: $input) { id status reverses { id reversedBy { id } } postings { direction account { id } } }\n  }\n": types.ReverseEntryDocument,
    "\n  mutation PostEntries($input: PostEntriesInput!) {\n    postEntries(input: $input) { index replayed entry { id } error { code message } }\n  }\n": types.PostEntriesDocument,
    "\n  query EntriesOfAccount($accountId: ID!, $first: Int, $after: String) {\n    entries(filter: { accountId: $accountId }, first: $first, after: $after) {\n      edges { cursor node { id sequence } } pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.EntriesOfAccountDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Account { code }\n      ... on JournalEntry { status }\n      ... on Posting { direction amount { amount } }\n    }\n  }\n": types.NodeByIdDocument,
    "\n  query EntryPostingIds($id: ID!) { entry(id: $id) { postings { id } } }\n": types.EntryPostingIdsDocument,
    "\n  subscription BalanceChanged($accountIds: [ID!]!, $after: String) {\n    balanceChanged(accountIds: $accountIds, after: $after) {\n      sequence type accountId balance { posted { amount currency } available { amount } } entry { id }\n    }\n  }\n": types.BalanceChangedDocument,
    "\n  subscription EntryPosted($accountIds: [ID!], $after: String) {\n    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id status } }\n  }\n": types.EntryPostedDocument,
    "subscription AfterPastRange($after: String) { withdrawalUpdated(after: $after) { sequence } }": types.AfterPastRangeDocument,
    "\n  mutation PayoutRequest($input: RequestPayoutInput!) {\n    requestPayout(input: $input) { id status amount { amount currency } destination processAfter processorReference failureReason }\n  }\n": types.PayoutRequestDocument,
    "\n  mutation PayoutCancel($input: CancelPayoutInput!) {\n    cancelPayout(input: $input) { id status amount { amount } history { from to reason } }\n  }\n": types.PayoutCancelDocument,
    "\n  query PayoutView($id: ID!) {\n    payout(id: $id) {\n      id status amount { amount currency } destination processorReference failureReason\n      history { from to reason } wallet { ownerId currency } run { id }\n    }\n  }\n": types.PayoutViewDocument,
    "\n  query PayoutList($filter: PayoutFilterInput, $first: Int, $after: String) {\n    payouts(filter: $filter, first: $first, after: $after) {\n      edges { node { id status amount { amount } wallet { ownerId } run { id } } } pageInfo { endCursor hasNextPage }\n    }\n  }\n": types.PayoutListDocument,
    "\n  query PayoutWalletLines {\n    wallets {\n      currency account { id }\n      transactions(filter: { kinds: [PAYOUT] }) {\n        edges { node { id kind status direction description amount { amount } entry { id status } payout { id status } } }\n      }\n    }\n  }\n": types.PayoutWalletLinesDocument,
    "\n  mutation PayoutStartRun($input: StartPayoutRunInput!) {\n    startPayoutRun(input: $input) {\n      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt\n    }\n  }\n": types.PayoutStartRunDocument,
    "\n  query PayoutRunView($id: ID!) {\n    payoutRun(id: $id) {\n      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt\n    }\n  }\n": types.PayoutRunViewDocument,
    "\n  query PayoutRunList($first: Int) { payoutRuns(first: $first) { edges { node { id runKey status } } } }\n": types.PayoutRunListDocument,
    "\n  subscription PayoutUpdates($after: String) {\n    payoutUpdated(after: $after) { sequence status payout { id status wallet { ownerId } } }\n  }\n": types.PayoutUpdatesDocument,
    "\n  subscription PayoutRunProgress($runId: ID!, $after: String) {\n    payoutRunProgress(runId: $runId, after: $after) { sequence run { id status walletsScanned payoutsCreated walletsSkipped totalAmount { amount } } }\n  }\n": types.PayoutRunProgressDocument,
    "\n  mutation PayoutFreezeWallet($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }\n": types.PayoutFreezeWalletDocument,
    "\n  subscription RetentionBalanceChanged($accountIds: [ID!]!, $after: String) {\n    balanceChanged(accountIds: $accountIds, after: $after) { sequence balance { posted { amount } } }\n  }\n": types.RetentionBalanceChangedDocument,
    "\n  subscription RetentionEntryPosted($after: String) { entryPosted(after: $after) { sequence } }\n": types.RetentionEntryPostedDocument,
    "\n  subscription RetentionWalletBalances($after: String) { walletBalanceChanged(after: $after) { sequence } }\n": types.RetentionWalletBalancesDocument,
    "\n  subscription RetentionWithdrawals($after: String) { withdrawalUpdated(after: $after) { sequence } }\n": types.RetentionWithdrawalsDocument,
    "\n  subscription DeliveryWatchEntries($accountIds: [ID!], $after: String) {\n    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id } }\n  }\n": types.DeliveryWatchEntriesDocument,
    "\n  subscription FanoutDashboard($accountIds: [ID!]) {\n    entryPosted(accountIds: $accountIds) { sequence entry { id description postings { amount { amount } account { code } } } }\n  }\n": types.FanoutDashboardDocument,
    "mutation RpJReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id } }": types.RpJReverseDocument,
    "query RpEntry($id: ID!) { entry(id: $id) { id effectiveAt postings { direction amount { amount currency } account { id code } } } }": types.RpEntryDocument,
    "mutation RpReverseEntry($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt } }": types.RpReverseEntryDocument,
    "\n  query RpTrialBalance($currency: String!, $at: DateTimeISO, $activeOnly: Boolean, $codePrefix: String, $types: [AccountType!]) {\n    trialBalance(currency: $currency, at: $at, activeOnly: $activeOnly, codePrefix: $codePrefix, types: $types) {\n      linesTruncated balanced totalDebits { amount } totalCredits { amount } debitBalances { amount } creditBalances { amount }\n      lines { accountId code type debits { amount } credits { amount } net { amount currency } }\n    }\n  }\n": types.RpTrialBalanceDocument,
    "\n  fragment RpSection on ReportSection { type total { amount } linesTruncated lines { accountId parentId depth amount { amount } ownAmount { amount } } }\n": types.RpSectionFragmentDoc,
    "\n  query RpBalanceSheet($currency: String!, $at: DateTimeISO) {\n    balanceSheet(currency: $currency, at: $at) {\n      balanced netIncome { amount } totalAssets { amount } totalLiabilities { amount } totalEquity { amount }\n      assets { ...RpSection } liabilities { ...RpSection } equity { ...RpSection }\n    }\n  }\n": types.RpBalanceSheetDocument,
    "\n  query RpIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...RpSection } expenses { ...RpSection } }\n  }\n": types.RpIncomeStatementDocument,
    "\n  mutation RpClosePeriod($input: ClosePeriodInput!) {\n    closePeriod(input: $input) { replayed close { id period status closedBy startsAt endsAt reopenedAt reopenReason closingEntries { entryId currency kind } } }\n  }\n": types.RpClosePeriodDocument,
    "\n  mutation RpReopenPeriod($input: ReopenPeriodInput!) {\n    reopenPeriod(input: $input) { replayed close { id period status reopenedBy reopenReason closingEntries { entryId currency kind } } }\n  }\n": types.RpReopenPeriodDocument,
    "\n  query RpPeriods($last: Int) { accountingPeriods(last: $last) { closedThrough periodKind periods { name status startsAt endsAt closes { id status } } } }\n": types.RpPeriodsDocument,
    "mutation RpCommit($input: CommitPendingEntryInput!) { commitPendingEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }": types.RpCommitDocument,
    "mutation RpVoid($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id } }": types.RpVoidDocument,
    "mutation RpReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }": types.RpReverseDocument,
    "\n  mutation StRegisterProcessor($input: RegisterProcessorInput!) {\n    registerProcessor(input: $input) { signingSecret processor { id name slug webhookPath secretVersion previousSecretValidUntil } }\n  }\n": types.StRegisterProcessorDocument,
    "\n  mutation StRotateProcessorSecret($id: ID!) {\n    rotateProcessorSecret(input: { id: $id }) { signingSecret processor { id secretVersion previousSecretValidUntil } }\n  }\n": types.StRotateProcessorSecretDocument,
    "\n  mutation StLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { merchantId processorId processorMerchantId } }\n": types.StLinkDocument,
    "mutation StCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }": types.StCreateMerchantDocument,
    "query StMerchantLinks($id: ID!) { merchant(id: $id) { id processorLinks { processorId processorMerchantId } } }": types.StMerchantLinksDocument,
    "query StProcessors { processors(first: 100) { edges { node { id slug secretVersion } } } }": types.StProcessorsDocument,
    "\n  query SfBalances($id: ID!, $asOf: DateTimeISO) {\n    merchant(id: $id) { settlementBalances(asOf: $asOf) { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }\n  }\n": types.SfBalancesDocument,
    "query SfEvents($filter: ProcessorEventFilterInput) { processorEvents(filter: $filter, first: 100) { edges { node { eventId type status note awaiting entryId } } } }": types.SfEventsDocument,
    "\n  mutation SfRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state currency minimum { amount } } }\n": types.SfRunDocument,
    "\n  query SfPayouts($filter: SettlementPayoutFilterInput) {\n    settlementPayouts(filter: $filter) { edges { node {\n      id merchantId status amount { amount currency } settledAt\n      report { amount { amount } charges gross { amount } fees { amount } refunds { amount } disputes { amount } returned { amount }\n        lines { kind amount { amount } chargeId disputeId gross { amount } fee { amount } } }\n    } } }\n  }\n": types.SfPayoutsDocument,
    "mutation SfTerms($input: SetSettlementTermsInput!) { setSettlementTerms(input: $input) { merchantId maturityHours ownMaturityHours payoutMinimum } }": types.SfTermsDocument,
    "\n  query SmBalances($id: ID!) {\n    merchant(id: $id) { settlementBalances { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }\n  }\n": types.SmBalancesDocument,
    "query SmEvents($filter: ProcessorEventFilterInput, $after: String) { processorEvents(filter: $filter, first: 100, after: $after) { edges { node { eventId status note } } pageInfo { hasNextPage endCursor } } }": types.SmEventsDocument,
    "query SmAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }": types.SmAccountDocument,
    "mutation SmRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state } }": types.SmRunDocument,
    "\n  query SmPayouts($filter: SettlementPayoutFilterInput) {\n    settlementPayouts(filter: $filter, first: 100) { edges { node { id merchantId status amount { amount currency } report { lines { amount { amount } } } } } }\n  }\n": types.SmPayoutsDocument,
    "\n  query WhEvents($filter: ProcessorEventFilterInput, $first: Int) {\n    processorEvents(filter: $filter, first: $first) { edges { node { id processorId eventId type status entryId note body headers receivedAt } } pageInfo { hasNextPage } }\n  }\n": types.WhEventsDocument,
    "query WhDeadLetters($processorId: ID) { processorDeadLetters(processorId: $processorId) { edges { node { id processorId eventId reason body } } } }": types.WhDeadLettersDocument,
    "query WhNode($id: ID!) { node(id: $id) { id ... on ProcessorEvent { eventId type } } }": types.WhNodeDocument,
    "query WhEntry($id: ID!) { entry(id: $id) { id effectiveAt metadata postings { account { code } direction amount { amount currency } } } }": types.WhEntryDocument,
    "query WhAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }": types.WhAccountDocument,
    "query WhAccountId($code: String!) { accountByCode(code: $code) { id } }": types.WhAccountIdDocument,
    "mutation WhFreeze($id: ID!) { updateAccount(input: { id: $id, status: FROZEN }) { status } }": types.WhFreezeDocument,
    "mutation WhRotate($id: ID!) { rotateProcessorSecret(input: { id: $id }) { signingSecret } }": types.WhRotateDocument,
    "\n  mutation OpenAccount($input: OpenAccountInput!) {\n    openAccount(input: $input) { id code currency status type normalSide\n      balance { posted { amount currency } pending { amount } available { amount } } }\n  }\n": types.OpenAccountDocument,
    "\n  mutation PostEntry($input: PostEntryInput!) {\n    postEntry(input: $input) {\n      id sequence status idempotencyKey description effectiveAt expiresAt\n      postings { direction amount { amount currency } account { id } }\n    }\n  }\n": types.PostEntryDocument,
    "\n  query AccountBalance($id: ID!, $asOf: DateTimeISO) {\n    account(id: $id) { id status balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } }\n  }\n": types.AccountBalanceDocument,
    "\n  query VerifyLedger {\n    verifyLedger { ok accountsChecked mismatches { accountId } currencyNets { amount currency } unbalancedEntryIds }\n  }\n": types.VerifyLedgerDocument,
    "\n  mutation CommitHold($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n": types.CommitHoldDocument,
    "\n  mutation VoidHold($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status } }\n": types.VoidHoldDocument,
    "\n  mutation ReversePosted($input: ReverseEntryInput!) { reverseEntry(input: $input) { id status effectiveAt } }\n": types.ReversePostedDocument,
    "mutation TkRegister($input: RegisterProcessorInput!) { registerProcessor(input: $input) { signingSecret processor { id slug } } }": types.TkRegisterDocument,
    "mutation TkCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }": types.TkCreateMerchantDocument,
    "mutation TkLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { processorMerchantId } }": types.TkLinkDocument,
    "\n  query WalletAccessNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Wallet { ownerId }\n      ... on Withdrawal { status }\n      ... on WalletTransaction { kind }\n    }\n  }\n": types.WalletAccessNodeDocument,
    "query WalletAccessWallets($userId: ID) { wallets(userId: $userId) { id ownerId currency } }": types.WalletAccessWalletsDocument,
    "query WalletAccessWallet($id: ID!) { wallet(id: $id) { id ownerId balance { available { amount } } } }": types.WalletAccessWalletDocument,
    "\n  mutation Deposit($input: DepositInput!) {\n    deposit(input: $input) { id kind status direction amount { amount currency } reference description wallet { id balance { posted { amount } available { amount } } } }\n  }\n": types.DepositDocument,
    "\n  mutation Transfer($input: TransferInput!) {\n    transfer(input: $input) { id kind status amount { amount } memo description counterparty { userId email } wallet { balance { available { amount } } } }\n  }\n": types.TransferDocument,
    "\n  mutation RequestWithdrawal($input: RequestWithdrawalInput!) {\n    requestWithdrawal(input: $input) { id status amount { amount } fee { amount } attempt destination }\n  }\n": types.RequestWithdrawalDocument,
    "\n  query WithdrawalView($id: ID!) {\n    withdrawal(id: $id) { id status attempt failureReason processorReference history { from to reason attempt at } }\n  }\n": types.WithdrawalViewDocument,
    "\n  query MyWallets {\n    wallets { id currency balance { posted { amount } pending { amount } available { amount } } }\n  }\n": types.MyWalletsDocument,
    "\n  mutation WalletRetryWithdrawal($input: RetryWithdrawalInput!) {\n    retryWithdrawal(input: $input) { id status attempt processorReference amount { amount } fee { amount } }\n  }\n": types.WalletRetryWithdrawalDocument,
    "\n  query WalletHistory($id: ID!, $filter: WalletTransactionFilterInput, $first: Int, $after: String) {\n    wallet(id: $id) {\n      id\n      transactions(filter: $filter, first: $first, after: $after) {\n        edges { cursor node {\n          id kind direction status amount { amount currency } memo reference description createdAt\n          counterparty { userId email } withdrawal { id }\n        } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.WalletHistoryDocument,
    "\n  query WalletWithdrawals($filter: WithdrawalFilterInput, $first: Int, $after: String) {\n    withdrawals(filter: $filter, first: $first, after: $after) {\n      edges { node { id status attempt wallet { ownerId } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.WalletWithdrawalsDocument,
    "mutation WalletOpen($currency: String!) { openWallet(currency: $currency) { id currency } }": types.WalletOpenDocument,
    "query WalletAccount($id: ID!) { wallet(id: $id) { account { id } } }": types.WalletAccountDocument,
    "\n  subscription WalletLiveBalances($after: String, $userId: ID) {\n    walletBalanceChanged(after: $after, userId: $userId) {\n      sequence wallet { id ownerId } balance { posted { amount currency } pending { amount } available { amount } }\n    }\n  }\n": types.WalletLiveBalancesDocument,
    "\n  subscription WalletLiveWithdrawals($after: String) {\n    withdrawalUpdated(after: $after) { sequence status withdrawal { id attempt wallet { ownerId } } }\n  }\n": types.WalletLiveWithdrawalsDocument,
    "query StaffWallets($userId: ID) { wallets(userId: $userId) { id currency ownerId } }": types.StaffWalletsDocument,
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
export function graphql(source: "\n  query AccountView($id: ID!) { account(id: $id) { id ownerId parent { id } balance { posted { amount } } } }\n"): (typeof documents)["\n  query AccountView($id: ID!) { account(id: $id) { id ownerId parent { id } balance { posted { amount } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccountByCodeView($code: String!) { accountByCode(code: $code) { id } }"): (typeof documents)["query AccountByCodeView($code: String!) { accountByCode(code: $code) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyAccounts { accounts(first: 100) { edges { node { id ownerId } } } }"): (typeof documents)["query MyAccounts { accounts(first: 100) { edges { node { id ownerId } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyEntries($accountId: ID) {\n    entries(first: 100, filter: { accountId: $accountId }) { edges { node { id postings { accountId account { id } } } } }\n  }\n"): (typeof documents)["\n  query MyEntries($accountId: ID) {\n    entries(first: 100, filter: { accountId: $accountId }) { edges { node { id postings { accountId account { id } } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EntryView($id: ID!) { entry(id: $id) { id } }"): (typeof documents)["query EntryView($id: ID!) { entry(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NodeView($id: ID!) { node(id: $id) { id } }"): (typeof documents)["query NodeView($id: ID!) { node(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WatchBalances($accountIds: [ID!]!) { balanceChanged(accountIds: $accountIds, after: \"0\") { accountId balance { posted { amount } } } }\n"): (typeof documents)["\n  subscription WatchBalances($accountIds: [ID!]!) { balanceChanged(accountIds: $accountIds, after: \"0\") { accountId balance { posted { amount } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WatchEntries($accountIds: [ID!]) { entryPosted(accountIds: $accountIds, after: \"0\") { entry { id } } }\n"): (typeof documents)["\n  subscription WatchEntries($accountIds: [ID!]) { entryPosted(accountIds: $accountIds, after: \"0\") { entry { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email } }"): (typeof documents)["mutation ApCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApLogin($input: LoginInput!) { login(input: $input) { accessToken } }"): (typeof documents)["mutation ApLogin($input: LoginInput!) { login(input: $input) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApDeposit($input: DepositInput!) { deposit(input: $input) { id } }"): (typeof documents)["mutation ApDeposit($input: DepositInput!) { deposit(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ApWallets { wallets { currency balance { posted { amount } } } }"): (typeof documents)["query ApWallets { wallets { currency balance { posted { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BlCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }"): (typeof documents)["mutation BlCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BlCreatePayer($input: CreatePayerInput!) { createPayer(input: $input) { id merchantId name reference status guardians { id } } }"): (typeof documents)["mutation BlCreatePayer($input: CreatePayerInput!) { createPayer(input: $input) { id merchantId name reference status guardians { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BlIssue($input: IssueInvoiceInput!) {\n    issueInvoice(input: $input) { id number status currency total { amount } paid { amount } remaining { amount } issuedAt dueAt memo entryId\n      lines { description quantity unitAmount { amount } amount { amount } } }\n  }\n"): (typeof documents)["\n  mutation BlIssue($input: IssueInvoiceInput!) {\n    issueInvoice(input: $input) { id number status currency total { amount } paid { amount } remaining { amount } issuedAt dueAt memo entryId\n      lines { description quantity unitAmount { amount } amount { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BlPay($input: RecordInvoicePaymentInput!) {\n    recordInvoicePayment(input: $input) { replayed payment { id amount { amount } method reference entryId paidAt } invoice { id status paid { amount } remaining { amount } } }\n  }\n"): (typeof documents)["\n  mutation BlPay($input: RecordInvoicePaymentInput!) {\n    recordInvoicePayment(input: $input) { replayed payment { id amount { amount } method reference entryId paidAt } invoice { id status paid { amount } remaining { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BlVoid($id: ID!) { voidInvoice(input: { id: $id }) { id status remaining { amount } voidEntryId voidedAt } }"): (typeof documents)["mutation BlVoid($id: ID!) { voidInvoice(input: { id: $id }) { id status remaining { amount } voidEntryId voidedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlInvoice($id: ID!, $asOf: DateTimeISO) { invoice(id: $id) { id status overdue(asOf: $asOf) paid { amount } remaining { amount } payments { id amount { amount } } } }\n"): (typeof documents)["\n  query BlInvoice($id: ID!, $asOf: DateTimeISO) { invoice(id: $id) { id status overdue(asOf: $asOf) paid { amount } remaining { amount } payments { id amount { amount } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BlInvoices($filter: InvoiceFilterInput) { invoices(first: 100, filter: $filter) { edges { node { id number status } } } }"): (typeof documents)["query BlInvoices($filter: InvoiceFilterInput) { invoices(first: 100, filter: $filter) { edges { node { id number status } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BlPayers($filter: PayerFilterInput) { payers(first: 100, filter: $filter) { edges { node { id status } } } }"): (typeof documents)["query BlPayers($filter: PayerFilterInput) { payers(first: 100, filter: $filter) { edges { node { id status } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BlAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }"): (typeof documents)["query BlAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BlEntry($id: ID!) { entry(id: $id) { effectiveAt postings { account { code } direction amount { amount } } } }"): (typeof documents)["query BlEntry($id: ID!) { entry(id: $id) { effectiveAt postings { account { code } direction amount { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BlArchive($id: ID!) { archivePayer(input: { id: $id }) { id status archivedAt } }"): (typeof documents)["mutation BlArchive($id: ID!) { archivePayer(input: { id: $id }) { id status archivedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BlGuardian($input: PayerGuardianInput!) { addPayerGuardian(input: $input) { id guardians { id } } }"): (typeof documents)["mutation BlGuardian($input: PayerGuardianInput!) { addPayerGuardian(input: $input) { id guardians { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BlBadGuardian($input: CreatePayerInput!) { createPayer(input: $input) { id } }"): (typeof documents)["mutation BlBadGuardian($input: CreatePayerInput!) { createPayer(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BlOtherSchool($input: CreatePayerInput!) { createPayer(input: $input) { id } }"): (typeof documents)["mutation BlOtherSchool($input: CreatePayerInput!) { createPayer(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription BlUpdates($after: String, $payerId: ID) { invoiceUpdated(after: $after, payerId: $payerId) { sequence status invoice { id paid { amount } } } }"): (typeof documents)["subscription BlUpdates($after: String, $payerId: ID) { invoiceUpdated(after: $after, payerId: $payerId) { sequence status invoice { id paid { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation BlPayFromWallet($input: PayInvoiceInput!) { payInvoice(input: $input) { replayed payment { id method amount { amount } } invoice { status remaining { amount } } } }\n  "): (typeof documents)["\n    mutation BlPayFromWallet($input: PayInvoiceInput!) { payInvoice(input: $input) { replayed payment { id method amount { amount } } invoice { status remaining { amount } } } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BlWallet { wallets { currency balance { available { amount } } transactions(first: 5) { edges { node { kind amount { amount } reference } } } } }"): (typeof documents)["query BlWallet { wallets { currency balance { available { amount } } transactions(first: 5) { edges { node { kind amount { amount } reference } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlCachedStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { opening { amount } closing { amount } paid { amount } lines { kind amount { amount } balance { amount } } }\n  }\n"): (typeof documents)["\n  query BlCachedStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { opening { amount } closing { amount } paid { amount } lines { kind amount { amount } balance { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlLongStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated lines { kind balance { amount } } }\n  }\n"): (typeof documents)["\n  query BlLongStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated lines { kind balance { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlPayerStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { ...BlStatementFields }\n  }\n"): (typeof documents)["\n  query BlPayerStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    payerStatement(payerId: $payerId, currency: \"USD\", from: $from, to: $to) { ...BlStatementFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlSchoolStatement($merchantId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    organisationStatement(merchantId: $merchantId, currency: \"USD\", from: $from, to: $to) { ...BlStatementFields }\n  }\n"): (typeof documents)["\n  query BlSchoolStatement($merchantId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    organisationStatement(merchantId: $merchantId, currency: \"USD\", from: $from, to: $to) { ...BlStatementFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BlStatementFields on Statement {\n    opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated\n    lines { kind invoiceNumber amount { amount } balance { amount } }\n    aging { current { amount } days1To30 { amount } days31To60 { amount } days61To90 { amount } over90 { amount } }\n  }\n"): (typeof documents)["\n  fragment BlStatementFields on Statement {\n    opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated\n    lines { kind invoiceNumber amount { amount } balance { amount } }\n    aging { current { amount } days1To30 { amount } days31To60 { amount } days61To90 { amount } over90 { amount } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CbCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id name slug status defaultCurrency users { id } } }\n"): (typeof documents)["\n  mutation CbCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id name slug status defaultCurrency users { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CbVerifyMerchant($id: ID!) { verifyMerchant(input: { id: $id }) { id status verifiedAt } }"): (typeof documents)["mutation CbVerifyMerchant($id: ID!) { verifyMerchant(input: { id: $id }) { id status verifiedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CbSuspendMerchant($id: ID!) { suspendMerchant(input: { id: $id }) { id status } }"): (typeof documents)["mutation CbSuspendMerchant($id: ID!) { suspendMerchant(input: { id: $id }) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CbActivateMerchant($id: ID!) { activateMerchant(input: { id: $id }) { id status } }"): (typeof documents)["mutation CbActivateMerchant($id: ID!) { activateMerchant(input: { id: $id }) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CbCreateOffer($input: CreateOfferInput!) {\n    createOffer(input: $input) { id kind status basisPoints fixedAmount { amount } budget { amount } budgetUsed { amount } budgetLeft { amount } perUserCap { amount } }\n  }\n"): (typeof documents)["\n  mutation CbCreateOffer($input: CreateOfferInput!) {\n    createOffer(input: $input) { id kind status basisPoints fixedAmount { amount } budget { amount } budgetUsed { amount } budgetLeft { amount } perUserCap { amount } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CbSetOfferStatus($input: SetOfferStatusInput!) { setOfferStatus(input: $input) { id status } }"): (typeof documents)["mutation CbSetOfferStatus($input: SetOfferStatusInput!) { setOfferStatus(input: $input) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CbOffer($id: ID!) { offer(id: $id) { id status budgetUsed { amount } budgetLeft { amount } } }"): (typeof documents)["query CbOffer($id: ID!) { offer(id: $id) { id status budgetUsed { amount } budgetLeft { amount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CbRecordPurchase($input: RecordPurchaseInput!) {\n    recordPurchase(input: $input) { id externalId status merchantId customerId amount { amount currency } cashback { amount } cashbackGranted { amount }\n      cashbackReversed { amount } clawedBack { amount } shortfall { amount } netted { amount } refunded { amount } cappedBy noCashbackReason\n      pendingEntryId confirmationEntryId }\n  }\n"): (typeof documents)["\n  mutation CbRecordPurchase($input: RecordPurchaseInput!) {\n    recordPurchase(input: $input) { id externalId status merchantId customerId amount { amount currency } cashback { amount } cashbackGranted { amount }\n      cashbackReversed { amount } clawedBack { amount } shortfall { amount } netted { amount } refunded { amount } cappedBy noCashbackReason\n      pendingEntryId confirmationEntryId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CbConfirm($input: ConfirmPurchaseInput!) { confirmPurchase(input: $input) { id status cashback { amount } netted { amount } confirmationEntryId } }\n"): (typeof documents)["\n  mutation CbConfirm($input: ConfirmPurchaseInput!) { confirmPurchase(input: $input) { id status cashback { amount } netted { amount } confirmationEntryId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CbReverse($input: ReversePurchaseInput!) { reversePurchase(input: $input) { id status cashback { amount } clawedBack { amount } shortfall { amount } } }\n"): (typeof documents)["\n  mutation CbReverse($input: ReversePurchaseInput!) { reversePurchase(input: $input) { id status cashback { amount } clawedBack { amount } shortfall { amount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CbRefund($input: RefundPurchaseInput!) { refundPurchase(input: $input) { id status cashback { amount } cashbackReversed { amount } refunded { amount } clawedBack { amount } } }\n"): (typeof documents)["\n  mutation CbRefund($input: RefundPurchaseInput!) { refundPurchase(input: $input) { id status cashback { amount } cashbackReversed { amount } refunded { amount } clawedBack { amount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CbPurchase($id: ID!) { purchase(id: $id) { id status cashback { amount } history { kind status reason } merchant { id } offer { id } } }\n"): (typeof documents)["\n  query CbPurchase($id: ID!) { purchase(id: $id) { id status cashback { amount } history { kind status reason } merchant { id } offer { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CbPurchases($filter: PurchaseFilterInput, $first: Int) { purchases(filter: $filter, first: $first) { edges { node { id status customerId merchantId } } } }\n"): (typeof documents)["\n  query CbPurchases($filter: PurchaseFilterInput, $first: Int) { purchases(filter: $filter, first: $first) { edges { node { id status customerId merchantId } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CbSummary($userId: ID) { cashbackSummary(userId: $userId) { currency pending { amount } confirmed { amount } available { amount } paidOut { amount } clawedBack { amount } owed { amount } } }\n"): (typeof documents)["\n  query CbSummary($userId: ID) { cashbackSummary(userId: $userId) { currency pending { amount } confirmed { amount } available { amount } paidOut { amount } clawedBack { amount } owed { amount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CbCashbackChanged($after: String) { cashbackChanged(after: $after) { sequence status purchase { id status cashback { amount } } } }\n"): (typeof documents)["\n  subscription CbCashbackChanged($after: String) { cashbackChanged(after: $after) { sequence status purchase { id status cashback { amount } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CbPurchaseRecorded($after: String) { purchaseRecorded(after: $after) { sequence purchase { id externalId } } }\n"): (typeof documents)["\n  subscription CbPurchaseRecorded($after: String) { purchaseRecorded(after: $after) { sequence purchase { id externalId } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CbWalletsOwed { wallets { currency cashbackOwed { amount currency } } }"): (typeof documents)["query CbWalletsOwed { wallets { currency cashbackOwed { amount currency } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CbAddMerchantUser($input: AddMerchantUserInput!) { addMerchantUser(input: $input) { id users { id } } }"): (typeof documents)["mutation CbAddMerchantUser($input: AddMerchantUserInput!) { addMerchantUser(input: $input) { id users { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CbRemoveMerchantUser($input: RemoveMerchantUserInput!) { removeMerchantUser(input: $input) { id users { id } } }"): (typeof documents)["mutation CbRemoveMerchantUser($input: RemoveMerchantUserInput!) { removeMerchantUser(input: $input) { id users { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdentityRegister($input: RegisterInput!) { register(input: $input) { email message } }\n"): (typeof documents)["\n  mutation IdentityRegister($input: RegisterInput!) { register(input: $input) { email message } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdentityLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt tokenType\n      user { id email role status }\n    }\n  }\n"): (typeof documents)["\n  mutation IdentityLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt tokenType\n      user { id email role status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdentityRefresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) { accessToken refreshToken user { id email } }\n  }\n"): (typeof documents)["\n  mutation IdentityRefresh($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) { accessToken refreshToken user { id email } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdentityLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"): (typeof documents)["\n  mutation IdentityLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdentityLogoutEverywhere { logoutEverywhere }\n"): (typeof documents)["\n  mutation IdentityLogoutEverywhere { logoutEverywhere }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityMe { me { id email role status } }\n"): (typeof documents)["\n  query IdentityMe { me { id email role status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdentityCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email role status } }\n"): (typeof documents)["\n  mutation IdentityCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email role status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdentityUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role status } }\n"): (typeof documents)["\n  mutation IdentityUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityUser($id: ID!) { user(id: $id) { id email role status } }\n"): (typeof documents)["\n  query IdentityUser($id: ID!) { user(id: $id) { id email role status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityUsers($filter: UserFilterInput, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { id email role status } } pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query IdentityUsers($filter: UserFilterInput, $first: Int, $after: String) {\n    users(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { id email role status } } pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdentityCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { key apiKey { id name prefix roles userId createdById revokedAt } }\n  }\n"): (typeof documents)["\n  mutation IdentityCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { key apiKey { id name prefix roles userId createdById revokedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IdentityRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n"): (typeof documents)["\n  mutation IdentityRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {\n    apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) {\n      edges { node { id name prefix roles userId createdById createdAt lastUsedAt revokedAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query IdentityApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {\n    apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) {\n      edges { node { id name prefix roles userId createdById createdAt lastUsedAt revokedAt } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FreezeAccount($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }\n"): (typeof documents)["\n  mutation FreezeAccount($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountEntryCount($accountId: ID!) { entries(filter: { accountId: $accountId }, first: 100) { edges { node { id } } } }\n"): (typeof documents)["\n  query AccountEntryCount($accountId: ID!) { entries(filter: { accountId: $accountId }, first: 100) { edges { node { id } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsPage($first: Int, $after: String) { accounts(first: $first, after: $after) { edges { node { id } } } }\n"): (typeof documents)["\n  query AccountsPage($first: Int, $after: String) { accounts(first: $first, after: $after) { edges { node { id } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PastBalances($prefix: String!, $asOf: DateTimeISO) {\n    accounts(filter: { codePrefix: $prefix }, first: 100) {\n      edges { node { id balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } } }\n    }\n  }\n"): (typeof documents)["\n  query PastBalances($prefix: String!, $asOf: DateTimeISO) {\n    accounts(filter: { codePrefix: $prefix }, first: 100) {\n      edges { node { id balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostBatch($input: PostEntriesInput!) {\n    postEntries(input: $input) { index error { code } entry { id status } }\n  }\n"): (typeof documents)["\n  mutation PostBatch($input: PostEntriesInput!) {\n    postEntries(input: $input) { index error { code } entry { id status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyCheckpoints {\n    verifyLedger {\n      ok mismatches { accountId } unbalancedEntryIds holdTimeMismatchPostingIds\n      checkpointMismatches {\n        accountId at postingId storedPostedDebits computedPostedDebits storedPostedCredits computedPostedCredits\n        storedPendingDebits computedPendingDebits storedPendingCredits computedPendingCredits storedChanges computedChanges\n      }\n    }\n  }\n"): (typeof documents)["\n  query VerifyCheckpoints {\n    verifyLedger {\n      ok mismatches { accountId } unbalancedEntryIds holdTimeMismatchPostingIds\n      checkpointMismatches {\n        accountId at postingId storedPostedDebits computedPostedDebits storedPostedCredits computedPostedCredits\n        storedPendingDebits computedPendingDebits storedPendingCredits computedPendingCredits storedChanges computedChanges\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WatchByCode($accountCodes: [String!], $accountIds: [ID!]) {\n    balanceChanged(accountCodes: $accountCodes, accountIds: $accountIds) { accountId balance { posted { amount } } }\n  }\n"): (typeof documents)["\n  subscription WatchByCode($accountCodes: [String!], $accountIds: [ID!]) {\n    balanceChanged(accountCodes: $accountCodes, accountIds: $accountIds) { accountId balance { posted { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EntriesByCode($accountCodes: [String!]) { entryPosted(accountCodes: $accountCodes) { type entry { id } } }\n"): (typeof documents)["\n  subscription EntriesByCode($accountCodes: [String!]) { entryPosted(accountCodes: $accountCodes) { type entry { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccountCodeOf($id: ID!) { account(id: $id) { code } }"): (typeof documents)["query AccountCodeOf($id: ID!) { account(id: $id) { code } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NestedAccounts($prefix: String!, $first: Int!) {\n    accounts(filter: { codePrefix: $prefix }, first: $first) {\n      edges { node {\n        code parent { code }\n        balance { posted { amount } }\n        recentEntries(first: 3) {\n          id reversedBy { id } pendingEntry { id }\n          postings { amount { amount } account { code balance { available { amount } } } }\n        }\n      } }\n    }\n  }\n"): (typeof documents)["\n  query NestedAccounts($prefix: String!, $first: Int!) {\n    accounts(filter: { codePrefix: $prefix }, first: $first) {\n      edges { node {\n        code parent { code }\n        balance { posted { amount } }\n        recentEntries(first: 3) {\n          id reversedBy { id } pendingEntry { id }\n          postings { amount { amount } account { code balance { available { amount } } } }\n        }\n      } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommitPending($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n"): (typeof documents)["\n  mutation CommitPending($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoidPending($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status resolvedAt } }\n"): (typeof documents)["\n  mutation VoidPending($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status resolvedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReverseEntry($input: ReverseEntryInput!) {\n    reverseEntry(input: $input) { id status reverses { id reversedBy { id } } postings { direction account { id } } }\n  }\n"): (typeof documents)["\n  mutation ReverseEntry($input: ReverseEntryInput!) {\n    reverseEntry(input: $input) { id status reverses { id reversedBy { id } } postings { direction account { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostEntries($input: PostEntriesInput!) {\n    postEntries(input: $input) { index replayed entry { id } error { code message } }\n  }\n"): (typeof documents)["\n  mutation PostEntries($input: PostEntriesInput!) {\n    postEntries(input: $input) { index replayed entry { id } error { code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntriesOfAccount($accountId: ID!, $first: Int, $after: String) {\n    entries(filter: { accountId: $accountId }, first: $first, after: $after) {\n      edges { cursor node { id sequence } } pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query EntriesOfAccount($accountId: ID!, $first: Int, $after: String) {\n    entries(filter: { accountId: $accountId }, first: $first, after: $after) {\n      edges { cursor node { id sequence } } pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Account { code }\n      ... on JournalEntry { status }\n      ... on Posting { direction amount { amount } }\n    }\n  }\n"): (typeof documents)["\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Account { code }\n      ... on JournalEntry { status }\n      ... on Posting { direction amount { amount } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntryPostingIds($id: ID!) { entry(id: $id) { postings { id } } }\n"): (typeof documents)["\n  query EntryPostingIds($id: ID!) { entry(id: $id) { postings { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BalanceChanged($accountIds: [ID!]!, $after: String) {\n    balanceChanged(accountIds: $accountIds, after: $after) {\n      sequence type accountId balance { posted { amount currency } available { amount } } entry { id }\n    }\n  }\n"): (typeof documents)["\n  subscription BalanceChanged($accountIds: [ID!]!, $after: String) {\n    balanceChanged(accountIds: $accountIds, after: $after) {\n      sequence type accountId balance { posted { amount currency } available { amount } } entry { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EntryPosted($accountIds: [ID!], $after: String) {\n    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id status } }\n  }\n"): (typeof documents)["\n  subscription EntryPosted($accountIds: [ID!], $after: String) {\n    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AfterPastRange($after: String) { withdrawalUpdated(after: $after) { sequence } }"): (typeof documents)["subscription AfterPastRange($after: String) { withdrawalUpdated(after: $after) { sequence } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayoutRequest($input: RequestPayoutInput!) {\n    requestPayout(input: $input) { id status amount { amount currency } destination processAfter processorReference failureReason }\n  }\n"): (typeof documents)["\n  mutation PayoutRequest($input: RequestPayoutInput!) {\n    requestPayout(input: $input) { id status amount { amount currency } destination processAfter processorReference failureReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayoutCancel($input: CancelPayoutInput!) {\n    cancelPayout(input: $input) { id status amount { amount } history { from to reason } }\n  }\n"): (typeof documents)["\n  mutation PayoutCancel($input: CancelPayoutInput!) {\n    cancelPayout(input: $input) { id status amount { amount } history { from to reason } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PayoutView($id: ID!) {\n    payout(id: $id) {\n      id status amount { amount currency } destination processorReference failureReason\n      history { from to reason } wallet { ownerId currency } run { id }\n    }\n  }\n"): (typeof documents)["\n  query PayoutView($id: ID!) {\n    payout(id: $id) {\n      id status amount { amount currency } destination processorReference failureReason\n      history { from to reason } wallet { ownerId currency } run { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PayoutList($filter: PayoutFilterInput, $first: Int, $after: String) {\n    payouts(filter: $filter, first: $first, after: $after) {\n      edges { node { id status amount { amount } wallet { ownerId } run { id } } } pageInfo { endCursor hasNextPage }\n    }\n  }\n"): (typeof documents)["\n  query PayoutList($filter: PayoutFilterInput, $first: Int, $after: String) {\n    payouts(filter: $filter, first: $first, after: $after) {\n      edges { node { id status amount { amount } wallet { ownerId } run { id } } } pageInfo { endCursor hasNextPage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PayoutWalletLines {\n    wallets {\n      currency account { id }\n      transactions(filter: { kinds: [PAYOUT] }) {\n        edges { node { id kind status direction description amount { amount } entry { id status } payout { id status } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PayoutWalletLines {\n    wallets {\n      currency account { id }\n      transactions(filter: { kinds: [PAYOUT] }) {\n        edges { node { id kind status direction description amount { amount } entry { id status } payout { id status } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayoutStartRun($input: StartPayoutRunInput!) {\n    startPayoutRun(input: $input) {\n      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt\n    }\n  }\n"): (typeof documents)["\n  mutation PayoutStartRun($input: StartPayoutRunInput!) {\n    startPayoutRun(input: $input) {\n      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PayoutRunView($id: ID!) {\n    payoutRun(id: $id) {\n      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt\n    }\n  }\n"): (typeof documents)["\n  query PayoutRunView($id: ID!) {\n    payoutRun(id: $id) {\n      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PayoutRunList($first: Int) { payoutRuns(first: $first) { edges { node { id runKey status } } } }\n"): (typeof documents)["\n  query PayoutRunList($first: Int) { payoutRuns(first: $first) { edges { node { id runKey status } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PayoutUpdates($after: String) {\n    payoutUpdated(after: $after) { sequence status payout { id status wallet { ownerId } } }\n  }\n"): (typeof documents)["\n  subscription PayoutUpdates($after: String) {\n    payoutUpdated(after: $after) { sequence status payout { id status wallet { ownerId } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PayoutRunProgress($runId: ID!, $after: String) {\n    payoutRunProgress(runId: $runId, after: $after) { sequence run { id status walletsScanned payoutsCreated walletsSkipped totalAmount { amount } } }\n  }\n"): (typeof documents)["\n  subscription PayoutRunProgress($runId: ID!, $after: String) {\n    payoutRunProgress(runId: $runId, after: $after) { sequence run { id status walletsScanned payoutsCreated walletsSkipped totalAmount { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayoutFreezeWallet($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }\n"): (typeof documents)["\n  mutation PayoutFreezeWallet($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RetentionBalanceChanged($accountIds: [ID!]!, $after: String) {\n    balanceChanged(accountIds: $accountIds, after: $after) { sequence balance { posted { amount } } }\n  }\n"): (typeof documents)["\n  subscription RetentionBalanceChanged($accountIds: [ID!]!, $after: String) {\n    balanceChanged(accountIds: $accountIds, after: $after) { sequence balance { posted { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RetentionEntryPosted($after: String) { entryPosted(after: $after) { sequence } }\n"): (typeof documents)["\n  subscription RetentionEntryPosted($after: String) { entryPosted(after: $after) { sequence } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RetentionWalletBalances($after: String) { walletBalanceChanged(after: $after) { sequence } }\n"): (typeof documents)["\n  subscription RetentionWalletBalances($after: String) { walletBalanceChanged(after: $after) { sequence } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RetentionWithdrawals($after: String) { withdrawalUpdated(after: $after) { sequence } }\n"): (typeof documents)["\n  subscription RetentionWithdrawals($after: String) { withdrawalUpdated(after: $after) { sequence } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeliveryWatchEntries($accountIds: [ID!], $after: String) {\n    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id } }\n  }\n"): (typeof documents)["\n  subscription DeliveryWatchEntries($accountIds: [ID!], $after: String) {\n    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FanoutDashboard($accountIds: [ID!]) {\n    entryPosted(accountIds: $accountIds) { sequence entry { id description postings { amount { amount } account { code } } } }\n  }\n"): (typeof documents)["\n  subscription FanoutDashboard($accountIds: [ID!]) {\n    entryPosted(accountIds: $accountIds) { sequence entry { id description postings { amount { amount } account { code } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RpJReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id } }"): (typeof documents)["mutation RpJReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RpEntry($id: ID!) { entry(id: $id) { id effectiveAt postings { direction amount { amount currency } account { id code } } } }"): (typeof documents)["query RpEntry($id: ID!) { entry(id: $id) { id effectiveAt postings { direction amount { amount currency } account { id code } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RpReverseEntry($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt } }"): (typeof documents)["mutation RpReverseEntry($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RpTrialBalance($currency: String!, $at: DateTimeISO, $activeOnly: Boolean, $codePrefix: String, $types: [AccountType!]) {\n    trialBalance(currency: $currency, at: $at, activeOnly: $activeOnly, codePrefix: $codePrefix, types: $types) {\n      linesTruncated balanced totalDebits { amount } totalCredits { amount } debitBalances { amount } creditBalances { amount }\n      lines { accountId code type debits { amount } credits { amount } net { amount currency } }\n    }\n  }\n"): (typeof documents)["\n  query RpTrialBalance($currency: String!, $at: DateTimeISO, $activeOnly: Boolean, $codePrefix: String, $types: [AccountType!]) {\n    trialBalance(currency: $currency, at: $at, activeOnly: $activeOnly, codePrefix: $codePrefix, types: $types) {\n      linesTruncated balanced totalDebits { amount } totalCredits { amount } debitBalances { amount } creditBalances { amount }\n      lines { accountId code type debits { amount } credits { amount } net { amount currency } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RpSection on ReportSection { type total { amount } linesTruncated lines { accountId parentId depth amount { amount } ownAmount { amount } } }\n"): (typeof documents)["\n  fragment RpSection on ReportSection { type total { amount } linesTruncated lines { accountId parentId depth amount { amount } ownAmount { amount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RpBalanceSheet($currency: String!, $at: DateTimeISO) {\n    balanceSheet(currency: $currency, at: $at) {\n      balanced netIncome { amount } totalAssets { amount } totalLiabilities { amount } totalEquity { amount }\n      assets { ...RpSection } liabilities { ...RpSection } equity { ...RpSection }\n    }\n  }\n"): (typeof documents)["\n  query RpBalanceSheet($currency: String!, $at: DateTimeISO) {\n    balanceSheet(currency: $currency, at: $at) {\n      balanced netIncome { amount } totalAssets { amount } totalLiabilities { amount } totalEquity { amount }\n      assets { ...RpSection } liabilities { ...RpSection } equity { ...RpSection }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RpIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...RpSection } expenses { ...RpSection } }\n  }\n"): (typeof documents)["\n  query RpIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...RpSection } expenses { ...RpSection } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RpClosePeriod($input: ClosePeriodInput!) {\n    closePeriod(input: $input) { replayed close { id period status closedBy startsAt endsAt reopenedAt reopenReason closingEntries { entryId currency kind } } }\n  }\n"): (typeof documents)["\n  mutation RpClosePeriod($input: ClosePeriodInput!) {\n    closePeriod(input: $input) { replayed close { id period status closedBy startsAt endsAt reopenedAt reopenReason closingEntries { entryId currency kind } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RpReopenPeriod($input: ReopenPeriodInput!) {\n    reopenPeriod(input: $input) { replayed close { id period status reopenedBy reopenReason closingEntries { entryId currency kind } } }\n  }\n"): (typeof documents)["\n  mutation RpReopenPeriod($input: ReopenPeriodInput!) {\n    reopenPeriod(input: $input) { replayed close { id period status reopenedBy reopenReason closingEntries { entryId currency kind } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RpPeriods($last: Int) { accountingPeriods(last: $last) { closedThrough periodKind periods { name status startsAt endsAt closes { id status } } } }\n"): (typeof documents)["\n  query RpPeriods($last: Int) { accountingPeriods(last: $last) { closedThrough periodKind periods { name status startsAt endsAt closes { id status } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RpCommit($input: CommitPendingEntryInput!) { commitPendingEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }"): (typeof documents)["mutation RpCommit($input: CommitPendingEntryInput!) { commitPendingEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RpVoid($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id } }"): (typeof documents)["mutation RpVoid($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RpReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }"): (typeof documents)["mutation RpReverse($input: ReverseEntryInput!) { reverseEntry(input: $input) { id effectiveAt postings { direction amount { amount } account { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StRegisterProcessor($input: RegisterProcessorInput!) {\n    registerProcessor(input: $input) { signingSecret processor { id name slug webhookPath secretVersion previousSecretValidUntil } }\n  }\n"): (typeof documents)["\n  mutation StRegisterProcessor($input: RegisterProcessorInput!) {\n    registerProcessor(input: $input) { signingSecret processor { id name slug webhookPath secretVersion previousSecretValidUntil } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StRotateProcessorSecret($id: ID!) {\n    rotateProcessorSecret(input: { id: $id }) { signingSecret processor { id secretVersion previousSecretValidUntil } }\n  }\n"): (typeof documents)["\n  mutation StRotateProcessorSecret($id: ID!) {\n    rotateProcessorSecret(input: { id: $id }) { signingSecret processor { id secretVersion previousSecretValidUntil } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { merchantId processorId processorMerchantId } }\n"): (typeof documents)["\n  mutation StLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { merchantId processorId processorMerchantId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }"): (typeof documents)["mutation StCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StMerchantLinks($id: ID!) { merchant(id: $id) { id processorLinks { processorId processorMerchantId } } }"): (typeof documents)["query StMerchantLinks($id: ID!) { merchant(id: $id) { id processorLinks { processorId processorMerchantId } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StProcessors { processors(first: 100) { edges { node { id slug secretVersion } } } }"): (typeof documents)["query StProcessors { processors(first: 100) { edges { node { id slug secretVersion } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SfBalances($id: ID!, $asOf: DateTimeISO) {\n    merchant(id: $id) { settlementBalances(asOf: $asOf) { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }\n  }\n"): (typeof documents)["\n  query SfBalances($id: ID!, $asOf: DateTimeISO) {\n    merchant(id: $id) { settlementBalances(asOf: $asOf) { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SfEvents($filter: ProcessorEventFilterInput) { processorEvents(filter: $filter, first: 100) { edges { node { eventId type status note awaiting entryId } } } }"): (typeof documents)["query SfEvents($filter: ProcessorEventFilterInput) { processorEvents(filter: $filter, first: 100) { edges { node { eventId type status note awaiting entryId } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SfRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state currency minimum { amount } } }\n"): (typeof documents)["\n  mutation SfRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state currency minimum { amount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SfPayouts($filter: SettlementPayoutFilterInput) {\n    settlementPayouts(filter: $filter) { edges { node {\n      id merchantId status amount { amount currency } settledAt\n      report { amount { amount } charges gross { amount } fees { amount } refunds { amount } disputes { amount } returned { amount }\n        lines { kind amount { amount } chargeId disputeId gross { amount } fee { amount } } }\n    } } }\n  }\n"): (typeof documents)["\n  query SfPayouts($filter: SettlementPayoutFilterInput) {\n    settlementPayouts(filter: $filter) { edges { node {\n      id merchantId status amount { amount currency } settledAt\n      report { amount { amount } charges gross { amount } fees { amount } refunds { amount } disputes { amount } returned { amount }\n        lines { kind amount { amount } chargeId disputeId gross { amount } fee { amount } } }\n    } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SfTerms($input: SetSettlementTermsInput!) { setSettlementTerms(input: $input) { merchantId maturityHours ownMaturityHours payoutMinimum } }"): (typeof documents)["mutation SfTerms($input: SetSettlementTermsInput!) { setSettlementTerms(input: $input) { merchantId maturityHours ownMaturityHours payoutMinimum } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SmBalances($id: ID!) {\n    merchant(id: $id) { settlementBalances { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }\n  }\n"): (typeof documents)["\n  query SmBalances($id: ID!) {\n    merchant(id: $id) { settlementBalances { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SmEvents($filter: ProcessorEventFilterInput, $after: String) { processorEvents(filter: $filter, first: 100, after: $after) { edges { node { eventId status note } } pageInfo { hasNextPage endCursor } } }"): (typeof documents)["query SmEvents($filter: ProcessorEventFilterInput, $after: String) { processorEvents(filter: $filter, first: 100, after: $after) { edges { node { eventId status note } } pageInfo { hasNextPage endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SmAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }"): (typeof documents)["query SmAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SmRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state } }"): (typeof documents)["mutation SmRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SmPayouts($filter: SettlementPayoutFilterInput) {\n    settlementPayouts(filter: $filter, first: 100) { edges { node { id merchantId status amount { amount currency } report { lines { amount { amount } } } } } }\n  }\n"): (typeof documents)["\n  query SmPayouts($filter: SettlementPayoutFilterInput) {\n    settlementPayouts(filter: $filter, first: 100) { edges { node { id merchantId status amount { amount currency } report { lines { amount { amount } } } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhEvents($filter: ProcessorEventFilterInput, $first: Int) {\n    processorEvents(filter: $filter, first: $first) { edges { node { id processorId eventId type status entryId note body headers receivedAt } } pageInfo { hasNextPage } }\n  }\n"): (typeof documents)["\n  query WhEvents($filter: ProcessorEventFilterInput, $first: Int) {\n    processorEvents(filter: $filter, first: $first) { edges { node { id processorId eventId type status entryId note body headers receivedAt } } pageInfo { hasNextPage } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WhDeadLetters($processorId: ID) { processorDeadLetters(processorId: $processorId) { edges { node { id processorId eventId reason body } } } }"): (typeof documents)["query WhDeadLetters($processorId: ID) { processorDeadLetters(processorId: $processorId) { edges { node { id processorId eventId reason body } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WhNode($id: ID!) { node(id: $id) { id ... on ProcessorEvent { eventId type } } }"): (typeof documents)["query WhNode($id: ID!) { node(id: $id) { id ... on ProcessorEvent { eventId type } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WhEntry($id: ID!) { entry(id: $id) { id effectiveAt metadata postings { account { code } direction amount { amount currency } } } }"): (typeof documents)["query WhEntry($id: ID!) { entry(id: $id) { id effectiveAt metadata postings { account { code } direction amount { amount currency } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WhAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }"): (typeof documents)["query WhAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WhAccountId($code: String!) { accountByCode(code: $code) { id } }"): (typeof documents)["query WhAccountId($code: String!) { accountByCode(code: $code) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WhFreeze($id: ID!) { updateAccount(input: { id: $id, status: FROZEN }) { status } }"): (typeof documents)["mutation WhFreeze($id: ID!) { updateAccount(input: { id: $id, status: FROZEN }) { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WhRotate($id: ID!) { rotateProcessorSecret(input: { id: $id }) { signingSecret } }"): (typeof documents)["mutation WhRotate($id: ID!) { rotateProcessorSecret(input: { id: $id }) { signingSecret } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenAccount($input: OpenAccountInput!) {\n    openAccount(input: $input) { id code currency status type normalSide\n      balance { posted { amount currency } pending { amount } available { amount } } }\n  }\n"): (typeof documents)["\n  mutation OpenAccount($input: OpenAccountInput!) {\n    openAccount(input: $input) { id code currency status type normalSide\n      balance { posted { amount currency } pending { amount } available { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostEntry($input: PostEntryInput!) {\n    postEntry(input: $input) {\n      id sequence status idempotencyKey description effectiveAt expiresAt\n      postings { direction amount { amount currency } account { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation PostEntry($input: PostEntryInput!) {\n    postEntry(input: $input) {\n      id sequence status idempotencyKey description effectiveAt expiresAt\n      postings { direction amount { amount currency } account { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountBalance($id: ID!, $asOf: DateTimeISO) {\n    account(id: $id) { id status balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } }\n  }\n"): (typeof documents)["\n  query AccountBalance($id: ID!, $asOf: DateTimeISO) {\n    account(id: $id) { id status balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyLedger {\n    verifyLedger { ok accountsChecked mismatches { accountId } currencyNets { amount currency } unbalancedEntryIds }\n  }\n"): (typeof documents)["\n  query VerifyLedger {\n    verifyLedger { ok accountsChecked mismatches { accountId } currencyNets { amount currency } unbalancedEntryIds }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommitHold($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n"): (typeof documents)["\n  mutation CommitHold($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoidHold($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status } }\n"): (typeof documents)["\n  mutation VoidHold($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReversePosted($input: ReverseEntryInput!) { reverseEntry(input: $input) { id status effectiveAt } }\n"): (typeof documents)["\n  mutation ReversePosted($input: ReverseEntryInput!) { reverseEntry(input: $input) { id status effectiveAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TkRegister($input: RegisterProcessorInput!) { registerProcessor(input: $input) { signingSecret processor { id slug } } }"): (typeof documents)["mutation TkRegister($input: RegisterProcessorInput!) { registerProcessor(input: $input) { signingSecret processor { id slug } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TkCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }"): (typeof documents)["mutation TkCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TkLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { processorMerchantId } }"): (typeof documents)["mutation TkLink($input: LinkMerchantToProcessorInput!) { linkMerchantToProcessor(input: $input) { processorMerchantId } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WalletAccessNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Wallet { ownerId }\n      ... on Withdrawal { status }\n      ... on WalletTransaction { kind }\n    }\n  }\n"): (typeof documents)["\n  query WalletAccessNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Wallet { ownerId }\n      ... on Withdrawal { status }\n      ... on WalletTransaction { kind }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WalletAccessWallets($userId: ID) { wallets(userId: $userId) { id ownerId currency } }"): (typeof documents)["query WalletAccessWallets($userId: ID) { wallets(userId: $userId) { id ownerId currency } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WalletAccessWallet($id: ID!) { wallet(id: $id) { id ownerId balance { available { amount } } } }"): (typeof documents)["query WalletAccessWallet($id: ID!) { wallet(id: $id) { id ownerId balance { available { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Deposit($input: DepositInput!) {\n    deposit(input: $input) { id kind status direction amount { amount currency } reference description wallet { id balance { posted { amount } available { amount } } } }\n  }\n"): (typeof documents)["\n  mutation Deposit($input: DepositInput!) {\n    deposit(input: $input) { id kind status direction amount { amount currency } reference description wallet { id balance { posted { amount } available { amount } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Transfer($input: TransferInput!) {\n    transfer(input: $input) { id kind status amount { amount } memo description counterparty { userId email } wallet { balance { available { amount } } } }\n  }\n"): (typeof documents)["\n  mutation Transfer($input: TransferInput!) {\n    transfer(input: $input) { id kind status amount { amount } memo description counterparty { userId email } wallet { balance { available { amount } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestWithdrawal($input: RequestWithdrawalInput!) {\n    requestWithdrawal(input: $input) { id status amount { amount } fee { amount } attempt destination }\n  }\n"): (typeof documents)["\n  mutation RequestWithdrawal($input: RequestWithdrawalInput!) {\n    requestWithdrawal(input: $input) { id status amount { amount } fee { amount } attempt destination }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WithdrawalView($id: ID!) {\n    withdrawal(id: $id) { id status attempt failureReason processorReference history { from to reason attempt at } }\n  }\n"): (typeof documents)["\n  query WithdrawalView($id: ID!) {\n    withdrawal(id: $id) { id status attempt failureReason processorReference history { from to reason attempt at } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyWallets {\n    wallets { id currency balance { posted { amount } pending { amount } available { amount } } }\n  }\n"): (typeof documents)["\n  query MyWallets {\n    wallets { id currency balance { posted { amount } pending { amount } available { amount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WalletRetryWithdrawal($input: RetryWithdrawalInput!) {\n    retryWithdrawal(input: $input) { id status attempt processorReference amount { amount } fee { amount } }\n  }\n"): (typeof documents)["\n  mutation WalletRetryWithdrawal($input: RetryWithdrawalInput!) {\n    retryWithdrawal(input: $input) { id status attempt processorReference amount { amount } fee { amount } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WalletHistory($id: ID!, $filter: WalletTransactionFilterInput, $first: Int, $after: String) {\n    wallet(id: $id) {\n      id\n      transactions(filter: $filter, first: $first, after: $after) {\n        edges { cursor node {\n          id kind direction status amount { amount currency } memo reference description createdAt\n          counterparty { userId email } withdrawal { id }\n        } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WalletHistory($id: ID!, $filter: WalletTransactionFilterInput, $first: Int, $after: String) {\n    wallet(id: $id) {\n      id\n      transactions(filter: $filter, first: $first, after: $after) {\n        edges { cursor node {\n          id kind direction status amount { amount currency } memo reference description createdAt\n          counterparty { userId email } withdrawal { id }\n        } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WalletWithdrawals($filter: WithdrawalFilterInput, $first: Int, $after: String) {\n    withdrawals(filter: $filter, first: $first, after: $after) {\n      edges { node { id status attempt wallet { ownerId } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query WalletWithdrawals($filter: WithdrawalFilterInput, $first: Int, $after: String) {\n    withdrawals(filter: $filter, first: $first, after: $after) {\n      edges { node { id status attempt wallet { ownerId } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WalletOpen($currency: String!) { openWallet(currency: $currency) { id currency } }"): (typeof documents)["mutation WalletOpen($currency: String!) { openWallet(currency: $currency) { id currency } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WalletAccount($id: ID!) { wallet(id: $id) { account { id } } }"): (typeof documents)["query WalletAccount($id: ID!) { wallet(id: $id) { account { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WalletLiveBalances($after: String, $userId: ID) {\n    walletBalanceChanged(after: $after, userId: $userId) {\n      sequence wallet { id ownerId } balance { posted { amount currency } pending { amount } available { amount } }\n    }\n  }\n"): (typeof documents)["\n  subscription WalletLiveBalances($after: String, $userId: ID) {\n    walletBalanceChanged(after: $after, userId: $userId) {\n      sequence wallet { id ownerId } balance { posted { amount currency } pending { amount } available { amount } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WalletLiveWithdrawals($after: String) {\n    withdrawalUpdated(after: $after) { sequence status withdrawal { id attempt wallet { ownerId } } }\n  }\n"): (typeof documents)["\n  subscription WalletLiveWithdrawals($after: String) {\n    withdrawalUpdated(after: $after) { sequence status withdrawal { id attempt wallet { ownerId } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StaffWallets($userId: ID) { wallets(userId: $userId) { id currency ownerId } }"): (typeof documents)["query StaffWallets($userId: ID) { wallets(userId: $userId) { id currency ownerId } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;