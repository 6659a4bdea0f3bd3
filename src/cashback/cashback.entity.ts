import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from '../identity/index.js';
import { JournalEntryEntity } from '../ledger/index.js';
import { MerchantEntity } from '../merchants/index.js';
import { CappedBy, NoCashbackReason, OfferKind, OfferStatus, PurchaseChangeKind, PurchaseStatus } from './cashback.enums.js';

const money = () => p.bigint('string');
const time = () => p.datetime().columnType('timestamptz');

/** A merchant's cashback offer. `budgetUsed` is the cashback it currently grants (reversals give it back). */
export const OfferEntity = defineEntity({
  name: 'Offer',
  tableName: 'cashback_offer',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    merchantId: () => p.manyToOne(MerchantEntity).mapToPk().joinColumn('merchant_id')
      .foreignKeyName('cashback_offer_merchant_fk').updateRule('no action').deleteRule('no action'),
    name: p.string().length(200),
    kind: p.enum(() => OfferKind).nativeEnumName('cashback_offer_kind'),
    /** Basis points (PERCENTAGE) or minor units (FIXED). */
    rate: money(),
    currency: p.string().length(3).columnType('char(3)'),
    startsAt: time(),
    endsAt: time(),
    /** The most cashback one user can hold from this offer; null: no cap. */
    perUserCap: money().nullable(),
    budget: money(),
    budgetUsed: money().default(0),
    minimumPurchase: money().default(0),
    status: p.enum(() => OfferStatus).nativeEnumName('cashback_offer_status'),
    createdAt: time().defaultRaw('now()'),
    updatedAt: time().defaultRaw('now()'),
  },
  indexes: [{ name: 'cashback_offer_merchant_index', properties: ['merchantId', 'currency', 'status'] }],
  checks: [
    { name: 'cashback_offer_budget_check', expression: 'budget_used >= 0 and budget_used <= budget and rate > 0' },
    { name: 'cashback_offer_window_check', expression: 'ends_at > starts_at' },
  ],
});

/** The cashback one user currently holds from one offer: what the per-user cap is checked against. */
export const OfferUserCashbackEntity = defineEntity({
  name: 'OfferUserCashback',
  tableName: 'cashback_offer_user',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    offerId: () => p.manyToOne(OfferEntity).mapToPk().joinColumn('offer_id')
      .foreignKeyName('cashback_offer_user_offer_fk').updateRule('no action').deleteRule('no action'),
    userId: () => p.manyToOne(UserEntity).mapToPk().joinColumn('user_id')
      .foreignKeyName('cashback_offer_user_user_fk').updateRule('no action').deleteRule('no action'),
    earned: money().default(0),
  },
  uniques: [{ name: 'cashback_offer_user_unique', properties: ['offerId', 'userId'] }],
  checks: [{ name: 'cashback_offer_user_earned_check', expression: 'earned >= 0' }],
});

/**
 * A purchase a merchant reported, with the cashback it earned. Amounts only grow (refunded,
 * reversed, clawed back); `state` changes only with its ledger operations, in one transaction.
 */
export const PurchaseEntity = defineEntity({
  name: 'Purchase',
  tableName: 'cashback_purchase',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    merchantId: () => p.manyToOne(MerchantEntity).mapToPk().joinColumn('merchant_id')
      .foreignKeyName('cashback_purchase_merchant_fk').updateRule('no action').deleteRule('no action'),
    /** The merchant's id of the purchase: the idempotency key, unique per merchant. */
    externalId: p.string().length(200),
    requestHash: p.string().length(64).columnType('char(64)'),
    customerId: () => p.manyToOne(UserEntity).mapToPk().joinColumn('customer_id')
      .foreignKeyName('cashback_purchase_customer_fk').updateRule('no action').deleteRule('no action'),
    amount: money(),
    currency: p.string().length(3).columnType('char(3)'),
    occurredAt: time(),
    state: p.enum(() => PurchaseStatus).nativeEnumName('cashback_purchase_state'),
    offerId: () => p.manyToOne(OfferEntity).mapToPk().nullable().joinColumn('offer_id')
      .foreignKeyName('cashback_purchase_offer_fk').updateRule('no action').deleteRule('no action'),
    /** The cashback granted when recorded (after the cap and budget cuts). */
    cashback: money().default(0),
    /** Of it, what refunds and the reversal took back. */
    cashbackReversed: money().default(0),
    /** Of that, what was taken back after confirmation (a clawback of available money). */
    clawedBack: money().default(0),
    /** Of the clawbacks, what the wallet could not cover: the customer's debt it created. */
    shortfall: money().default(0),
    /** What of this cashback repaid the customer's earlier debt when it was confirmed. */
    netted: money().default(0),
    cappedBy: p.enum(() => CappedBy).nativeEnumName('cashback_capped_by').nullable(),
    noCashbackReason: p.enum(() => NoCashbackReason).nativeEnumName('cashback_no_cashback_reason').nullable(),
    refundedAmount: money().default(0),
    /** The pending entry holding the cashback while PENDING (a partial refund replaces it). */
    pendingEntryId: () => p.manyToOne(JournalEntryEntity).mapToPk().nullable().joinColumn('pending_entry_id')
      .foreignKeyName('cashback_purchase_pending_entry_fk').updateRule('no action').deleteRule('no action'),
    /** How many pending entries it has had: the next one's key. */
    holds: p.integer().default(0),
    /** The posted entry of the confirmation. */
    commitEntryId: () => p.manyToOne(JournalEntryEntity).mapToPk().nullable().joinColumn('commit_entry_id')
      .foreignKeyName('cashback_purchase_commit_entry_fk').updateRule('no action').deleteRule('no action'),
    recordedAt: time().defaultRaw('now()'),
    /** When the worker confirms it if nobody did: recordedAt + CASHBACK_CONFIRMATION_DAYS. */
    confirmsAt: time(),
    confirmedAt: time().nullable(),
    reversedAt: time().nullable(),
    updatedAt: time().defaultRaw('now()'),
  },
  uniques: [{ name: 'cashback_purchase_external_unique', properties: ['merchantId', 'externalId'] }],
  indexes: [
    { name: 'cashback_purchase_merchant_index', properties: ['merchantId', 'id'] },
    { name: 'cashback_purchase_customer_index', properties: ['customerId', 'id'] },
    { name: 'cashback_purchase_due_index', properties: ['state', 'confirmsAt'] },
  ],
  checks: [{
    name: 'cashback_purchase_amounts_check',
    expression: 'amount > 0 and cashback >= 0 and cashback_reversed >= 0 and cashback_reversed <= cashback and refunded_amount >= 0 and refunded_amount <= amount',
  }],
});

/** Every change of a purchase, with the request key that made it (a replay finds it): the audit trail. */
export const PurchaseChangeEntity = defineEntity({
  name: 'PurchaseChange',
  tableName: 'cashback_purchase_change',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    purchaseId: () => p.manyToOne(PurchaseEntity).mapToPk().joinColumn('purchase_id')
      .foreignKeyName('cashback_purchase_change_purchase_fk').updateRule('no action').deleteRule('no action'),
    merchantId: () => p.manyToOne(MerchantEntity).mapToPk().joinColumn('merchant_id')
      .foreignKeyName('cashback_purchase_change_merchant_fk').updateRule('no action').deleteRule('no action'),
    kind: p.enum(() => PurchaseChangeKind).nativeEnumName('cashback_purchase_change_kind'),
    toState: p.enum(() => PurchaseStatus).nativeEnumName('cashback_purchase_state'),
    /** A refund's amount; 0 for the other kinds. */
    amount: money().default(0),
    /** The cashback this change took back (refunds, reversal). */
    cashbackTaken: money().default(0),
    reason: p.string().length(500),
    /** The client's key, unique per merchant; null for the worker's and the recording's own row. */
    requestKey: p.string().length(200).nullable(),
    requestHash: p.string().length(64).columnType('char(64)').nullable(),
    at: time().defaultRaw('now()'),
  },
  uniques: [{ name: 'cashback_purchase_change_key_unique', properties: ['merchantId', 'requestKey'] }],
  indexes: [{ name: 'cashback_purchase_change_purchase_index', properties: ['purchaseId', 'id'] }],
});

export type OfferRow = InferEntity<typeof OfferEntity>;
export type PurchaseRow = InferEntity<typeof PurchaseEntity>;
export type PurchaseChangeRow = InferEntity<typeof PurchaseChangeEntity>;
