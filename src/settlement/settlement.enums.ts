/** Where a stored processor event stands. */
export enum ProcessorEventStatus {
  /** A type Folio knows, stored, not yet applied (its handler is still to come, or it is being applied). */
  RECEIVED = 'RECEIVED',
  /** A type Folio does not know: stored and answered 202, never applied. */
  IGNORED = 'IGNORED',
  /** Posted to the ledger (`entryId`). */
  APPLIED = 'APPLIED',
  /** Names a merchant no link matches yet (`note`): stored, not posted. */
  UNMATCHED = 'UNMATCHED',
  /** Its data cannot be posted (`note` says why): stored, never posted. */
  REJECTED = 'REJECTED',
}

/** The event types Folio applies (each gets a handler of its own); any other is stored and IGNORED. */
export const knownEventTypes = new Set(['charge.succeeded', 'refund.succeeded', 'payout.paid', 'payout.failed', 'dispute.opened', 'dispute.closed']);
