import type { GraphQLContext } from '../graphql/context.js';
import { fromGlobalId } from '../graphql/global-id.js';
import { AccessError } from './access.errors.js';
import { isStaff, ownerScope } from './principal.js';

// Access to things a user owns (wallets, withdrawals, payouts): the rules every module with owned
// rows applies the same way, so they live here and not in one of those modules.

/**
 * The user an operation on owned things (a wallet, a withdrawal, a payout) acts for: the caller's
 * own user, or, for staff only, the user they name. An API key that belongs to no user acts for
 * nobody and must name one (staff) or is refused; the refusal's wording is part of the API as it
 * was when only wallets used this.
 */
export function actingUser(context: GraphQLContext, namedUserId?: string | null): string {
  if (namedUserId != null) {
    if (!isStaff(context.principal)) throw AccessError.forbidden('acting for another user');
    return fromGlobalId('User', namedUserId, 'userId');
  }
  const userId = context.principal?.userId;
  if (!userId) throw AccessError.forbidden('wallet operations without a user: use a user’s token or a key that belongs to a user');
  return userId;
}

/** Whether the caller may see something owned by `userId`: staff see all, others only their own. */
export function canSeeOwned(context: GraphQLContext, userId: string | undefined | null): boolean {
  if (!userId) return false;
  const owner = ownerScope(context.principal);
  return owner === undefined || owner === userId;
}

/** The user a list is limited to: staff may name one (or none: everyone); others get their own. */
export function listScope(context: GraphQLContext, namedUserId?: string | null): string | undefined {
  const owner = ownerScope(context.principal);
  if (owner !== undefined) return owner;
  return namedUserId ? fromGlobalId('User', namedUserId, 'filter.userId') : undefined;
}
