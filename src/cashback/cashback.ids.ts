// The global-id prefixes of the cashback module's object types, registered when this file is imported.
import { registerIdPrefixes } from '../platform/ids.js';

export const cashbackIdPrefixes = { Offer: 'off', Purchase: 'pur' } as const;

declare module '../platform/ids.js' {
  interface IdPrefixes { Offer: 'off'; Purchase: 'pur' }
}

registerIdPrefixes(cashbackIdPrefixes);

export { toGlobalId, type IdType } from '../platform/ids.js';
export { fromGlobalId } from '../platform/graphql/global-id.js';
