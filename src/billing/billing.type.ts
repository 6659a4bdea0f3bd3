import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../ledger/index.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { Node } from '../platform/graphql/node.type.js';
import type { InvoiceLineRow, InvoicePaymentRow, InvoiceRow, PayerRow } from './billing.entity.js';
import { InvoiceStatus, PayerStatus, PaymentMethod } from './billing.enums.js';
import { toGlobalId } from './billing.ids.js';

registerEnumType(PayerStatus, { name: 'PayerStatus', description: 'ACTIVE, or ARCHIVED: its invoices and history kept, no new invoice.' });
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'PENDING (nothing paid) → PARTIALLY_PAID → PAID; VOID (only while nothing is paid). OVERDUE is not a state: see `Invoice.overdue(asOf:)`.',
});
registerEnumType(PaymentMethod, { name: 'PaymentMethod', description: 'EXTERNAL: received outside Folio (a bank transfer, cash) and recorded by the organisation’s staff.' });

@ObjectType({ implements: Node, description: 'A payer (a student) of an organisation. Seen by the organisation’s MERCHANT users, its guardians, and staff.' })
export class Payer extends Node {
  row!: PayerRow;

  @Field(() => ID, { description: 'Global id, e.g. "pyr_3".' }) override id!: string;
  @Field(() => ID, { description: 'The organisation (a merchant), e.g. "mer_2".' }) merchantId!: string;
  @Field({ description: 'Its name.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'The organisation’s own reference for it (a student number), unique within the organisation.' }) reference!: string | null;
  @Field(() => PayerStatus, { description: 'ACTIVE or ARCHIVED.' }) status!: PayerStatus;
  @Field({ description: 'When it was created.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was archived.' }) archivedAt!: Date | null;

  static from(row: PayerRow): Payer {
    return Object.assign(new Payer(), {
      row, id: toGlobalId('Payer', row.id), merchantId: toGlobalId('Merchant', String(row.merchantId)), name: row.name, reference: row.reference ?? null,
      status: row.status, createdAt: row.createdAt, archivedAt: row.archivedAt ?? null,
    });
  }
}

@ObjectType({ description: 'One line of an invoice: quantity × unit amount.' })
export class InvoiceLine {
  @Field({ description: 'What is charged.' }) description!: string;
  @Field(() => Int, { description: '1 or more.' }) quantity!: number;
  @Field(() => Money, { description: 'The price of one, in minor units.' }) unitAmount!: Money;
  @Field(() => Money, { description: 'quantity × unitAmount.' }) amount!: Money;

  static from(row: InvoiceLineRow, currency: string): InvoiceLine {
    return Object.assign(new InvoiceLine(), { description: row.description, quantity: row.quantity, unitAmount: Money.of(BigInt(row.unitAmount), currency), amount: Money.of(BigInt(row.amount), currency) });
  }
}

@ObjectType({ implements: Node, description: 'A payment against an invoice.' })
export class InvoicePayment extends Node {
  @Field(() => ID, { description: 'Global id, e.g. "ipm_5".' }) override id!: string;
  @Field(() => ID, { description: 'The invoice it pays.' }) invoiceId!: string;
  @Field(() => Money, { description: 'What was paid.' }) amount!: Money;
  @Field(() => PaymentMethod, { description: 'How.' }) method!: PaymentMethod;
  @Field({ description: 'The bank transfer’s or receipt’s reference, as recorded.' }) reference!: string;
  @Field(() => ID, { nullable: true, description: 'The ledger entry it posted.' }) entryId!: string | null;
  @Field({ description: 'When it was paid (never before the invoice was issued).' }) paidAt!: Date;

  static from(row: InvoicePaymentRow, currency: string): InvoicePayment {
    return Object.assign(new InvoicePayment(), {
      id: toGlobalId('InvoicePayment', row.id), invoiceId: toGlobalId('Invoice', String(row.invoiceId)), amount: Money.of(BigInt(row.amount), currency),
      method: row.method, reference: row.reference, entryId: row.entryId ? toGlobalId('JournalEntry', String(row.entryId)) : null, paidAt: row.paidAt,
    });
  }
}

@ObjectType({ implements: Node, description: 'An invoice of an organisation to one of its payers. Seen by the organisation’s MERCHANT users, the payer’s guardians, and staff.' })
export class Invoice extends Node {
  row!: InvoiceRow;

  @Field(() => ID, { description: 'Global id, e.g. "inv_8".' }) override id!: string;
  @Field(() => ID, { description: 'The organisation (a merchant).' }) merchantId!: string;
  @Field(() => ID, { description: 'The payer.' }) payerId!: string;
  @Field({ description: 'Its number, unique within the organisation.' }) number!: string;
  @Field({ description: 'ISO 4217 currency code.' }) currency!: string;
  @Field(() => Money, { description: 'The lines’ amounts summed.' }) total!: Money;
  @Field(() => Money, { description: 'What payments have covered.' }) paid!: Money;
  @Field(() => Money, { description: 'total − paid; 0 when VOID.' }) remaining!: Money;
  @Field(() => InvoiceStatus, { description: 'PENDING, PARTIALLY_PAID, PAID or VOID.' }) status!: InvoiceStatus;
  @Field({ description: 'When it was issued: its entry is effective then.' }) issuedAt!: Date;
  @Field({ description: 'When it is due; an open invoice after it is overdue.' }) dueAt!: Date;
  @Field({ description: 'Its memo (may be empty).' }) memo!: string;
  @Field(() => ID, { nullable: true, description: 'The ledger entry that issued it.' }) entryId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The ledger entry that reversed it, when VOID.' }) voidEntryId!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was voided.' }) voidedAt!: Date | null;
  @Field({ description: 'When it last changed.' }) updatedAt!: Date;

  static from(row: InvoiceRow): Invoice {
    const currency = row.currency.trim();
    const remaining = row.status === InvoiceStatus.VOID ? 0n : BigInt(row.total) - BigInt(row.paid);
    const entry = (id: unknown) => (id ? toGlobalId('JournalEntry', String(id)) : null);
    return Object.assign(new Invoice(), {
      row, id: toGlobalId('Invoice', row.id), merchantId: toGlobalId('Merchant', String(row.merchantId)), payerId: toGlobalId('Payer', String(row.payerId)),
      number: row.number, currency, total: Money.of(BigInt(row.total), currency), paid: Money.of(BigInt(row.paid), currency), remaining: Money.of(remaining, currency),
      status: row.status, issuedAt: row.issuedAt, dueAt: row.dueAt, memo: row.memo, entryId: entry(row.entryId), voidEntryId: entry(row.voidEntryId),
      voidedAt: row.voidedAt ?? null, updatedAt: row.updatedAt,
    });
  }
}

@ObjectType({ description: 'What recordInvoicePayment returns: the payment and the invoice after it.' })
export class InvoicePaymentResult {
  @Field(() => InvoicePayment, { description: 'The payment (the first one, for a replayed key).' }) payment!: InvoicePayment;
  @Field(() => Invoice, { description: 'The invoice as it stands after the payment.' }) invoice!: Invoice;
  @Field({ description: 'True when the idempotency key was used before with the same payload: nothing was paid again.' }) replayed!: boolean;
}

export const PayerConnection = connectionOf(Payer, 'Payer', { one: 'payer', many: 'payers' }, 'A page of payers, newest first.');
export type PayerConnection = ConnectionOf<Payer>;
export const InvoiceConnection = connectionOf(Invoice, 'Invoice', { one: 'invoice', many: 'invoices' }, 'A page of invoices, newest first.');
export type InvoiceConnection = ConnectionOf<Invoice>;
