// The global-id prefixes of the payouts module's object types, registered when this file is imported;
// the module's files import the id helpers from here so the prefixes are always in place.
import { registerIdPrefixes } from '../platform/ids.js';

export const payoutIdPrefixes = { Payout: 'po', PayoutRun: 'prun' } as const;

declare module '../platform/ids.js' {
  interface IdPrefixes { Payout: 'po'; PayoutRun: 'prun' }
}

registerIdPrefixes(payoutIdPrefixes);

export { toGlobalId, type IdType } from '../platform/ids.js';
export { fromGlobalId } from '../platform/graphql/global-id.js';
