/**
 * Who may call each operation of schema.graphql: the documented policy, checked against the running
 * gateway by authorization-matrix.test.ts and printed into the README by the same test's rendering.
 * `own`: allowed, limited to the caller's own accounts and entries. Every root field of the schema
 * must have a row: a new operation without one fails the test.
 */
export type Access = 'allow' | 'own' | 'deny';
export const callers = ['anonymous', 'CUSTOMER', 'MERCHANT', 'FINANCE', 'ADMIN'] as const;
export type CallerKind = (typeof callers)[number];
export type Row = Record<CallerKind, Access>;

const everyone: Row = { anonymous: 'allow', CUSTOMER: 'allow', MERCHANT: 'allow', FINANCE: 'allow', ADMIN: 'allow' };
const signedIn: Row = { anonymous: 'deny', CUSTOMER: 'allow', MERCHANT: 'allow', FINANCE: 'allow', ADMIN: 'allow' };
const ownOrStaff: Row = { anonymous: 'deny', CUSTOMER: 'own', MERCHANT: 'own', FINANCE: 'allow', ADMIN: 'allow' };
const staff: Row = { anonymous: 'deny', CUSTOMER: 'deny', MERCHANT: 'deny', FINANCE: 'allow', ADMIN: 'allow' };
/** Acts for the caller's own user (its wallet), whatever the role; anonymous callers have none. */
const selfService: Row = { anonymous: 'deny', CUSTOMER: 'own', MERCHANT: 'own', FINANCE: 'own', ADMIN: 'own' };
const adminOnly: Row = { anonymous: 'deny', CUSTOMER: 'deny', MERCHANT: 'deny', FINANCE: 'deny', ADMIN: 'allow' };

export const accessMatrix: Record<'Query' | 'Mutation' | 'Subscription', Record<string, Row>> = {
  Query: {
    account: ownOrStaff,
    accountByCode: ownOrStaff,
    accounts: ownOrStaff,
    entry: ownOrStaff,
    entries: ownOrStaff,
    node: ownOrStaff,
    verifyLedger: staff,
    me: signedIn,
    user: staff,
    users: staff,
    apiKeys: adminOnly,
    wallets: ownOrStaff,
    wallet: ownOrStaff,
    withdrawal: ownOrStaff,
    withdrawals: ownOrStaff,
    payout: ownOrStaff,
    payouts: ownOrStaff,
    payoutRun: staff,
    payoutRuns: staff,
  },
  Mutation: {
    openAccount: staff,
    updateAccount: staff,
    postEntry: staff,
    postEntries: staff,
    commitPendingEntry: staff,
    voidPendingEntry: staff,
    reverseEntry: staff,
    register: everyone,
    login: everyone,
    refreshSession: everyone,
    logout: everyone,
    logoutEverywhere: signedIn,
    createUser: adminOnly,
    updateUser: adminOnly,
    createApiKey: adminOnly,
    revokeApiKey: adminOnly,
    openWallet: selfService,
    deposit: ownOrStaff,
    transfer: selfService,
    requestWithdrawal: selfService,
    retryWithdrawal: ownOrStaff,
    requestPayout: selfService,
    cancelPayout: ownOrStaff,
    startPayoutRun: staff,
  },
  Subscription: {
    balanceChanged: ownOrStaff,
    entryPosted: ownOrStaff,
    walletBalanceChanged: ownOrStaff,
    withdrawalUpdated: ownOrStaff,
    payoutUpdated: ownOrStaff,
    payoutRunProgress: staff,
  },
};

const mark: Record<Access, string> = { allow: 'yes', own: 'own', deny: '—' };

/** The matrix as the README's markdown table. */
export function renderMatrix(): string {
  const lines = [
    `| operation | ${callers.join(' | ')} |`,
    `| --- | ${callers.map(() => '---').join(' | ')} |`,
  ];
  for (const [root, fields] of Object.entries(accessMatrix)) {
    for (const [field, row] of Object.entries(fields)) {
      lines.push(`| ${root.toLowerCase()} \`${field}\` | ${callers.map((c) => mark[row[c]]).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
