// The global-id prefixes of the identity module's object types, registered when this file is imported;
// the module's files import the id helpers from here so the prefixes are always in place.
import { registerIdPrefixes } from '../platform/ids.js';

export const identityIdPrefixes = { User: 'usr', ApiKey: 'key' } as const;

declare module '../platform/ids.js' {
  interface IdPrefixes { User: 'usr'; ApiKey: 'key' }
}

registerIdPrefixes(identityIdPrefixes);

export { toGlobalId, type IdType } from '../platform/ids.js';
export { fromGlobalId } from '../platform/graphql/global-id.js';
