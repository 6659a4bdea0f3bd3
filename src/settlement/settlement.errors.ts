import { errorClass } from '../platform/errors.js';
import { toGlobalId } from './settlement.ids.js';

/** Expected failures of settlement's GraphQL operations, in order of precedence (never rename one). */
export const settlementErrorCodes = [
  /** Malformed input: an id, a name or slug too long or empty, a page size. */
  'BAD_USER_INPUT',
  /** No processor, or no merchant, with that id. */
  'NOT_FOUND',
  /** Another processor has the slug. */
  'PROCESSOR_SLUG_TAKEN',
  /** The processor's id of a merchant names another merchant already. */
  'PROCESSOR_MERCHANT_ID_TAKEN',
  /** A payout run's key was used for another run (another processor, currency or minimum). */
  'IDEMPOTENCY_KEY_REUSED',
] as const;

export class SettlementError extends errorClass('SettlementError', settlementErrorCodes) {
  static notFound(id: string) {
    const globalId = toGlobalId('Processor', id);
    return new SettlementError('NOT_FOUND', `processor ${globalId} not found`, { resource: 'processor', id: globalId });
  }
  static merchantNotFound(id: string) {
    const globalId = toGlobalId('Merchant', id);
    return new SettlementError('NOT_FOUND', `merchant ${globalId} not found`, { resource: 'merchant', id: globalId });
  }
  static processorMerchantIdTaken(externalId: string) {
    return new SettlementError('PROCESSOR_MERCHANT_ID_TAKEN', `the processor's merchant id "${externalId}" names another merchant`, { processorMerchantId: externalId });
  }
  static keyReused(key: string) {
    return new SettlementError('IDEMPOTENCY_KEY_REUSED', `runKey "${key.slice(0, 60)}" was used for another run`, { runKey: key });
  }
  static slugTaken(slug: string) {
    return new SettlementError('PROCESSOR_SLUG_TAKEN', `slug "${slug}" belongs to another processor`, { slug });
  }
}
