import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from '../identity/index.js';
import { JournalEntryEntity } from '../ledger/index.js';
import { MerchantEntity } from '../merchants/index.js';
import { InvoiceStatus, PayerStatus, PaymentMethod } from './billing.enums.js';

// Billing's records beside the ledger's entries: who is invoiced, what each invoice says, and the
// payments against it. An organisation is a merchant (src/merchants): its MERCHANT users are its staff.

const time = () => p.datetime().columnType('timestamptz');
const money = () => p.bigint('string');
const merchant = (prefix: string) => () => p.manyToOne(MerchantEntity).mapToPk().joinColumn('merchant_id')
  .foreignKeyName(`${prefix}_merchant_fk`).updateRule('no action').deleteRule('no action');
const entry = (column: string, fk: string) => () => p.manyToOne(JournalEntryEntity).mapToPk().nullable().joinColumn(column)
  .foreignKeyName(fk).updateRule('no action').deleteRule('no action');

/** A payer (a student) of one organisation. Never deleted once invoiced: ARCHIVED instead. */
export const PayerEntity = defineEntity({
  name: 'Payer',
  tableName: 'billing_payer',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    merchantId: merchant('billing_payer'),
    name: p.string().length(200),
    /** The organisation's own reference for the payer (a student number), unique within it when given. */
    reference: p.string().length(100).nullable(),
    status: p.enum(() => PayerStatus).nativeEnumName('billing_payer_status'),
    /** Raised by every change to its invoices or payments: cached statements are keyed by it (StatementService). */
    statementVersion: p.bigint('string').default(0),
    createdAt: time().defaultRaw('now()'),
    archivedAt: time().nullable(),
  },
  uniques: [{ name: 'billing_payer_reference_unique', properties: ['merchantId', 'reference'] }],
  indexes: [{ name: 'billing_payer_merchant_index', properties: ['merchantId', 'id'] }],
});

/** A CUSTOMER user who may see a payer's invoices and pay them (a parent). */
export const GuardianEntity = defineEntity({
  name: 'Guardian',
  tableName: 'billing_guardian',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    payerId: () => p.manyToOne(PayerEntity).mapToPk().joinColumn('payer_id')
      .foreignKeyName('billing_guardian_payer_fk').updateRule('no action').deleteRule('cascade'),
    userId: () => p.manyToOne(UserEntity).mapToPk().joinColumn('user_id')
      .foreignKeyName('billing_guardian_user_fk').updateRule('no action').deleteRule('cascade'),
    createdAt: time().defaultRaw('now()'),
  },
  uniques: [{ name: 'billing_guardian_unique', properties: ['payerId', 'userId'] }],
  indexes: [{ name: 'billing_guardian_user_index', properties: ['userId'] }],
});

/** An invoice: its lines' total owed by the payer from issue, less what is paid. */
export const InvoiceEntity = defineEntity({
  name: 'Invoice',
  tableName: 'billing_invoice',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    merchantId: merchant('billing_invoice'),
    payerId: () => p.manyToOne(PayerEntity).mapToPk().joinColumn('payer_id')
      .foreignKeyName('billing_invoice_payer_fk').updateRule('no action').deleteRule('no action'),
    /** Unique within the organisation: the invoice's idempotency key. */
    number: p.string().length(64),
    /** What the first issue under the number asked for: a repeat with another payload is INVOICE_NUMBER_TAKEN. */
    requestHash: p.string().length(64),
    currency: p.string().length(3),
    /** The lines' amounts summed, in minor units. */
    total: money(),
    /** The payments so far; never more than the total. */
    paid: money().default(0),
    status: p.enum(() => InvoiceStatus).nativeEnumName('billing_invoice_status'),
    issuedAt: time(),
    dueAt: time(),
    memo: p.string().length(500).default(''),
    /** The entry that posted it (receivable against revenue), and the one that reversed it when voided. */
    entryId: entry('entry_id', 'billing_invoice_entry_fk'),
    voidEntryId: entry('void_entry_id', 'billing_invoice_void_entry_fk'),
    voidedAt: time().nullable(),
    createdAt: time().defaultRaw('now()'),
    updatedAt: time().defaultRaw('now()'),
  },
  uniques: [{ name: 'billing_invoice_number_unique', properties: ['merchantId', 'number'] }],
  indexes: [
    { name: 'billing_invoice_merchant_index', properties: ['merchantId', 'id'] },
    { name: 'billing_invoice_payer_index', properties: ['payerId', 'id'] },
    // A statement names each posting's invoice by the entry that issued or voided it.
    { name: 'billing_invoice_entry_index', properties: ['entryId'] },
    { name: 'billing_invoice_void_entry_index', properties: ['voidEntryId'] },
  ],
});

/** One line of an invoice: quantity × unit amount, in integers. */
export const InvoiceLineEntity = defineEntity({
  name: 'InvoiceLine',
  tableName: 'billing_invoice_line',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    invoiceId: () => p.manyToOne(InvoiceEntity).mapToPk().joinColumn('invoice_id')
      .foreignKeyName('billing_invoice_line_invoice_fk').updateRule('no action').deleteRule('no action'),
    position: p.integer(),
    description: p.string().length(200),
    quantity: p.integer(),
    unitAmount: money(),
    amount: money(),
  },
  uniques: [{ name: 'billing_invoice_line_unique', properties: ['invoiceId', 'position'] }],
});

/** A payment against an invoice, once per idempotency key. */
export const InvoicePaymentEntity = defineEntity({
  name: 'InvoicePayment',
  tableName: 'billing_payment',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    invoiceId: () => p.manyToOne(InvoiceEntity).mapToPk().joinColumn('invoice_id')
      .foreignKeyName('billing_payment_invoice_fk').updateRule('no action').deleteRule('no action'),
    amount: money(),
    method: p.enum(() => PaymentMethod).nativeEnumName('billing_payment_method'),
    reference: p.string().length(500).default(''),
    idempotencyKey: p.string().length(200).unique('billing_payment_key_unique'),
    requestHash: p.string().length(64),
    entryId: entry('entry_id', 'billing_payment_entry_fk'),
    recordedById: p.bigint('string').nullable(),
    paidAt: time(),
  },
  indexes: [
    { name: 'billing_payment_invoice_index', properties: ['invoiceId', 'id'] },
    { name: 'billing_payment_entry_index', properties: ['entryId'] },
  ],
});

export type PayerRow = InferEntity<typeof PayerEntity>;
export type GuardianRow = InferEntity<typeof GuardianEntity>;
export type InvoiceRow = InferEntity<typeof InvoiceEntity>;
export type InvoiceLineRow = InferEntity<typeof InvoiceLineEntity>;
export type InvoicePaymentRow = InferEntity<typeof InvoicePaymentEntity>;
