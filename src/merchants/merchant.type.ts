import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { Node } from '../platform/graphql/node.type.js';
import type { MerchantRow } from './merchant.entity.js';
import { MerchantStatus } from './merchant.enums.js';
import { toGlobalId } from './merchant.ids.js';

registerEnumType(MerchantStatus, {
  name: 'MerchantStatus',
  description: 'PENDING_VERIFICATION (new; its purchases are refused) → ACTIVE (verified by staff) ⇄ SUSPENDED (purchases refused, offers stop applying).',
});

@ObjectType({ implements: Node, description: 'A merchant: runs cashback offers and records its customers’ purchases. Seen by its own MERCHANT users and by staff.' })
export class Merchant extends Node {
  row!: MerchantRow;

  @Field(() => ID, { description: 'Global id, e.g. "mer_3".' }) override id!: string;
  @Field({ description: 'Its display name.' }) name!: string;
  @Field({ description: 'Its unique slug (lower-case letters, digits, hyphens).' }) slug!: string;
  @Field({ description: 'The currency its accounts are opened in first.' }) defaultCurrency!: string;
  @Field(() => MerchantStatus, { description: 'PENDING_VERIFICATION, ACTIVE or SUSPENDED.' }) status!: MerchantStatus;
  @Field(() => Date, { nullable: true, description: 'When staff verified it.' }) verifiedAt!: Date | null;
  @Field({ description: 'When it was created.' }) createdAt!: Date;
  @Field({ description: 'When it last changed.' }) updatedAt!: Date;

  static from(row: MerchantRow): Merchant {
    return Object.assign(new Merchant(), {
      row, id: toGlobalId('Merchant', row.id), name: row.name, slug: row.slug, defaultCurrency: row.defaultCurrency.trim(),
      status: row.status, verifiedAt: row.verifiedAt ?? null, createdAt: row.createdAt, updatedAt: row.updatedAt,
    });
  }
}

export const MerchantConnection = connectionOf(Merchant, 'Merchant', { one: 'merchant', many: 'merchants' }, 'A page of merchants, newest first.');
export type MerchantConnection = ConnectionOf<Merchant>;
