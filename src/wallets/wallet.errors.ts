import { errorClass } from '../platform/errors.js';
import { toGlobalId } from './wallet.ids.js';

/**
 * Expected failures of wallets, withdrawals and payouts, with stable codes (never rename one).
 * Money rules are the ledger's and keep its codes: INSUFFICIENT_FUNDS, INVALID_AMOUNT,
 * AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, IDEMPOTENCY_KEY_REUSED.
 */
export const walletErrorCodes = [
  /** Malformed input: an id, a page size, a text too long. */
  'BAD_USER_INPUT',
  /** Wallets are kept in the currencies of WALLET_CURRENCIES only. */
  'CURRENCY_NOT_SUPPORTED',
  /** No active user has that id or email. */
  'RECIPIENT_NOT_FOUND',
  /** A transfer to one's own wallet. */
  'SELF_TRANSFER',
  /** The deposit's external reference was already credited by another deposit. */
  'EXTERNAL_REFERENCE_TAKEN',
  /** No wallet, withdrawal, payout or run with that id that the caller may see. */
  'NOT_FOUND',
  /** Only a FAILED withdrawal can be retried. */
  'WITHDRAWAL_NOT_RETRYABLE',
  /** The payout is under PAYOUT_MINIMUM (or the run's threshold is). */
  'PAYOUT_BELOW_MINIMUM',
  /** Only a REQUESTED payout can be cancelled; once processing started it runs to PAID or FAILED. */
  'PAYOUT_NOT_CANCELLABLE',
  /** The same idempotency key (or run key) came with a different request. */
  'IDEMPOTENCY_KEY_REUSED',
] as const;

export type WalletErrorCode = (typeof walletErrorCodes)[number];

export class WalletError extends errorClass('WalletError', walletErrorCodes) {
  static currencyNotSupported(currency: string, supported: readonly string[]) {
    return new WalletError('CURRENCY_NOT_SUPPORTED', `wallets are not kept in ${currency}; supported: ${supported.join(', ')}`, { currency, supported });
  }
  static recipientNotFound() {
    return new WalletError('RECIPIENT_NOT_FOUND', 'no active user has that id or email');
  }
  static selfTransfer() {
    return new WalletError('SELF_TRANSFER', 'a transfer needs a recipient other than the sender');
  }
  static referenceTaken(reference: string) {
    return new WalletError('EXTERNAL_REFERENCE_TAKEN', `external reference "${reference.slice(0, 60)}" was already credited by another deposit`, { reference });
  }
  /** A withdrawal or payout the caller may not see or that does not exist, named by its global id as the ledger's errors are. */
  static notFound(type: 'Withdrawal' | 'Payout', id: string) {
    const globalId = toGlobalId(type, id);
    return new WalletError('NOT_FOUND', `${type.toLowerCase()} ${globalId} not found`, { resource: type.toLowerCase(), id: globalId });
  }
  static notRetryable(id: string, status: string) {
    const globalId = toGlobalId('Withdrawal', id);
    return new WalletError('WITHDRAWAL_NOT_RETRYABLE', `withdrawal ${globalId} is ${status}; only a FAILED withdrawal can be retried`, { id: globalId, status });
  }
  static belowMinimum(amount: bigint, minimum: bigint) {
    return new WalletError('PAYOUT_BELOW_MINIMUM', `a payout needs at least ${minimum} minor units, got ${amount}`, { amount: String(amount), minimum: String(minimum) });
  }
  static notCancellable(id: string, status: string) {
    const globalId = toGlobalId('Payout', id);
    return new WalletError('PAYOUT_NOT_CANCELLABLE', `payout ${globalId} is ${status}; only a REQUESTED payout can be cancelled`, { id: globalId, status });
  }
  static keyReused(key: string) {
    return new WalletError('IDEMPOTENCY_KEY_REUSED', `key "${key.slice(0, 60)}" was already used with a different request`, { idempotencyKey: key });
  }
}
