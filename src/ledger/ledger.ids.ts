// The global-id prefixes of the ledger module's object types, registered when this file is imported;
// the module's files import the id helpers from here so the prefixes are always in place.
import { registerIdPrefixes } from '../platform/ids.js';

export const ledgerIdPrefixes = { Account: 'acc', JournalEntry: 'ent', Posting: 'pst' } as const;

declare module '../platform/ids.js' {
  interface IdPrefixes { Account: 'acc'; JournalEntry: 'ent'; Posting: 'pst' }
}

registerIdPrefixes(ledgerIdPrefixes);

export { toGlobalId, type IdType } from '../platform/ids.js';
export { fromGlobalId } from '../platform/graphql/global-id.js';
