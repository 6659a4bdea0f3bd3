import { Field, ID, InputType } from 'type-graphql';
import { WalletTransactionKind, WalletTransactionStatus } from './wallets.enums.js';
import { WithdrawalStatus } from './withdrawal.type.js';

@InputType({ description: 'Money that arrived at the bank for a wallet (simulated funding).' })
export class DepositInput {
  @Field({ description: 'ISO 4217 code; one of WALLET_CURRENCIES.' }) currency!: string;
  @Field({ description: 'Minor units as a decimal string, greater than zero.' }) amount!: string;
  @Field({ description: 'The bank’s reference of the incoming payment (1 to 200 characters); each is credited once.' }) reference!: string;
  @Field({ nullable: true, description: 'A note, at most 1,000 characters.' }) memo?: string;
  @Field({ description: 'Client-generated; a retry with the same key returns the first result. Scoped to the caller.' }) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: 'Staff only: the user to credit. Others always credit their own wallet.' }) userId?: string;
}

@InputType({ description: 'Money to another user, in one currency. Give exactly one of `toUserId` and `toEmail`.' })
export class TransferInput {
  @Field(() => ID, { nullable: true, description: 'The recipient’s user id, e.g. "usr_7".' }) toUserId?: string;
  @Field({ nullable: true, description: 'The recipient’s email.' }) toEmail?: string;
  @Field({ description: 'ISO 4217 code of both wallets.' }) currency!: string;
  @Field({ description: 'Minor units as a decimal string, greater than zero.' }) amount!: string;
  @Field({ nullable: true, description: 'A message for both sides’ history, at most 1,000 characters.' }) memo?: string;
  @Field({ description: 'Client-generated; a retry with the same key returns the first result. Scoped to the caller.' }) idempotencyKey!: string;
}

@InputType({ description: 'Money out to the caller’s bank through the payment processor.' })
export class RequestWithdrawalInput {
  @Field({ description: 'ISO 4217 code of the wallet.' }) currency!: string;
  @Field({ description: 'Minor units as a decimal string; the fee (WITHDRAWAL_FEE_BPS) is held on top.' }) amount!: string;
  @Field({ description: 'Where to send it (a bank account reference, 1 to 200 characters). The simulated processor reads `sim:succeed`, `sim:fail`, `sim:delay` or `sim:delay:<ms>`.' }) destination!: string;
  @Field({ description: 'Client-generated; a retry with the same key returns the first withdrawal. Scoped to the caller.' }) idempotencyKey!: string;
}

@InputType({ description: 'Try a FAILED withdrawal again, as a new attempt with a new hold.' })
export class RetryWithdrawalInput {
  @Field(() => ID, { description: 'The withdrawal, e.g. "wd_12".' }) id!: string;
  @Field({ description: 'Client-generated; a retry of this request with the same key returns the withdrawal without another attempt.' }) idempotencyKey!: string;
}

@InputType({ description: 'Filters of a wallet’s history; all optional, combined with AND.' })
export class WalletTransactionFilterInput {
  @Field(() => [WalletTransactionKind], { nullable: true, description: 'Any of these kinds.' }) kinds?: WalletTransactionKind[];
  @Field(() => [WalletTransactionStatus], { nullable: true, description: 'Any of these statuses.' }) statuses?: WalletTransactionStatus[];
  @Field({ nullable: true, description: 'Created at or after this instant.' }) from?: Date;
  @Field({ nullable: true, description: 'Created before this instant.' }) to?: Date;
}

@InputType({ description: 'Filters of withdrawals.' })
export class WithdrawalFilterInput {
  @Field(() => [WithdrawalStatus], { nullable: true, description: 'Any of these statuses.' }) statuses?: WithdrawalStatus[];
  @Field(() => ID, { nullable: true, description: 'Staff only: one user’s withdrawals. Others always see only their own.' }) userId?: string;
}
