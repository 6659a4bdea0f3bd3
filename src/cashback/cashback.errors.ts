import { errorClass } from '../platform/errors.js';
import { toGlobalId } from './cashback.ids.js';

/**
 * Expected failures of offers and purchases, in order of precedence (never rename one). Amount and
 * currency rules keep the ledger's and wallets' codes (INVALID_AMOUNT, AMOUNT_NOT_POSITIVE,
 * AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED), which come right after BAD_USER_INPUT.
 */
export const cashbackErrorCodes = [
  /** Malformed input: an id, a text, a time outside the accepted range, an offer's terms. */
  'BAD_USER_INPUT',
  /** No merchant, offer or purchase with that id that the caller may act on. */
  'NOT_FOUND',
  /** The external purchase id (or a change's idempotency key) came with a different request. */
  'IDEMPOTENCY_KEY_REUSED',
  /** No active user has the customer's id or email. */
  'CUSTOMER_NOT_FOUND',
  /** The merchant is not ACTIVE (pending verification or suspended): its purchases are refused. */
  'MERCHANT_NOT_ACTIVE',
  /** The offer's status cannot change that way. */
  'INVALID_OFFER_TRANSITION',
  /** The purchase was already reversed: nothing more can change. */
  'PURCHASE_ALREADY_REVERSED',
  /** Only a PENDING purchase can be confirmed. */
  'PURCHASE_NOT_PENDING',
  /** A refund above what is left of the purchase amount. */
  'REFUND_EXCEEDS_PURCHASE',
] as const;

type Kind = 'Offer' | 'Purchase';

export class CashbackError extends errorClass('CashbackError', cashbackErrorCodes) {
  static notFound(type: Kind | 'Merchant', globalId: string) {
    return new CashbackError('NOT_FOUND', `${type.toLowerCase()} ${globalId} not found`, { resource: type.toLowerCase(), id: globalId });
  }
  static offerNotFound(id: string) {
    return CashbackError.notFound('Offer', toGlobalId('Offer', id));
  }
  static purchaseNotFound(id: string) {
    return CashbackError.notFound('Purchase', toGlobalId('Purchase', id));
  }
  static keyReused(key: string) {
    return new CashbackError('IDEMPOTENCY_KEY_REUSED', `key "${key.slice(0, 60)}" was already used with a different request`, { idempotencyKey: key });
  }
  static customerNotFound() {
    return new CashbackError('CUSTOMER_NOT_FOUND', 'no active user has that id or email');
  }
  static merchantNotActive(status: string) {
    return new CashbackError('MERCHANT_NOT_ACTIVE', `the merchant is ${status}: only an ACTIVE merchant’s purchases are recorded`, { status });
  }
  static invalidOfferTransition(id: string, from: string, to: string) {
    return new CashbackError('INVALID_OFFER_TRANSITION', `offer ${toGlobalId('Offer', id)} is ${from}; it cannot become ${to}`, { from, to });
  }
  static alreadyReversed(id: string) {
    return new CashbackError('PURCHASE_ALREADY_REVERSED', `purchase ${toGlobalId('Purchase', id)} was already reversed`, { id: toGlobalId('Purchase', id) });
  }
  static notPending(id: string, status: string) {
    return new CashbackError('PURCHASE_NOT_PENDING', `purchase ${toGlobalId('Purchase', id)} is ${status}; only a PENDING purchase can be confirmed`, { status });
  }
  static refundExceeds(left: bigint) {
    return new CashbackError('REFUND_EXCEEDS_PURCHASE', `the refund is more than the ${left} minor units left of the purchase`, { left: String(left) });
  }
}
