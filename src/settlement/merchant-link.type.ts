import { Field, ID, ObjectType } from 'type-graphql';
import type { MerchantLinkRow } from './merchant-link.entity.js';
import { toGlobalId } from './settlement.ids.js';

@ObjectType({ description: 'A merchant as a processor knows it: the id its events name the merchant by.' })
export class MerchantProcessorLink {
  @Field(() => ID, { description: 'The merchant’s global id.' }) merchantId!: string;
  @Field(() => ID, { description: 'The processor’s global id.' }) processorId!: string;
  @Field({ description: 'The processor’s id of the merchant.' }) processorMerchantId!: string;
  @Field({ description: 'When it was linked first.' }) createdAt!: Date;

  static from(row: MerchantLinkRow): MerchantProcessorLink {
    return Object.assign(new MerchantProcessorLink(), {
      merchantId: toGlobalId('Merchant', String(row.merchantId)), processorId: toGlobalId('Processor', String(row.processorId)),
      processorMerchantId: row.externalId, createdAt: row.createdAt,
    });
  }
}
