import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Merchant } from '../merchants/index.js';
import { staffRoles } from '../platform/auth/roles.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { MerchantProcessorLink } from './merchant-link.type.js';
import { fromGlobalId } from './settlement.ids.js';
import { LinkMerchantToProcessorInput } from './settlement.input.js';


@Resolver()
export class MerchantLinkResolver {
  @Authorized(...staffRoles)
  @Mutation(() => MerchantProcessorLink, { description: 'Links a merchant to its id at a processor, so that processor’s events reach it (staff); linking it again replaces the id. Errors: BAD_USER_INPUT, NOT_FOUND, PROCESSOR_MERCHANT_ID_TAKEN.' })
  async linkMerchantToProcessor(@Arg('input', () => LinkMerchantToProcessorInput) input: LinkMerchantToProcessorInput, @Ctx() context: GraphQLContext): Promise<MerchantProcessorLink> {
    const merchantId = fromGlobalId('Merchant', input.merchantId, 'merchantId');
    const processorId = fromGlobalId('Processor', input.processorId, 'processorId');
    return MerchantProcessorLink.from(await context.settlement.links.link({ merchantId, processorId, externalId: input.processorMerchantId }));
  }
}

@Resolver(() => Merchant)
export class MerchantProcessorLinksResolver {
  @FieldResolver(() => [MerchantProcessorLink], { description: 'The merchant’s ids at payment processors.' })
  async processorLinks(@Root() merchant: Merchant, @Ctx() context: GraphQLContext): Promise<MerchantProcessorLink[]> {
    return (await context.loaders.merchantProcessorLinks.load(merchant.row.id)).map(MerchantProcessorLink.from);
  }
}
