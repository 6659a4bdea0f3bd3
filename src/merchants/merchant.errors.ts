import { errorClass } from '../platform/errors.js';
import { toGlobalId } from './merchant.ids.js';

/** Expected failures of merchants, in order of precedence (never rename one). */
export const merchantErrorCodes = [
  /** Malformed input: an id, a name or slug too long or empty, a page size. */
  'BAD_USER_INPUT',
  /** Merchants keep their books in the wallet currencies only. */
  'CURRENCY_NOT_SUPPORTED',
  /** A user named as the merchant's is not an active MERCHANT user. */
  'USER_NOT_MERCHANT',
  /** No merchant with that id that the caller may see. */
  'NOT_FOUND',
  /** Another merchant has the slug. */
  'MERCHANT_SLUG_TAKEN',
  /** The status change is not allowed from the merchant's status. */
  'INVALID_MERCHANT_TRANSITION',
] as const;

export class MerchantError extends errorClass('MerchantError', merchantErrorCodes) {
  static userNotMerchant(userId: string) {
    return new MerchantError('USER_NOT_MERCHANT', `user usr_${userId} is not an active MERCHANT user`, { userId: `usr_${userId}` });
  }
  static notFound(id: string) {
    const globalId = toGlobalId('Merchant', id);
    return new MerchantError('NOT_FOUND', `merchant ${globalId} not found`, { resource: 'merchant', id: globalId });
  }
  static slugTaken(slug: string) {
    return new MerchantError('MERCHANT_SLUG_TAKEN', `slug "${slug}" belongs to another merchant`, { slug });
  }
  static invalidTransition(id: string, from: string, to: string) {
    return new MerchantError('INVALID_MERCHANT_TRANSITION', `merchant ${toGlobalId('Merchant', id)} is ${from}; it cannot become ${to}`, { from, to });
  }
}
