// The global-id prefixes of the settlement module's object types, registered when this file is imported.
import { registerIdPrefixes } from '../platform/ids.js';

export const settlementIdPrefixes = { Processor: 'prc', ProcessorEvent: 'pev', ProcessorDeadLetter: 'pdl', SettlementPayout: 'spo', SettlementRun: 'srn' } as const;

declare module '../platform/ids.js' {
  interface IdPrefixes { Processor: 'prc'; ProcessorEvent: 'pev'; ProcessorDeadLetter: 'pdl'; SettlementPayout: 'spo'; SettlementRun: 'srn' }
}

registerIdPrefixes(settlementIdPrefixes);

export { toGlobalId, type IdType } from '../platform/ids.js';
export { fromGlobalId } from '../platform/graphql/global-id.js';
