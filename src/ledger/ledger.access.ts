import { AccessError } from '../platform/auth/access.errors.js';
import { ownerScope } from '../platform/auth/principal.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import type { AccountRow, EntryRow } from './ledger.queries.js';

/**
 * Who may see what of the ledger. Staff (admin, finance) see everything. A customer or merchant
 * sees the accounts it owns and the entries that post to them; anything else answers as if it did
 * not exist (null, or absent from a list), so ids of other users' accounts reveal nothing.
 */
export function canSeeAccount(context: GraphQLContext, row: AccountRow | undefined | null): row is AccountRow {
  if (!row) return false;
  const owner = ownerScope(context.principal);
  return owner === undefined || row.ownerId === owner;
}

export async function canSeeEntry(context: GraphQLContext, row: EntryRow | undefined | null): Promise<boolean> {
  if (!row) return false;
  const owner = ownerScope(context.principal);
  return owner === undefined || (await context.loaders.entryOwners.load(row.id)).includes(owner);
}

/**
 * For subscriptions, which are explicit about what they watch: every watched account must be one
 * the caller may see, else FORBIDDEN before the stream starts. Throws UNAUTHENTICATED without a caller.
 */
export async function assertCanWatch(context: GraphQLContext, accountIds: Iterable<string>): Promise<void> {
  if (!context.principal) throw AccessError.unauthenticated(context.authFailure);
  if (ownerScope(context.principal) === undefined) return;
  const rows = await context.loaders.account.loadMany([...accountIds]);
  if (rows.some((row) => row instanceof Error || !canSeeAccount(context, row))) throw AccessError.forbidden('watching accounts you do not own');
}
