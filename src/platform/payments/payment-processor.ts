/** A payment out of the platform's bank account to a user's destination. */
export interface PaymentRequest {
  /** Folio's id of this payment attempt; the processor deduplicates on it. */
  reference: string;
  amount: bigint;
  currency: string;
  /** Where the money goes (a bank account reference), as the user gave it. */
  destination: string;
}

/** What the processor says of a payment. UNKNOWN: it never received that reference. */
export type PaymentStatus =
  | { status: 'SUCCEEDED' }
  | { status: 'FAILED'; reason: string }
  | { status: 'PENDING' }
  | { status: 'UNKNOWN' };

/**
 * The payment processor adapter behind withdrawals and payouts. A real processor (a bank API,
 * Stripe payouts) implements the same two calls. Both may throw on a network failure: the caller
 * then leaves the payment PROCESSING and asks again later, so an implementation must make
 * `submit` idempotent on `reference` (a second submit returns the first one's status).
 */
export interface PaymentProcessor {
  readonly name: string;
  submit(request: PaymentRequest): Promise<Exclude<PaymentStatus, { status: 'UNKNOWN' }>>;
  lookup(reference: string): Promise<PaymentStatus>;
}
