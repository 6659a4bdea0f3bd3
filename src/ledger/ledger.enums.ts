/** The five account types; each fixes the side on which the account's balance grows. */
export enum AccountType {
  ASSET = 'ASSET',
  LIABILITY = 'LIABILITY',
  EQUITY = 'EQUITY',
  REVENUE = 'REVENUE',
  EXPENSE = 'EXPENSE',
}

export enum Direction {
  DEBIT = 'DEBIT',
  CREDIT = 'CREDIT',
}

export enum AccountStatus {
  OPEN = 'OPEN',
  FROZEN = 'FROZEN',
  CLOSED = 'CLOSED',
}

export enum NegativeBalancePolicy {
  /** The available balance may not go below zero on the account's normal side. */
  FORBID = 'FORBID',
  /** The balance may go below zero (system accounts such as a funding source or the world). */
  ALLOW = 'ALLOW',
}

export enum EntryStatus {
  /** Posted: counts in the posted balance. Immutable. */
  POSTED = 'POSTED',
  /** Pending (two-phase): funds held, counted in the pending balance only. */
  PENDING = 'PENDING',
  /** A pending entry that was committed; its commit is a separate POSTED entry. */
  COMMITTED = 'COMMITTED',
  /** A pending entry that was voided; the hold is released. */
  VOIDED = 'VOIDED',
  /** A pending entry whose expiry passed; the hold is released. */
  EXPIRED = 'EXPIRED',
}

/** What a ledger event says happened to an entry; the outbox's `type` column. */
export enum EntryEventType {
  ENTRY_POSTED = 'ENTRY_POSTED',
  ENTRY_PENDING = 'ENTRY_PENDING',
  ENTRY_COMMITTED = 'ENTRY_COMMITTED',
  ENTRY_VOIDED = 'ENTRY_VOIDED',
  ENTRY_EXPIRED = 'ENTRY_EXPIRED',
  ENTRY_REVERSED = 'ENTRY_REVERSED',
}

/** Debit-normal accounts grow with debits; the others with credits. */
export function normalSideOf(type: AccountType): Direction {
  return type === AccountType.ASSET || type === AccountType.EXPENSE ? Direction.DEBIT : Direction.CREDIT;
}
