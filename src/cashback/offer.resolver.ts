import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Money } from '../ledger/index.js';
import { Merchant, scopedMerchants } from '../merchants/index.js';
import { Wallet } from '../wallets/index.js';
import { ownerScope } from '../platform/auth/principal.js';
import { Role } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { fromGlobalId } from './cashback.ids.js';
import { CreateOfferInput, SetOfferStatusInput } from './cashback.input.js';
import { Offer, OfferConnection } from './cashback.type.js';
import { loadOffer } from './purchase.resolver.js';

const merchantsAndStaff = [Role.MERCHANT, Role.ADMIN, Role.FINANCE];

@Resolver()
export class OfferResolver {
  @Authorized(...merchantsAndStaff)
  @Query(() => Offer, { nullable: true, description: 'An offer by global id; null when there is none or the caller does not act for its merchant (staff see all). Customers are refused (FORBIDDEN): an offer shows its budget, the merchant’s business.' })
  offer(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Offer | null> {
    return loadOffer(context, fromGlobalId('Offer', id));
  }

  @Authorized(...merchantsAndStaff)
  @Query(() => OfferConnection, { description: 'Offers, newest first, with budget used and left; at most 100 a page. MERCHANT users see their merchants’; staff all (or one merchant’s); customers are refused (FORBIDDEN).' })
  async offers(
    @Ctx() context: GraphQLContext,
    @Arg('merchantId', () => ID, { nullable: true }) merchantId?: string,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<OfferConnection> {
    const named = merchantId ? fromGlobalId('Merchant', merchantId, 'merchantId') : undefined;
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const scope = await scopedMerchants(context, named);
    return toConnection(await context.cashback.queries.offers(context.em, scope, size, cursor), (row) => Offer.from(row));
  }

  @Authorized(...merchantsAndStaff)
  @Mutation(() => Offer, { description: 'Creates an offer of a merchant the caller acts for (staff: any), DRAFT unless `activate`. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, NOT_FOUND.' })
  async createOffer(@Arg('input', () => CreateOfferInput) input: CreateOfferInput, @Ctx() context: GraphQLContext): Promise<Offer> {
    const merchantId = fromGlobalId('Merchant', input.merchantId, 'merchantId');
    return Offer.from(await context.cashback.offers.create({ ...input, merchantId, memberScope: ownerScope(context.principal) }));
  }

  @Authorized(...merchantsAndStaff)
  @Mutation(() => Offer, { description: 'Activates, pauses or ends an offer. Errors: BAD_USER_INPUT, NOT_FOUND, INVALID_OFFER_TRANSITION.' })
  async setOfferStatus(@Arg('input', () => SetOfferStatusInput) input: SetOfferStatusInput, @Ctx() context: GraphQLContext): Promise<Offer> {
    const id = fromGlobalId('Offer', input.id);
    return Offer.from(await context.cashback.offers.setStatus(id, input.status, ownerScope(context.principal)));
  }
}

@Resolver(() => Merchant)
export class MerchantCashbackResolver {
  @FieldResolver(() => [Money], { description: 'Cashback its purchases grant now, per currency.' })
  async cashbackGranted(@Root() merchant: Merchant, @Ctx() context: GraphQLContext): Promise<Money[]> {
    return (await context.cashback.queries.granted(context.em, merchant.row.id)).map((g) => Money.of(g.total, g.currency));
  }
}

@Resolver(() => Wallet)
export class WalletCashbackResolver {
  @FieldResolver(() => Money, { description: 'What the owner owes from cashback clawed back that this wallet could not cover (0: nothing); netted against their next cashback in this currency.' })
  async cashbackOwed(@Root() wallet: Wallet, @Ctx() context: GraphQLContext): Promise<Money> {
    const currency = wallet.row.currency.trim();
    return Money.of(await context.loaders.owed.load(`${wallet.row.userId}:${currency}`), currency);
  }
}

@Resolver(() => Offer)
export class OfferFieldResolver {
  @FieldResolver(() => ID, { description: 'The merchant’s global id.' })
  merchantId(@Root() offer: Offer): string {
    return `mer_${offer.row.merchantId}`;
  }
}
