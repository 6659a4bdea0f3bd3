// The global-id prefixes of the reports module's object types, registered when this file is imported.
import { registerIdPrefixes } from '../platform/ids.js';

export const reportsIdPrefixes = { PeriodClose: 'pcl' } as const;

declare module '../platform/ids.js' {
  interface IdPrefixes { PeriodClose: 'pcl' }
}

registerIdPrefixes(reportsIdPrefixes);

export { toGlobalId, type IdType } from '../platform/ids.js';
export { fromGlobalId } from '../platform/graphql/global-id.js';
