import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Merchant, visibleMerchant } from '../merchants/index.js';
import { AccessError } from '../platform/auth/access.errors.js';
import { actingUser } from '../platform/auth/owner-access.js';
import { isStaff, ownerScope } from '../platform/auth/principal.js';
import { Role } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import type { NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { canSeeOffer, canSeePurchase, merchantScope } from './cashback-access.js';
import { fromGlobalId } from './cashback.ids.js';
import { ConfirmPurchaseInput, PurchaseFilterInput, RecordPurchaseInput, RefundPurchaseInput, ReversePurchaseInput } from './cashback.input.js';
import type { PurchaseFilter } from './cashback.queries.js';
import { CashbackSummary, Offer, Purchase, PurchaseChange, PurchaseConnection } from './cashback.type.js';

async function loadPurchase(context: GraphQLContext, rowId: string): Promise<Purchase | null> {
  const row = await context.loaders.purchase.load(rowId);
  return row && (await canSeePurchase(context, row)) ? Purchase.from(row) : null;
}

async function loadOffer(context: GraphQLContext, rowId: string): Promise<Offer | null> {
  const row = await context.loaders.offer.load(rowId);
  return row && (await canSeeOffer(context, row)) ? Offer.from(row) : null;
}

export const cashbackNodes: Partial<Record<IdType, NodeFetcher>> = {
  Purchase: (id, context) => loadPurchase(context, id),
  Offer: (id, context) => loadOffer(context, id),
};

const recorders = [Role.MERCHANT, Role.ADMIN, Role.FINANCE];

/** What a list of purchases is limited to: staff what they filter on; others their own and their merchants'. */
async function purchaseScope(context: GraphQLContext, filter: PurchaseFilterInput | undefined): Promise<PurchaseFilter> {
  const merchantId = filter?.merchantId ? fromGlobalId('Merchant', filter.merchantId, 'filter.merchantId') : undefined;
  if (isStaff(context.principal)) {
    return { merchantIds: merchantId ? [merchantId] : undefined, customerId: filter?.customerId ? fromGlobalId('User', filter.customerId, 'filter.customerId') : undefined, statuses: filter?.statuses };
  }
  if (filter?.customerId) throw AccessError.forbidden('listing another customer’s purchases');
  const mine = (await merchantScope(context))!;
  if (merchantId) return { merchantIds: mine.includes(merchantId) ? [merchantId] : [], statuses: filter?.statuses };
  return { merchantIds: mine, customerId: ownerScope(context.principal), either: true, statuses: filter?.statuses };
}

@Resolver()
export class PurchaseResolver {
  @Authorized()
  @Query(() => Purchase, { nullable: true, description: 'A purchase by global id; null when there is none or the caller may not see it (its customer, its merchant’s users and staff may).' })
  purchase(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Purchase | null> {
    return loadPurchase(context, fromGlobalId('Purchase', id));
  }

  @Authorized()
  @Query(() => PurchaseConnection, { description: 'Purchases, newest first; at most 100 a page. Customers see their own; MERCHANT users their merchants’ (and their own); staff all.' })
  async purchases(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => PurchaseFilterInput, { nullable: true }) filter?: PurchaseFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<PurchaseConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const page = await context.cashback.queries.purchases(context.em, await purchaseScope(context, filter), size, cursor);
    return toConnection(page, Purchase.from);
  }

  @Authorized()
  @Query(() => [CashbackSummary], { description: 'The caller’s cashback per currency (staff may name a user): pending, confirmed, available, paid out, clawed back, owed.' })
  async cashbackSummary(@Ctx() context: GraphQLContext, @Arg('userId', () => ID, { nullable: true }) userId?: string): Promise<CashbackSummary[]> {
    return (await context.cashback.queries.summary(context.em, actingUser(context, userId))).map(CashbackSummary.from);
  }

  @Authorized(...recorders)
  @Mutation(() => Purchase, {
    description: 'Records a purchase of a merchant the caller acts for (or any, for staff), holding its cashback for the customer as pending. Idempotent on the merchant’s `externalId`: a replay returns the first purchase. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, CUSTOMER_NOT_FOUND, MERCHANT_NOT_ACTIVE.',
  })
  async recordPurchase(@Arg('input', () => RecordPurchaseInput) input: RecordPurchaseInput, @Ctx() context: GraphQLContext): Promise<Purchase> {
    const merchantId = fromGlobalId('Merchant', input.merchantId, 'merchantId');
    const customerId = input.customerId == null ? undefined : fromGlobalId('User', input.customerId, 'customerId');
    const { row } = await context.cashback.purchases.record({ ...input, merchantId, customerId, memberScope: ownerScope(context.principal) });
    return Purchase.from(row);
  }

  @Authorized(...recorders)
  @Mutation(() => Purchase, { description: 'Confirms a PENDING purchase: its cashback becomes available (and repays what the customer owes first). Errors: BAD_USER_INPUT, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, PURCHASE_ALREADY_REVERSED, PURCHASE_NOT_PENDING.' })
  async confirmPurchase(@Arg('input', () => ConfirmPurchaseInput) input: ConfirmPurchaseInput, @Ctx() context: GraphQLContext): Promise<Purchase> {
    const id = fromGlobalId('Purchase', input.id);
    return Purchase.from(await context.cashback.changes.confirm({ id, memberScope: ownerScope(context.principal), idempotencyKey: input.idempotencyKey }));
  }

  @Authorized(...recorders)
  @Mutation(() => Purchase, { description: 'Reverses a purchase: PENDING cashback is voided, CONFIRMED cashback clawed back (what the wallet cannot cover becomes owed). Errors: BAD_USER_INPUT, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, PURCHASE_ALREADY_REVERSED.' })
  async reversePurchase(@Arg('input', () => ReversePurchaseInput) input: ReversePurchaseInput, @Ctx() context: GraphQLContext): Promise<Purchase> {
    const id = fromGlobalId('Purchase', input.id);
    return Purchase.from(await context.cashback.changes.reverse({ id, memberScope: ownerScope(context.principal), idempotencyKey: input.idempotencyKey, reason: input.reason }));
  }

  @Authorized(...recorders)
  @Mutation(() => Purchase, { description: 'Records a refund of part of a purchase: floor(cashback × refunded so far ÷ amount) of its cashback is taken back in all; refunding all of it reverses the purchase. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, PURCHASE_ALREADY_REVERSED, REFUND_EXCEEDS_PURCHASE.' })
  async refundPurchase(@Arg('input', () => RefundPurchaseInput) input: RefundPurchaseInput, @Ctx() context: GraphQLContext): Promise<Purchase> {
    const id = fromGlobalId('Purchase', input.id);
    return Purchase.from(await context.cashback.changes.refund({ id, memberScope: ownerScope(context.principal), idempotencyKey: input.idempotencyKey, amount: input.amount }));
  }
}

@Resolver(() => Purchase)
export class PurchaseFieldResolver {
  @FieldResolver(() => Merchant, { nullable: true, description: 'The merchant, for its users and staff (null for the customer).' })
  merchant(@Root() purchase: Purchase, @Ctx() context: GraphQLContext): Promise<Merchant | null> {
    return visibleMerchant(context, String(purchase.row.merchantId));
  }

  @FieldResolver(() => Offer, { nullable: true, description: 'The offer that applied, for the merchant’s users and staff.' })
  async offer(@Root() purchase: Purchase, @Ctx() context: GraphQLContext): Promise<Offer | null> {
    return purchase.row.offerId ? loadOffer(context, String(purchase.row.offerId)) : null;
  }

  @FieldResolver(() => [PurchaseChange], { description: 'Every change, oldest first.' })
  async history(@Root() purchase: Purchase, @Ctx() context: GraphQLContext): Promise<PurchaseChange[]> {
    return (await context.loaders.purchaseChanges.load(purchase.row.id)).map((row) => PurchaseChange.from(row, purchase.row.currency.trim()));
  }
}

export { loadOffer, loadPurchase };
