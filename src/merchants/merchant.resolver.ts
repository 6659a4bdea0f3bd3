import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User } from '../identity/index.js';
import { ownerScope } from '../platform/auth/principal.js';
import { Role, staffRoles } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import type { NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { fromGlobalId } from './merchant.ids.js';
import { AddMerchantUserInput, CreateMerchantInput, MerchantFilterInput, MerchantIdInput, RemoveMerchantUserInput, UpdateMerchantInput } from './merchant.input.js';
import type { MerchantAction } from './merchant.service.js';
import { Merchant, MerchantConnection } from './merchant.type.js';

/** A merchant the caller may see: staff any, a MERCHANT user the merchants it acts for. */
export async function visibleMerchant(context: GraphQLContext, rowId: string): Promise<Merchant | null> {
  const row = await context.loaders.merchant.load(rowId);
  if (!row) return null;
  const scope = ownerScope(context.principal);
  if (scope !== undefined && !(await context.loaders.merchantUserIds.load(rowId)).includes(scope)) return null;
  return Merchant.from(row);
}

export const merchantNodes: Partial<Record<IdType, NodeFetcher>> = {
  Merchant: (id, context) => visibleMerchant(context, id),
};

/** Who may read or edit merchants: their MERCHANT users (their own) and staff; a customer acts for none and is refused. */
const membersAndStaff = [Role.MERCHANT, ...staffRoles];

@Resolver()
export class MerchantResolver {
  @Authorized(...membersAndStaff)
  @Query(() => Merchant, { nullable: true, description: 'A merchant by global id; null when there is none or the caller does not act for it (staff see all). Customers are refused (FORBIDDEN).' })
  merchant(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Merchant | null> {
    return visibleMerchant(context, fromGlobalId('Merchant', id));
  }

  @Authorized(...membersAndStaff)
  @Query(() => MerchantConnection, { description: 'Merchants, newest first; at most 100 a page. Staff see all; MERCHANT users the merchants they act for; customers are refused (FORBIDDEN).' })
  async merchants(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => MerchantFilterInput, { nullable: true }) filter?: MerchantFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<MerchantConnection> {
    const page = await context.merchants.queries.list(context.em, { memberId: ownerScope(context.principal), status: filter?.status }, pageSize(first), decodeCursor(after));
    return toConnection(page, Merchant.from);
  }

  @Authorized(...staffRoles)
  @Mutation(() => Merchant, { description: 'Creates a merchant PENDING_VERIFICATION, with its ledger accounts (staff). Errors: BAD_USER_INPUT, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, USER_NOT_MERCHANT, MERCHANT_SLUG_TAKEN.' })
  async createMerchant(@Arg('input', () => CreateMerchantInput) input: CreateMerchantInput, @Ctx() context: GraphQLContext): Promise<Merchant> {
    const userIds = (input.userIds ?? []).map((id, i) => fromGlobalId('User', id, `userIds.${i}`));
    return Merchant.from(await context.merchants.service.create({ ...input, userIds }));
  }

  @Authorized(...membersAndStaff)
  @Mutation(() => Merchant, { description: 'Edits a merchant’s profile: its own MERCHANT users, or staff. Errors: BAD_USER_INPUT, NOT_FOUND.' })
  async updateMerchant(@Arg('input', () => UpdateMerchantInput) input: UpdateMerchantInput, @Ctx() context: GraphQLContext): Promise<Merchant> {
    const id = fromGlobalId('Merchant', input.id);
    return Merchant.from(await context.merchants.service.update(id, ownerScope(context.principal), { name: input.name }));
  }

  @Authorized(...staffRoles)
  @Mutation(() => Merchant, { description: 'Verifies a PENDING_VERIFICATION merchant: it becomes ACTIVE (staff). Errors: BAD_USER_INPUT, NOT_FOUND, INVALID_MERCHANT_TRANSITION.' })
  verifyMerchant(@Arg('input', () => MerchantIdInput) input: MerchantIdInput, @Ctx() context: GraphQLContext): Promise<Merchant> {
    return transition(context, input.id, 'verify');
  }

  @Authorized(...staffRoles)
  @Mutation(() => Merchant, { description: 'Activates a SUSPENDED merchant again (staff). Errors: BAD_USER_INPUT, NOT_FOUND, INVALID_MERCHANT_TRANSITION.' })
  activateMerchant(@Arg('input', () => MerchantIdInput) input: MerchantIdInput, @Ctx() context: GraphQLContext): Promise<Merchant> {
    return transition(context, input.id, 'activate');
  }

  @Authorized(...staffRoles)
  @Mutation(() => Merchant, { description: 'Suspends an ACTIVE merchant: its purchases are refused (MERCHANT_NOT_ACTIVE) and its offers stop applying (staff). Errors: BAD_USER_INPUT, NOT_FOUND, INVALID_MERCHANT_TRANSITION.' })
  suspendMerchant(@Arg('input', () => MerchantIdInput) input: MerchantIdInput, @Ctx() context: GraphQLContext): Promise<Merchant> {
    return transition(context, input.id, 'suspend');
  }

  @Authorized(...staffRoles)
  @Mutation(() => Merchant, { description: 'Lets a MERCHANT user act for a merchant (staff); adding one twice is a no-op. Errors: BAD_USER_INPUT, USER_NOT_MERCHANT, NOT_FOUND.' })
  async addMerchantUser(@Arg('input', () => AddMerchantUserInput) input: AddMerchantUserInput, @Ctx() context: GraphQLContext): Promise<Merchant> {
    const merchantId = fromGlobalId('Merchant', input.merchantId, 'merchantId');
    const userId = fromGlobalId('User', input.userId, 'userId');
    return Merchant.from(await context.merchants.service.addUser(merchantId, userId));
  }

  @Authorized(...staffRoles)
  @Mutation(() => Merchant, { description: 'Stops a user acting for a merchant (staff): from the next request on, its tokens and API keys no longer reach the merchant. Removing one that does not act for it is a no-op. Errors: BAD_USER_INPUT, NOT_FOUND.' })
  async removeMerchantUser(@Arg('input', () => RemoveMerchantUserInput) input: RemoveMerchantUserInput, @Ctx() context: GraphQLContext): Promise<Merchant> {
    const merchantId = fromGlobalId('Merchant', input.merchantId, 'merchantId');
    const userId = fromGlobalId('User', input.userId, 'userId');
    return Merchant.from(await context.merchants.service.removeUser(merchantId, userId));
  }
}

async function transition(context: GraphQLContext, id: string, action: MerchantAction): Promise<Merchant> {
  return Merchant.from(await context.merchants.service.transition(fromGlobalId('Merchant', id), action));
}

@Resolver(() => Merchant)
export class MerchantFieldResolver {
  @FieldResolver(() => [User], { description: 'The MERCHANT users who act for it.' })
  async users(@Root() merchant: Merchant, @Ctx() context: GraphQLContext): Promise<User[]> {
    const ids = await context.loaders.merchantUserIds.load(merchant.row.id);
    const rows = await Promise.all(ids.map((id) => context.loaders.user.load(id)));
    return rows.flatMap((row) => (row ? [User.from(row)] : []));
  }
}
