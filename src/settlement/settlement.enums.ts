/** Where a stored processor event stands. */
export enum ProcessorEventStatus {
  /** A type Folio applies, stored, not applied yet (being applied, or left by a crash for the sweeper). */
  RECEIVED = 'RECEIVED',
  /** A type Folio does not know: stored and answered 202, never applied. */
  IGNORED = 'IGNORED',
  /** Posted to the ledger (`entryId`). */
  APPLIED = 'APPLIED',
  /** Names a merchant no link matches yet (`note`): stored, and applied when the link is made. */
  UNMATCHED = 'UNMATCHED',
  /** Names a charge or dispute Folio has not received yet (`note`): applied when it arrives (processors deliver out of order). */
  WAITING = 'WAITING',
  /** Its data cannot be posted (`note` says why): stored, never posted. */
  REJECTED = 'REJECTED',
}

/** Where a dispute stands: the disputed amount is held while OPEN, then returned (WON) or gone (LOST). */
export enum DisputeStatus { OPEN = 'OPEN', WON = 'WON', LOST = 'LOST' }

/** What moved a merchant's available settlement balance: each line of a payout's report is one. */
export enum SettlementItemKind {
  /** A charge's net (gross less the processor's fee) matured and became available. */
  CHARGE_MATURED = 'CHARGE_MATURED',
  /** A refund of a charge (negative). */
  REFUND = 'REFUND',
  /** A dispute opened: its amount is held (negative). */
  DISPUTE_HELD = 'DISPUTE_HELD',
  /** A dispute won: the held amount comes back. */
  DISPUTE_RETURNED = 'DISPUTE_RETURNED',
  /** A payout the processor reported failed: its amount is available again. */
  PAYOUT_RETURNED = 'PAYOUT_RETURNED',
}

/** Where a settlement payout stands: PENDING until the processor reports it paid or failed. */
export enum SettlementPayoutStatus { PENDING = 'PENDING', PAID = 'PAID', FAILED = 'FAILED' }

/** Where a settlement payout run stands: RUNNING until every merchant has been considered. */
export enum SettlementRunState { RUNNING = 'RUNNING', COMPLETED = 'COMPLETED' }
