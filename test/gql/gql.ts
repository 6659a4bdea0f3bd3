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
    "\n  mutation OpenAccount($input: OpenAccountInput!) {\n    openAccount(input: $input) { id code currency status type normalSide\n      balance { posted { amount currency } pending { amount } available { amount } } }\n  }\n": typeof types.OpenAccountDocument,
    "\n  mutation PostEntry($input: PostEntryInput!) {\n    postEntry(input: $input) {\n      id sequence status idempotencyKey description effectiveAt expiresAt\n      postings { direction amount { amount currency } account { id } }\n    }\n  }\n": typeof types.PostEntryDocument,
    "\n  query AccountBalance($id: ID!, $asOf: DateTimeISO) {\n    account(id: $id) { id status balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } }\n  }\n": typeof types.AccountBalanceDocument,
    "\n  query VerifyLedger {\n    verifyLedger { ok accountsChecked mismatches { accountId } currencyNets { amount currency } unbalancedEntryIds }\n  }\n": typeof types.VerifyLedgerDocument,
    "\n  mutation CommitHold($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n": typeof types.CommitHoldDocument,
    "\n  mutation VoidHold($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status } }\n": typeof types.VoidHoldDocument,
    "\n  mutation ReversePosted($input: ReverseEntryInput!) { reverseEntry(input: $input) { id status effectiveAt } }\n": typeof types.ReversePostedDocument,
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
    "\n  mutation OpenAccount($input: OpenAccountInput!) {\n    openAccount(input: $input) { id code currency status type normalSide\n      balance { posted { amount currency } pending { amount } available { amount } } }\n  }\n": types.OpenAccountDocument,
    "\n  mutation PostEntry($input: PostEntryInput!) {\n    postEntry(input: $input) {\n      id sequence status idempotencyKey description effectiveAt expiresAt\n      postings { direction amount { amount currency } account { id } }\n    }\n  }\n": types.PostEntryDocument,
    "\n  query AccountBalance($id: ID!, $asOf: DateTimeISO) {\n    account(id: $id) { id status balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } }\n  }\n": types.AccountBalanceDocument,
    "\n  query VerifyLedger {\n    verifyLedger { ok accountsChecked mismatches { accountId } currencyNets { amount currency } unbalancedEntryIds }\n  }\n": types.VerifyLedgerDocument,
    "\n  mutation CommitHold($input: CommitPendingEntryInput!) {\n    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }\n  }\n": types.CommitHoldDocument,
    "\n  mutation VoidHold($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status } }\n": types.VoidHoldDocument,
    "\n  mutation ReversePosted($input: ReverseEntryInput!) { reverseEntry(input: $input) { id status effectiveAt } }\n": types.ReversePostedDocument,
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

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;