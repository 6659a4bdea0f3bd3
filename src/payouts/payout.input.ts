import { Field, ID, InputType } from 'type-graphql';
import { PayoutStatus } from './payout.type.js';

@InputType({ description: 'A payout of the caller’s available funds.' })
export class RequestPayoutInput {
  @Field({ description: 'ISO 4217 code of the wallet.' }) currency!: string;
  @Field({ nullable: true, description: 'Minor units as a decimal string; omitted: the whole available balance. At least PAYOUT_MINIMUM.' }) amount?: string;
  @Field({ nullable: true, description: 'Where to pay (1 to 200 characters); default "default". The simulated processor reads `sim:` destinations.' }) destination?: string;
  @Field({ description: 'Client-generated; a retry with the same key returns the first payout. Scoped to the caller. Keys starting with "run:" are reserved for payout runs.' }) idempotencyKey!: string;
}

@InputType({ description: 'Cancel a REQUESTED payout; the funds are released.' })
export class CancelPayoutInput {
  @Field(() => ID, { description: 'The payout, e.g. "po_40".' }) id!: string;
  @Field({ description: 'Client-generated; a retry of this request returns the cancelled payout.' }) idempotencyKey!: string;
}

@InputType({ description: 'Start (or, with the same key, look up) a payout run.' })
export class StartPayoutRunInput {
  @Field({ description: 'Idempotency key of the run, e.g. "2026-11-22-usd": the same key never pays a wallet twice.' }) runKey!: string;
  @Field({ description: 'ISO 4217 code: every wallet of this currency is looked at.' }) currency!: string;
  @Field({ nullable: true, description: 'Minor units; default and floor: PAYOUT_MINIMUM.' }) threshold?: string;
}

@InputType({ description: 'Filters of payouts.' })
export class PayoutFilterInput {
  @Field(() => [PayoutStatus], { nullable: true, description: 'Any of these statuses.' }) statuses?: PayoutStatus[];
  @Field(() => ID, { nullable: true, description: 'Staff only: one user’s payouts. Others always see only their own.' }) userId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the payouts of this run.' }) runId?: string;
}
