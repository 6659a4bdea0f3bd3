import { errorClass } from '../platform/errors.js';
import { toGlobalId } from './settlement.ids.js';

/** Expected failures of settlement's GraphQL operations, in order of precedence (never rename one). */
export const settlementErrorCodes = [
  /** Malformed input: an id, a name or slug too long or empty, a page size. */
  'BAD_USER_INPUT',
  /** No processor with that id. */
  'NOT_FOUND',
  /** Another processor has the slug. */
  'PROCESSOR_SLUG_TAKEN',
] as const;

export class SettlementError extends errorClass('SettlementError', settlementErrorCodes) {
  static notFound(id: string) {
    const globalId = toGlobalId('Processor', id);
    return new SettlementError('NOT_FOUND', `processor ${globalId} not found`, { resource: 'processor', id: globalId });
  }
  static slugTaken(slug: string) {
    return new SettlementError('PROCESSOR_SLUG_TAKEN', `slug "${slug}" belongs to another processor`, { slug });
  }
}
