import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MerchantEntity } from '../merchants/index.js';
import { ProcessorEntity } from './processor.entity.js';

/**
 * A merchant as a processor knows it: the processor's id of the merchant, which its events name.
 * One per merchant and processor, and an id names one merchant at a processor.
 */
export const MerchantLinkEntity = defineEntity({
  name: 'MerchantLink',
  tableName: 'settlement_merchant_link',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    merchantId: () => p.manyToOne(MerchantEntity).mapToPk().joinColumn('merchant_id')
      .foreignKeyName('settlement_merchant_link_merchant_fk').updateRule('no action').deleteRule('no action'),
    processorId: () => p.manyToOne(ProcessorEntity).mapToPk().joinColumn('processor_id')
      .foreignKeyName('settlement_merchant_link_processor_fk').updateRule('no action').deleteRule('no action'),
    /** The processor's id of the merchant, as its events name it. */
    externalId: p.string().length(200),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  uniques: [
    { name: 'settlement_merchant_link_external_unique', properties: ['processorId', 'externalId'] },
    { name: 'settlement_merchant_link_merchant_unique', properties: ['merchantId', 'processorId'] },
  ],
});

export type MerchantLinkRow = InferEntity<typeof MerchantLinkEntity>;
