/**
 * Who may call each root field, as each module declares it for its own operations: the documented
 * policy, checked against a running gateway by test/access and printed into the README.
 * `own`: allowed, limited to what the caller owns (its accounts, entries, wallets, payouts).
 */
export type Access = 'allow' | 'own' | 'deny';
export const callers = ['anonymous', 'CUSTOMER', 'MERCHANT', 'FINANCE', 'ADMIN'] as const;
export type CallerKind = (typeof callers)[number];
export type AccessRow = Readonly<Record<CallerKind, Access>>;
export type RootType = 'Query' | 'Mutation' | 'Subscription';
export type AccessRows = Readonly<Partial<Record<RootType, Readonly<Record<string, AccessRow>>>>>;

/** The rows most operations share. */
export const access = {
  everyone: { anonymous: 'allow', CUSTOMER: 'allow', MERCHANT: 'allow', FINANCE: 'allow', ADMIN: 'allow' },
  signedIn: { anonymous: 'deny', CUSTOMER: 'allow', MERCHANT: 'allow', FINANCE: 'allow', ADMIN: 'allow' },
  ownOrStaff: { anonymous: 'deny', CUSTOMER: 'own', MERCHANT: 'own', FINANCE: 'allow', ADMIN: 'allow' },
  staff: { anonymous: 'deny', CUSTOMER: 'deny', MERCHANT: 'deny', FINANCE: 'allow', ADMIN: 'allow' },
  /** A MERCHANT user on the merchants it acts for, or staff; a customer acts for no merchant and is refused. */
  merchantOrStaff: { anonymous: 'deny', CUSTOMER: 'deny', MERCHANT: 'own', FINANCE: 'allow', ADMIN: 'allow' },
  /** Acts for the caller's own user (its wallet), whatever the role; anonymous callers have none. */
  selfService: { anonymous: 'deny', CUSTOMER: 'own', MERCHANT: 'own', FINANCE: 'own', ADMIN: 'own' },
  adminOnly: { anonymous: 'deny', CUSTOMER: 'deny', MERCHANT: 'deny', FINANCE: 'deny', ADMIN: 'allow' },
} as const satisfies Record<string, AccessRow>;

/** Merges the modules' rows into one matrix; a root field declared twice is a wiring bug. */
export function mergeAccessRows(all: readonly AccessRows[]): Record<RootType, Record<string, AccessRow>> {
  const matrix: Record<RootType, Record<string, AccessRow>> = { Query: {}, Mutation: {}, Subscription: {} };
  for (const rows of all) {
    for (const root of Object.keys(rows) as RootType[]) {
      for (const [field, row] of Object.entries(rows[root] ?? {})) {
        if (matrix[root][field]) throw new Error(`access row for ${root}.${field} is declared twice`);
        matrix[root][field] = row;
      }
    }
  }
  return matrix;
}
