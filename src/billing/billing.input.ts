import { Field, ID, InputType, Int } from 'type-graphql';
import { InvoiceStatus, PayerStatus } from './billing.enums.js';

@InputType({ description: 'A new payer (a student) of an organisation.' })
export class CreatePayerInput {
  @Field(() => ID, { description: 'The organisation (a merchant), e.g. "mer_2".' }) merchantId!: string;
  @Field({ description: '1 to 200 characters.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'The organisation’s own reference (a student number): up to 100 characters, unique within it.' }) reference?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Guardians: CUSTOMER users who may see and pay its invoices; at most 10.' }) guardianIds?: string[];
}

@InputType({ description: 'A payer, by id.' })
export class PayerIdInput {
  @Field(() => ID, { description: 'The payer, e.g. "pyr_3".' }) id!: string;
}

@InputType({ description: 'A guardian of a payer.' })
export class PayerGuardianInput {
  @Field(() => ID, { description: 'The payer.' }) payerId!: string;
  @Field(() => ID, { description: 'A CUSTOMER user, e.g. "usr_9".' }) userId!: string;
}

@InputType({ description: 'One line of an invoice.' })
export class InvoiceLineInput {
  @Field({ description: '1 to 200 characters.' }) description!: string;
  @Field(() => Int, { description: '1 to 1,000,000.' }) quantity!: number;
  @Field({ description: 'The price of one, in minor units (a positive whole number as a string).' }) unitAmount!: string;
}

@InputType({ description: 'An invoice to issue. Its number is its idempotency key within the organisation.' })
export class IssueInvoiceInput {
  @Field(() => ID, { description: 'The payer, e.g. "pyr_3" (ACTIVE).' }) payerId!: string;
  @Field({ description: '1 to 64 characters, unique within the organisation; the same number and payload again returns the first invoice.' }) number!: string;
  @Field({ description: 'ISO 4217 currency code.' }) currency!: string;
  @Field(() => [InvoiceLineInput], { description: '1 to 100 lines.' }) lines!: InvoiceLineInput[];
  @Field(() => Date, { nullable: true, description: 'When it is issued (its entry is effective then); default now.' }) issuedAt?: Date | null;
  @Field(() => Date, { description: 'When it is due; not before issuedAt.' }) dueAt!: Date;
  @Field(() => String, { nullable: true, description: 'Up to 500 characters.' }) memo?: string | null;
}

@InputType({ description: 'An invoice, by id.' })
export class InvoiceIdInput {
  @Field(() => ID, { description: 'The invoice, e.g. "inv_8".' }) id!: string;
}

@InputType({ description: 'A payment received outside Folio (a bank transfer, cash), recorded by the organisation’s staff.' })
export class RecordInvoicePaymentInput {
  @Field(() => ID, { description: 'The invoice.' }) invoiceId!: string;
  @Field({ description: 'Minor units; at most what remains to be paid.' }) amount!: string;
  @Field(() => String, { nullable: true, description: 'The transfer’s or receipt’s reference: up to 500 characters.' }) reference?: string | null;
  @Field({ description: 'One payment per key: the same key and payload returns the first payment.' }) idempotencyKey!: string;
  @Field(() => Date, { nullable: true, description: 'When it was paid; default now, never in the future.' }) paidAt?: Date | null;
}

@InputType({ description: 'A guardian paying an invoice of its payer from its own wallet.' })
export class PayInvoiceInput {
  @Field(() => ID, { description: 'The invoice.' }) invoiceId!: string;
  @Field(() => String, { nullable: true, description: 'Minor units; at most what remains; omitted: all that remains.' }) amount?: string | null;
  @Field({ description: 'One payment per key: the same key and payload returns the first payment.' }) idempotencyKey!: string;
}

@InputType({ description: 'Which payers.' })
export class PayerFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only this organisation’s.' }) merchantId?: string;
  @Field(() => PayerStatus, { nullable: true, description: 'Only these.' }) status?: PayerStatus;
}

@InputType({ description: 'Which invoices.' })
export class InvoiceFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only this organisation’s.' }) merchantId?: string;
  @Field(() => ID, { nullable: true, description: 'Only this payer’s.' }) payerId?: string;
  @Field(() => InvoiceStatus, { nullable: true, description: 'Only in this state.' }) status?: InvoiceStatus;
}
