import { Field, ID, InputType, Int } from 'type-graphql';
import { OfferKind, OfferStatus, PurchaseStatus } from './cashback.enums.js';

@InputType({ description: 'A cashback offer of a merchant. Amounts are minor units as decimal strings.' })
export class CreateOfferInput {
  @Field(() => ID, { description: 'The merchant, e.g. "mer_3".' }) merchantId!: string;
  @Field({ description: '1 to 200 characters.' }) name!: string;
  @Field(() => OfferKind, { description: 'PERCENTAGE (give basisPoints) or FIXED (give fixedAmount).' }) kind!: OfferKind;
  @Field(() => Int, { nullable: true, description: 'PERCENTAGE only: 1 to 10000 basis points.' }) basisPoints?: number;
  @Field({ nullable: true, description: 'FIXED only: the cashback per purchase.' }) fixedAmount?: string;
  @Field({ description: 'ISO 4217 code; one of WALLET_CURRENCIES.' }) currency!: string;
  @Field({ description: 'The window opens: purchases at or after it apply.' }) startsAt!: Date;
  @Field({ description: 'After startsAt.' }) endsAt!: Date;
  @Field({ nullable: true, description: 'The most cashback one user can hold from the offer; omitted: no cap.' }) perUserCap?: string;
  @Field({ description: 'The total cashback the offer may grant.' }) budget!: string;
  @Field({ nullable: true, description: 'The smallest purchase that earns cashback; default 0.' }) minimumPurchase?: string;
  @Field({ nullable: true, description: 'Start ACTIVE instead of DRAFT.' }) activate?: boolean;
}

@InputType({ description: 'A new status for an offer.' })
export class SetOfferStatusInput {
  @Field(() => ID, { description: 'The offer, e.g. "off_4".' }) id!: string;
  @Field(() => OfferStatus, { description: 'ACTIVE, PAUSED or ENDED.' }) status!: OfferStatus;
}

@InputType({ description: 'A purchase as the merchant reports it. Give exactly one of customerId and customerEmail.' })
export class RecordPurchaseInput {
  @Field(() => ID, { description: 'The merchant, e.g. "mer_3".' }) merchantId!: string;
  @Field({ description: 'The merchant’s id of the purchase (1 to 200 characters): the idempotency key.' }) externalId!: string;
  @Field(() => ID, { nullable: true, description: 'The customer’s user id, e.g. "usr_7".' }) customerId?: string;
  @Field({ nullable: true, description: 'The customer’s email.' }) customerEmail?: string;
  @Field({ description: 'Minor units as a decimal string, greater than zero.' }) amount!: string;
  @Field({ description: 'ISO 4217 code; one of WALLET_CURRENCIES.' }) currency!: string;
  @Field({ description: 'When it happened (not in the future); it picks the offers whose window applies.' }) occurredAt!: Date;
}

@InputType({ description: 'Confirm a PENDING purchase: its cashback becomes available.' })
export class ConfirmPurchaseInput {
  @Field(() => ID, { description: 'The purchase, e.g. "pur_9".' }) id!: string;
  @Field({ description: 'Client-generated; a retry with the same key returns the purchase. Scoped to the merchant.' }) idempotencyKey!: string;
}

@InputType({ description: 'Reverse a purchase: its cashback is voided (PENDING) or clawed back (CONFIRMED).' })
export class ReversePurchaseInput {
  @Field(() => ID, { description: 'The purchase, e.g. "pur_9".' }) id!: string;
  @Field({ nullable: true, description: 'Why, at most 500 characters.' }) reason?: string;
  @Field({ description: 'Client-generated; a retry with the same key returns the purchase. Scoped to the merchant.' }) idempotencyKey!: string;
}

@InputType({ description: 'A refund of part (or all) of a purchase: a proportional part of its cashback is taken back.' })
export class RefundPurchaseInput {
  @Field(() => ID, { description: 'The purchase, e.g. "pur_9".' }) id!: string;
  @Field({ description: 'Minor units refunded, at most what is left of the purchase.' }) amount!: string;
  @Field({ description: 'Client-generated; a retry with the same key returns the purchase. Scoped to the merchant.' }) idempotencyKey!: string;
}

@InputType({ description: 'Filters of purchases.' })
export class PurchaseFilterInput {
  @Field(() => ID, { nullable: true, description: 'One merchant’s purchases (its users and staff).' }) merchantId?: string;
  @Field(() => ID, { nullable: true, description: 'Staff only: one customer’s purchases.' }) customerId?: string;
  @Field(() => [PurchaseStatus], { nullable: true, description: 'Any of these statuses.' }) statuses?: PurchaseStatus[];
}
