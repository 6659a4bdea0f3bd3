// The global-id prefixes of the billing module's object types, registered when this file is imported.
import { registerIdPrefixes } from '../platform/ids.js';

export const billingIdPrefixes = { Payer: 'pyr', Invoice: 'inv', InvoicePayment: 'ipm' } as const;

declare module '../platform/ids.js' {
  interface IdPrefixes { Payer: 'pyr'; Invoice: 'inv'; InvoicePayment: 'ipm' }
}

registerIdPrefixes(billingIdPrefixes);

export { toGlobalId, type IdType } from '../platform/ids.js';
export { fromGlobalId } from '../platform/graphql/global-id.js';
