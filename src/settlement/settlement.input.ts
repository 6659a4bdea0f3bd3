import { Field, ID, InputType, Int } from 'type-graphql';
import { ProcessorEventStatus, SettlementPayoutStatus } from './settlement.enums.js';

@InputType({ description: 'A payment processor to register (staff).' })
export class RegisterProcessorInput {
  @Field({ description: '1 to 200 characters.' }) name!: string;
  @Field({ description: 'Unique: 1 to 64 lower-case letters, digits and inner hyphens; its webhook URL is /webhooks/<slug>.' }) slug!: string;
}

@InputType({ description: 'A processor whose signing secret to rotate.' })
export class RotateProcessorSecretInput {
  @Field(() => ID, { description: 'The processor, e.g. "prc_2".' }) id!: string;
}

@InputType({ description: 'Filters of processor events; those left out match every event.' })
export class ProcessorEventFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only this processor’s, e.g. "prc_2".' }) processorId?: string;
  @Field({ nullable: true, description: 'Only events of this type, e.g. "refund.succeeded".' }) type?: string;
  @Field(() => ProcessorEventStatus, { nullable: true, description: 'Only events in this status.' }) status?: ProcessorEventStatus;
}

@InputType({ description: 'A merchant and its id at a processor (staff).' })
export class LinkMerchantToProcessorInput {
  @Field(() => ID, { description: 'The merchant, e.g. "mer_3".' }) merchantId!: string;
  @Field(() => ID, { description: 'The processor, e.g. "prc_2".' }) processorId!: string;
  @Field({ description: 'The processor’s id of the merchant, as its events name it: 1 to 200 characters, unique at the processor.' }) processorMerchantId!: string;
}

@InputType({ description: 'A settlement payout run to start (staff).' })
export class RunSettlementPayoutsInput {
  @Field({ description: 'Its idempotency key, 1 to 200 characters: running again with it returns the run, resuming it if a restart cut it off.' }) runKey!: string;
  @Field(() => ID, { description: 'The processor whose merchants to pay, e.g. "prc_2".' }) processorId!: string;
  @Field({ description: 'ISO 4217 currency code.' }) currency!: string;
  @Field(() => String, { nullable: true, description: 'The least paid to a merchant without a minimum of its own, in minor units; default SETTLEMENT_PAYOUT_MINIMUM.' }) minimum?: string | null;
}

@InputType({ description: 'A merchant’s settlement terms (staff). Each left out or null is the gateway’s default.' })
export class SetSettlementTermsInput {
  @Field(() => ID, { description: 'The merchant, e.g. "mer_3".' }) merchantId!: string;
  @Field(() => Int, { nullable: true, description: 'Hours from a charge until its net is available, 0 to 8760; null: SETTLEMENT_MATURITY_HOURS. Applies to charges from now on.' }) maturityHours?: number | null;
  @Field(() => String, { nullable: true, description: 'The least paid out to it, in minor units; null: each run’s minimum.' }) payoutMinimum?: string | null;
}

@InputType({ description: 'Filters of settlement payouts; those left out match every payout.' })
export class SettlementPayoutFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only this merchant’s, e.g. "mer_3".' }) merchantId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this processor’s.' }) processorId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this run’s, e.g. "srn_2".' }) runId?: string;
  @Field(() => SettlementPayoutStatus, { nullable: true, description: 'Only payouts in this status.' }) status?: SettlementPayoutStatus;
}
