import { errorClass } from '../platform/errors.js';
import { toGlobalId, type IdType } from './billing.ids.js';

/** Expected failures of billing, in order of precedence (never rename one). */
export const billingErrorCodes = [
  /** Malformed input: an id, a name or number too long or empty, a date, a quantity, a page size. */
  'BAD_USER_INPUT',
  /** An amount that is not a whole number of minor units. */
  'INVALID_AMOUNT',
  /** An amount of zero or less. */
  'AMOUNT_NOT_POSITIVE',
  /** An amount (or an invoice's total) past what the ledger holds. */
  'AMOUNT_OUT_OF_RANGE',
  /** Not an ISO 4217 currency code. */
  'INVALID_CURRENCY',
  /** A guardian named is not an active CUSTOMER user. */
  'USER_NOT_CUSTOMER',
  /** No organisation, payer, invoice or payment with that id that the caller may see. */
  'NOT_FOUND',
  /** The payer is ARCHIVED: it takes no new invoice or guardian. */
  'PAYER_ARCHIVED',
  /** Another invoice of the organisation has the number. */
  'INVOICE_NUMBER_TAKEN',
  /** The idempotency key was used for another payment. */
  'IDEMPOTENCY_KEY_REUSED',
  /** The change is not allowed from the invoice's state (paying a VOID or PAID invoice, voiding a paid one). */
  'INVALID_INVOICE_TRANSITION',
  /** The payment is more than what remains to be paid on the invoice (`remaining` in the error). */
  'PAYMENT_EXCEEDS_REMAINING',
  /** A wallet payment of an invoice in a currency wallets are not kept in. */
  'CURRENCY_NOT_SUPPORTED',
  /** The guardian's wallet has less available than the payment. */
  'INSUFFICIENT_FUNDS',
] as const;

export class BillingError extends errorClass('BillingError', billingErrorCodes) {
  static notFound(type: IdType, id: string) {
    const globalId = toGlobalId(type, id);
    return new BillingError('NOT_FOUND', `${type} ${globalId} not found`, { resource: type, id: globalId });
  }
  static userNotCustomer(userId: string) {
    return new BillingError('USER_NOT_CUSTOMER', `user usr_${userId} is not an active CUSTOMER user`, { userId: `usr_${userId}` });
  }
  static payerArchived(payerId: string) {
    return new BillingError('PAYER_ARCHIVED', `payer ${toGlobalId('Payer', payerId)} is archived`, { payerId: toGlobalId('Payer', payerId) });
  }
  static numberTaken(number: string) {
    return new BillingError('INVOICE_NUMBER_TAKEN', `invoice number "${number}" belongs to another invoice of the organisation`, { number });
  }
  static keyReused(key: string) {
    return new BillingError('IDEMPOTENCY_KEY_REUSED', `idempotency key "${key.slice(0, 60)}" was used for another payment`, { idempotencyKey: key });
  }
  static invalidTransition(invoiceId: string, from: string, to: string) {
    return new BillingError('INVALID_INVOICE_TRANSITION', `invoice ${toGlobalId('Invoice', invoiceId)} is ${from}; it cannot be ${to}`, { from, to });
  }
  static exceedsRemaining(invoiceId: string, remaining: bigint, currency: string) {
    return new BillingError('PAYMENT_EXCEEDS_REMAINING', `invoice ${toGlobalId('Invoice', invoiceId)} has ${remaining} ${currency} left to pay`, { remaining: String(remaining), currency });
  }
}
