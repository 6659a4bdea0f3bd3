// Who sees which offers and purchases: staff all; a customer its own purchases; a MERCHANT user the
// offers and purchases of the merchants it acts for.
import { ownerScope } from '../platform/auth/principal.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { merchantScope } from '../merchants/index.js';
import type { OfferRow, PurchaseRow } from './cashback.entity.js';

export { merchantScope } from '../merchants/index.js';

export async function canSeePurchase(context: GraphQLContext, row: PurchaseRow): Promise<boolean> {
  const owner = ownerScope(context.principal);
  if (owner === undefined || String(row.customerId) === owner) return true;
  return (await context.loaders.merchantsOfUser.load(owner)).includes(String(row.merchantId));
}

export async function canSeeOffer(context: GraphQLContext, row: OfferRow): Promise<boolean> {
  const merchants = await merchantScope(context);
  return merchants === undefined || merchants.includes(String(row.merchantId));
}
