/** How an offer computes cashback: basis points of the purchase (rounded down), or a fixed amount. */
export enum OfferKind {
  PERCENTAGE = 'PERCENTAGE',
  FIXED = 'FIXED',
}

/** DRAFT → ACTIVE ⇄ PAUSED → ENDED (by hand, or when its window has closed). */
export enum OfferStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  ENDED = 'ENDED',
}

/** PENDING → CONFIRMED → REVERSED, or PENDING → REVERSED. */
export enum PurchaseStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  REVERSED = 'REVERSED',
}

/** What cut a purchase's cashback below what its offer pays. */
export enum CappedBy {
  USER_CAP = 'USER_CAP',
  BUDGET = 'BUDGET',
}

/** Why a purchase earned no cashback although the offers were looked at. */
export enum NoCashbackReason {
  /** The merchant has no ACTIVE offer in the purchase's currency. */
  NO_OFFER = 'NO_OFFER',
  /** No ACTIVE offer's window contains `occurredAt`. */
  OUTSIDE_WINDOW = 'OUTSIDE_WINDOW',
  /** The purchase is below every in-window offer's minimum. */
  BELOW_MINIMUM = 'BELOW_MINIMUM',
}

/** A row of a purchase's history. */
export enum PurchaseChangeKind {
  RECORDED = 'RECORDED',
  CONFIRMED = 'CONFIRMED',
  REFUNDED = 'REFUNDED',
  REVERSED = 'REVERSED',
}
