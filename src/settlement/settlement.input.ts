import { Field, ID, InputType } from 'type-graphql';
import { ProcessorEventStatus } from './settlement.enums.js';

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
