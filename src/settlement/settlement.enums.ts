/** Where a stored processor event stands. */
export enum ProcessorEventStatus {
  /** A type Folio knows: stored, for its handler to apply. */
  RECEIVED = 'RECEIVED',
  /** A type Folio does not know: stored and answered 202, never applied. */
  IGNORED = 'IGNORED',
}

/** The event types Folio applies (each gets a handler of its own); any other is stored and IGNORED. */
export const knownEventTypes = new Set(['charge.succeeded', 'refund.succeeded', 'payout.paid', 'payout.failed', 'dispute.opened', 'dispute.closed']);
