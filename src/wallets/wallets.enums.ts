/** What a line of a wallet's history is. A transfer shows as TRANSFER_OUT to the sender and TRANSFER_IN to the recipient. */
export enum WalletTransactionKind {
  DEPOSIT = 'DEPOSIT',
  TRANSFER_IN = 'TRANSFER_IN',
  TRANSFER_OUT = 'TRANSFER_OUT',
  WITHDRAWAL = 'WITHDRAWAL',
  PAYOUT = 'PAYOUT',
  FEE = 'FEE',
  /** Cashback on a purchase (the cashback module): PENDING while held, COMPLETED once confirmed, CANCELLED if reversed first. */
  CASHBACK = 'CASHBACK',
  /** Cashback taken back from the wallet: a clawback after confirmation, or an earlier clawback's shortfall repaid. */
  CASHBACK_CLAWBACK = 'CASHBACK_CLAWBACK',
  /** An invoice paid from the wallet (the billing module): `reference` is the invoice. */
  INVOICE_PAYMENT = 'INVOICE_PAYMENT',
}

/** Where a line of history stands: money held (PENDING) ends COMPLETED, FAILED (returned) or CANCELLED (returned). */
export enum WalletTransactionStatus {
  PENDING = 'PENDING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** Money flowing in or out of the wallet. */
export enum FlowDirection {
  IN = 'IN',
  OUT = 'OUT',
}

export function directionOf(kind: WalletTransactionKind): FlowDirection {
  return kind === WalletTransactionKind.DEPOSIT || kind === WalletTransactionKind.TRANSFER_IN || kind === WalletTransactionKind.CASHBACK ? FlowDirection.IN : FlowDirection.OUT;
}

/** The two ways money leaves a wallet through the payment processor. */
export enum DisbursementKind {
  WITHDRAWAL = 'WITHDRAWAL',
  PAYOUT = 'PAYOUT',
}

/**
 * The stored state of a withdrawal or payout. The API names them per kind: a withdrawal is
 * PENDING, PROCESSING, COMPLETED or FAILED; a payout REQUESTED, PROCESSING, PAID, FAILED or CANCELLED.
 */
export enum DisbursementState {
  /** Funds held; waiting for the worker (a payout can still be cancelled). */
  OPEN = 'OPEN',
  /** Sent to the processor; the hold stays until it answers. */
  PROCESSING = 'PROCESSING',
  /** The processor paid; the hold was committed. Final. */
  SUCCEEDED = 'SUCCEEDED',
  /** The processor refused; the hold was voided and the funds returned. A withdrawal may be retried. */
  FAILED = 'FAILED',
  /** Cancelled before processing; the hold was voided. Final. */
  CANCELLED = 'CANCELLED',
}

/** How the API names each state, per kind (errors use these names, as the types do). */
export const publicStatusNames: Record<DisbursementKind, Record<DisbursementState, string>> = {
  [DisbursementKind.WITHDRAWAL]: { OPEN: 'PENDING', PROCESSING: 'PROCESSING', SUCCEEDED: 'COMPLETED', FAILED: 'FAILED', CANCELLED: 'CANCELLED' },
  [DisbursementKind.PAYOUT]: { OPEN: 'REQUESTED', PROCESSING: 'PROCESSING', SUCCEEDED: 'PAID', FAILED: 'FAILED', CANCELLED: 'CANCELLED' },
};
