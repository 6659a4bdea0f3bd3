import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../ledger/index.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { Node } from '../platform/graphql/node.type.js';
import type { InvoiceLineRow, InvoicePaymentRow, InvoiceRow, PayerRow } from './billing.entity.js';
import { InvoiceStatus, PayerStatus, PaymentMethod } from './billing.enums.js';
import { toGlobalId } from './billing.ids.js';
import { StatementLineKind, type StatementLineRow, type StatementRow } from './statement.queries.js';

registerEnumType(PayerStatus, { name: 'PayerStatus', description: 'ACTIVE, or ARCHIVED: its invoices and history kept, no new invoice.' });
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'PENDING (nothing paid) → PARTIALLY_PAID → PAID; VOID (only while nothing is paid). OVERDUE is not a state: see `Invoice.overdue(asOf:)`.',
});
registerEnumType(PaymentMethod, { name: 'PaymentMethod', description: 'EXTERNAL: received outside Folio (a bank transfer, cash) and recorded by the organisation’s staff; WALLET: paid by a guardian from its Folio wallet.' });

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

registerEnumType(StatementLineKind, { name: 'StatementLineKind', description: 'INVOICE (issued: owed more), PAYMENT (owed less), VOID (an invoice voided: owed less).' });

@ObjectType({ description: 'One posting of a statement: an invoice issued, a payment, or a void, with the balance after it.' })
export class StatementLine {
  @Field({ description: 'When it is effective.' }) at!: Date;
  @Field(() => StatementLineKind, { description: 'INVOICE, PAYMENT or VOID.' }) kind!: StatementLineKind;
  @Field(() => ID, { description: 'The invoice it concerns.' }) invoiceId!: string;
  @Field({ description: 'That invoice’s number.' }) invoiceNumber!: string;
  @Field(() => ID, { nullable: true, description: 'The payment, for a PAYMENT.' }) paymentId!: string | null;
  @Field(() => ID, { description: 'The ledger entry.' }) entryId!: string;
  @Field(() => Money, { description: 'Its effect on what is owed: positive for an invoice, negative for a payment or a void.' }) amount!: Money;
  @Field(() => Money, { description: 'What is owed after it.' }) balance!: Money;

  static from(row: StatementLineRow, currency: string): StatementLine {
    return Object.assign(new StatementLine(), {
      at: row.at, kind: row.kind, invoiceId: toGlobalId('Invoice', row.invoiceId), invoiceNumber: row.invoiceNumber,
      paymentId: row.paymentId ? toGlobalId('InvoicePayment', row.paymentId) : null, entryId: toGlobalId('JournalEntry', row.entryId),
      amount: Money.of(row.amount, currency), balance: Money.of(row.balance, currency),
    });
  }
}

@ObjectType({ description: 'What is open at the end of the period (issued, not voided, not fully paid), by whole days past due then; a day begun counts.' })
export class StatementAging {
  @Field(() => Money, { description: 'Not yet due.' }) current!: Money;
  @Field(() => Money, { description: '1 to 30 days past due.' }) days1To30!: Money;
  @Field(() => Money, { description: '31 to 60 days past due.' }) days31To60!: Money;
  @Field(() => Money, { description: '61 to 90 days past due.' }) days61To90!: Money;
  @Field(() => Money, { description: 'More than 90 days past due.' }) over90!: Money;
}

@ObjectType({ description: 'An account statement of a payer, or of every payer of an organisation, in one currency, for the period [from, to): from the ledger’s postings on the payers’ receivables.' })
export class Statement {
  @Field(() => ID, { nullable: true, description: 'The payer (null for an organisation’s statement).' }) payerId!: string | null;
  @Field(() => ID, { description: 'The organisation.' }) merchantId!: string;
  @Field({ description: 'ISO 4217 currency code.' }) currency!: string;
  @Field({ description: 'The period’s start (included).' }) from!: Date;
  @Field({ description: 'The period’s end (excluded).' }) to!: Date;
  @Field(() => Money, { description: 'What was owed at `from`.' }) opening!: Money;
  @Field(() => Money, { description: 'What was owed at `to`: opening + invoiced − paid − voided.' }) closing!: Money;
  @Field(() => Money, { description: 'Invoices issued in the period.' }) invoiced!: Money;
  @Field(() => Money, { description: 'Payments in the period.' }) paid!: Money;
  @Field(() => Money, { description: 'Invoices voided in the period.' }) voided!: Money;
  @Field(() => [StatementLine], { description: 'Every posting of the period in order, with the running balance; at most BILLING_STATEMENT_LINES_MAX (5,000; see linesTruncated; the CSV has them all).' }) lines!: StatementLine[];
  @Field({ description: 'True when the period has more lines than shown; the totals and balances still cover all of it.' }) linesTruncated!: boolean;
  @Field(() => StatementAging, { description: 'What is open at `to`, by days past due.' }) aging!: StatementAging;

  static from(row: StatementRow, merchantId: string): Statement {
    const m = (amount: bigint) => Money.of(amount, row.currency);
    return Object.assign(new Statement(), {
      payerId: row.of.payerId ? toGlobalId('Payer', row.of.payerId) : null, merchantId: toGlobalId('Merchant', merchantId), currency: row.currency, from: row.from, to: row.to,
      opening: m(row.opening), closing: m(row.closing), invoiced: m(row.invoiced), paid: m(row.paid), voided: m(row.voided),
      lines: row.lines.map((line) => StatementLine.from(line, row.currency)), linesTruncated: row.linesTruncated,
      aging: Object.assign(new StatementAging(), {
        current: m(row.aging.current), days1To30: m(row.aging.days1To30), days31To60: m(row.aging.days31To60), days61To90: m(row.aging.days61To90), over90: m(row.aging.over90),
      }),
    });
  }
}
