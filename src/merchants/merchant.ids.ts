// The global-id prefixes of the merchants module's object types, registered when this file is imported.
import { registerIdPrefixes } from '../platform/ids.js';

export const merchantIdPrefixes = { Merchant: 'mer' } as const;

declare module '../platform/ids.js' {
  interface IdPrefixes { Merchant: 'mer' }
}

registerIdPrefixes(merchantIdPrefixes);

export { toGlobalId, type IdType } from '../platform/ids.js';
export { fromGlobalId } from '../platform/graphql/global-id.js';
