import { Field, ID, InputType } from 'type-graphql';
import { MerchantStatus } from './merchant.enums.js';

@InputType({ description: 'A new merchant (staff). It starts PENDING_VERIFICATION.' })
export class CreateMerchantInput {
  @Field({ description: '1 to 200 characters.' }) name!: string;
  @Field({ description: 'Unique: 1 to 64 lower-case letters, digits and inner hyphens.' }) slug!: string;
  @Field({ description: 'ISO 4217 code; one of WALLET_CURRENCIES. Its accounts are opened in it.' }) defaultCurrency!: string;
  @Field(() => [ID], { nullable: true, description: 'MERCHANT users who act for it, e.g. ["usr_7"]; at most 50.' }) userIds?: string[];
}

@InputType({ description: 'Changes to a merchant’s profile; a field left out is kept.' })
export class UpdateMerchantInput {
  @Field(() => ID, { description: 'The merchant, e.g. "mer_3".' }) id!: string;
  @Field({ nullable: true, description: '1 to 200 characters.' }) name?: string;
}

@InputType({ description: 'A merchant by id.' })
export class MerchantIdInput {
  @Field(() => ID, { description: 'The merchant, e.g. "mer_3".' }) id!: string;
}

@InputType({ description: 'A MERCHANT user to act for a merchant.' })
export class AddMerchantUserInput {
  @Field(() => ID, { description: 'The merchant, e.g. "mer_3".' }) merchantId!: string;
  @Field(() => ID, { description: 'An active MERCHANT user, e.g. "usr_7".' }) userId!: string;
}

@InputType({ description: 'A user to stop acting for a merchant.' })
export class RemoveMerchantUserInput {
  @Field(() => ID, { description: 'The merchant, e.g. "mer_3".' }) merchantId!: string;
  @Field(() => ID, { description: 'The user, e.g. "usr_7".' }) userId!: string;
}

@InputType({ description: 'Filters of merchants.' })
export class MerchantFilterInput {
  @Field(() => MerchantStatus, { nullable: true, description: 'Only merchants in this status.' }) status?: MerchantStatus;
}
