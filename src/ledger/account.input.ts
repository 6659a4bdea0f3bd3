import { Field, ID, InputType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AccountStatus, AccountType, NegativeBalancePolicy } from './ledger.enums.js';

@InputType({ description: 'A new account.' })
export class OpenAccountInput {
  @Field({ description: 'Unique code within the ledger, at most 200 characters, e.g. "wallet:user:42:usd".' })
  code!: string;
  @Field({ description: 'At most 200 characters.' })
  name!: string;
  @Field(() => AccountType, { description: 'Fixes the normal side: DEBIT for ASSET and EXPENSE, CREDIT otherwise.' })
  type!: AccountType;
  @Field({ description: 'ISO 4217 currency code.' })
  currency!: string;
  @Field(() => ID, { nullable: true, description: 'A parent account of the same currency, for rollups.' })
  parentId?: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'At most 8 KiB of JSON.' })
  metadata?: Record<string, unknown>;
  @Field(() => NegativeBalancePolicy, { nullable: true, description: 'Default FORBID.' })
  negativeBalance?: NegativeBalancePolicy;
  @Field(() => ID, { nullable: true, description: 'Global id of the user (customer or merchant) who owns the account and may see it; omit for a system account.' })
  ownerId?: string;
}

@InputType({ description: 'Changes to an account; omitted fields stay as they are.' })
export class UpdateAccountInput {
  @Field(() => ID, { description: 'Global id of the account.' })
  id!: string;
  @Field({ nullable: true , description: 'New display name.' })
  name?: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the metadata whole.' })
  metadata?: Record<string, unknown>;
  @Field(() => AccountStatus, { nullable: true, description: 'FROZEN refuses postings until set OPEN again; CLOSED is final and needs a zero balance.' })
  status?: AccountStatus;
  @Field(() => NegativeBalancePolicy, { nullable: true , description: 'New negative-balance policy; applies to the next posting.' })
  negativeBalance?: NegativeBalancePolicy;
}

@InputType({ description: 'Which accounts to list; all filters are combined.' })
export class AccountFilterInput {
  @Field(() => AccountType, { nullable: true , description: 'Only accounts of this type.' }) type?: AccountType;
  @Field({ nullable: true , description: 'Only accounts in this ISO 4217 currency.' }) currency?: string;
  @Field(() => AccountStatus, { nullable: true , description: 'Only accounts with this status.' }) status?: AccountStatus;
  @Field(() => ID, { nullable: true , description: 'Only the children of this account.' }) parentId?: string;
  @Field({ nullable: true, description: 'Accounts whose code starts with this text.' }) codePrefix?: string;
  @Field(() => ID, { nullable: true, description: 'Only the accounts of this user (staff only; a customer or merchant always sees only its own).' }) ownerId?: string;
}
