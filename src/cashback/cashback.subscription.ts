import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { actingUser } from '../platform/auth/owner-access.js';

import { Role } from '../platform/auth/roles.js';
import { afterDescription, parseAfter } from '../platform/events/after.js';
import type { EventRouter } from '../platform/events/event-hub.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { merchantScope } from './cashback-access.js';
import { CashbackError } from './cashback.errors.js';
import { fromGlobalId } from './cashback.ids.js';
import { CashbackChange, Purchase, PurchaseRecorded } from './cashback.type.js';
import { cashbackChangedType, purchaseRecordedType, type CashbackEventPayload } from './purchase.service.js';

type Data = SubscribeResolverData<unknown, { after?: string; userId?: string; merchantId?: string }, GraphQLContext>;

const byCustomer: EventRouter = (event) => (event.type === cashbackChangedType ? [String((event.payload as CashbackEventPayload).userId)] : []);
const byMerchant: EventRouter = (event) => (event.type === purchaseRecordedType ? [String((event.payload as CashbackEventPayload).merchantId)] : []);

/** One customer's cashback changes (the caller's, or the named user's for staff). */
function cashbackChanges({ args, context }: Data): AsyncIterableIterator<CashbackChange> {
  const userId = actingUser(context, args.userId);
  return context.events.stream(parseAfter(args.after), (event) => {
    if (event.type !== cashbackChangedType) return [];
    const p = event.payload as CashbackEventPayload;
    if (p.userId !== userId) return [];
    return [Object.assign(new CashbackChange(), { purchaseRowId: p.purchaseId, sequence: String(event.seq), status: p.state })];
  }, { route: { by: byCustomer, keys: [userId] } });
}

/** Purchases recorded for the merchants the caller acts for (staff: all, or the one named). */
async function purchasesRecorded({ args, context }: Data): Promise<AsyncIterableIterator<PurchaseRecorded>> {
  const after = parseAfter(args.after);
  const named = args.merchantId ? fromGlobalId('Merchant', args.merchantId, 'merchantId') : undefined;
  const mine = await merchantScope(context);
  if (named && mine && !mine.includes(named)) throw CashbackError.notFound('Merchant', args.merchantId!);
  const keys = named ? [named] : mine;
  return context.events.stream(after, (event) => {
    if (event.type !== purchaseRecordedType) return [];
    const p = event.payload as CashbackEventPayload;
    if (keys && !keys.includes(p.merchantId)) return [];
    return [Object.assign(new PurchaseRecorded(), { purchaseRowId: p.purchaseId, sequence: String(event.seq) })];
  }, keys ? { route: { by: byMerchant, keys } } : {});
}

@Resolver()
export class CashbackSubscriptionResolver {
  @Authorized()
  @Subscription(() => CashbackChange, {
    subscribe: cashbackChanges as never,
    description: 'Changes of the caller’s cashback (staff may name a user): a purchase recorded, confirmed, refunded or reversed, as it commits. Resumable with `after`.',
  })
  cashbackChanged(
    @Root() change: CashbackChange, @Ctx() _context: GraphQLContext,
    @Arg('after', () => String, { nullable: true, description: afterDescription }) _after?: string,
    @Arg('userId', () => ID, { nullable: true }) _userId?: string,
  ): CashbackChange {
    return change;
  }

  @Authorized(Role.MERCHANT, Role.ADMIN, Role.FINANCE)
  @Subscription(() => PurchaseRecorded, {
    subscribe: purchasesRecorded as never,
    description: 'Purchases recorded for the merchants the caller acts for (staff: all, or `merchantId`’s), as they commit. Resumable with `after`.',
  })
  purchaseRecorded(
    @Root() recorded: PurchaseRecorded, @Ctx() _context: GraphQLContext,
    @Arg('after', () => String, { nullable: true, description: afterDescription }) _after?: string,
    @Arg('merchantId', () => ID, { nullable: true }) _merchantId?: string,
  ): PurchaseRecorded {
    return recorded;
  }
}

@Resolver(() => CashbackChange)
export class CashbackChangeResolver {
  @FieldResolver(() => Purchase, { description: 'The purchase as it is now.' })
  async purchase(@Root() change: CashbackChange, @Ctx() context: GraphQLContext): Promise<Purchase> {
    return Purchase.from((await context.loaders.purchase.load(change.purchaseRowId))!);
  }
}

@Resolver(() => PurchaseRecorded)
export class PurchaseRecordedResolver {
  @FieldResolver(() => Purchase, { description: 'The purchase as it is now.' })
  async purchase(@Root() recorded: PurchaseRecorded, @Ctx() context: GraphQLContext): Promise<Purchase> {
    return Purchase.from((await context.loaders.purchase.load(recorded.purchaseRowId))!);
  }
}

