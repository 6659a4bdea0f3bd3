import { ownerScope } from '../platform/auth/principal.js';
import type { GraphQLContext } from '../platform/graphql/context.js';

/** The merchants the caller acts for (a MERCHANT user's memberships); undefined for staff (all). */
export async function merchantScope(context: GraphQLContext): Promise<string[] | undefined> {
  const owner = ownerScope(context.principal);
  return owner === undefined ? undefined : context.loaders.merchantsOfUser.load(owner);
}

/** The merchants a caller asking for `named` (or for all) sees: staff what they name; others theirs, narrowed to it. */
export async function scopedMerchants(context: GraphQLContext, named: string | undefined): Promise<string[] | undefined> {
  const mine = await merchantScope(context);
  if (mine === undefined) return named ? [named] : undefined;
  return named ? mine.filter((id) => id === named) : mine;
}
