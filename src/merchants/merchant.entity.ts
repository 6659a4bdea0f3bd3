import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from '../identity/index.js';
import { MerchantStatus } from './merchant.enums.js';

/** A merchant: who runs cashback offers and, later, gets settled. */
export const MerchantEntity = defineEntity({
  name: 'Merchant',
  tableName: 'merchant',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    name: p.string().length(200),
    slug: p.string().length(64).unique('merchant_slug_unique'),
    defaultCurrency: p.string().length(3).columnType('char(3)'),
    status: p.enum(() => MerchantStatus).nativeEnumName('merchant_status'),
    verifiedAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
});

/** A MERCHANT user who acts for a merchant (its API keys act for it through their user). */
export const MerchantUserEntity = defineEntity({
  name: 'MerchantUser',
  tableName: 'merchant_user',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    merchantId: () => p.manyToOne(MerchantEntity).mapToPk().joinColumn('merchant_id')
      .foreignKeyName('merchant_user_merchant_fk').updateRule('no action').deleteRule('cascade'),
    userId: () => p.manyToOne(UserEntity).mapToPk().joinColumn('user_id')
      .foreignKeyName('merchant_user_user_fk').updateRule('no action').deleteRule('cascade'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  uniques: [{ name: 'merchant_user_unique', properties: ['merchantId', 'userId'] }],
  indexes: [{ name: 'merchant_user_user_index', properties: ['userId'] }],
});

export type MerchantRow = InferEntity<typeof MerchantEntity>;
