/**
 * The four roles. A user has one; an API key is scoped to one or more.
 * - ADMIN manages users and API keys, and may do everything FINANCE does.
 * - FINANCE (operations) reads everything and runs ledger operations.
 * - MERCHANT and CUSTOMER see only the accounts they own and the entries that touch them.
 */
export enum Role {
  ADMIN = 'ADMIN',
  FINANCE = 'FINANCE',
  MERCHANT = 'MERCHANT',
  CUSTOMER = 'CUSTOMER',
}

/** Roles that read the whole ledger and run its operations. */
export const staffRoles = [Role.ADMIN, Role.FINANCE] as const;

/** Roles whose reach is limited to what they own. */
export const ownerRoles = [Role.MERCHANT, Role.CUSTOMER] as const;
