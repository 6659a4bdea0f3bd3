import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { JournalEntryEntity } from '../ledger/index.js';
import { MerchantEntity } from '../merchants/index.js';
import { ProcessorEventEntity } from './processor-event.entity.js';
import { ProcessorEntity } from './processor.entity.js';
import { DisputeStatus, SettlementItemKind, SettlementPayoutStatus, SettlementRunState } from './settlement.enums.js';

// Settlement's own records of what it posted, beside the ledger's entries: what a charge still
// allows (refunds, disputes), when it matures, and which movements each payout covers.

const time = () => p.datetime().columnType('timestamptz');
const money = () => p.bigint('string');
const processor = (prefix: string) => () => p.manyToOne(ProcessorEntity).mapToPk().joinColumn('processor_id')
  .foreignKeyName(`${prefix}_processor_fk`).updateRule('no action').deleteRule('no action');
const merchant = (prefix: string) => () => p.manyToOne(MerchantEntity).mapToPk().joinColumn('merchant_id')
  .foreignKeyName(`${prefix}_merchant_fk`).updateRule('no action').deleteRule('no action');
const entry = (column: string, fk: string) => () => p.manyToOne(JournalEntryEntity).mapToPk().nullable().joinColumn(column)
  .foreignKeyName(fk).updateRule('no action').deleteRule('no action');
const event = (column: string, fk: string) => () => p.manyToOne(ProcessorEventEntity).mapToPk().joinColumn(column)
  .foreignKeyName(fk).updateRule('no action').deleteRule('no action');

/** A charge a processor reported and Folio posted: one per processor and charge id. */
export const SettlementChargeEntity = defineEntity({
  name: 'SettlementCharge',
  tableName: 'settlement_charge',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    processorId: processor('settlement_charge'),
    /** The processor's id of the charge, as refunds and disputes name it. */
    chargeId: p.string().length(200),
    merchantId: merchant('settlement_charge'),
    currency: p.string().length(3),
    gross: money(),
    fee: money(),
    /** What refunds of it have taken back so far (never more than the gross). */
    refunded: money().default(0),
    occurredAt: time(),
    /** occurredAt plus the merchant's maturity window at the time of the charge. */
    maturesAt: time(),
    eventId: event('event_id', 'settlement_charge_event_fk'),
    entryId: entry('entry_id', 'settlement_charge_entry_fk'),
    /** When the maturity worker made its net available (null until then), and the entry that did (none for a net of 0). */
    maturedAt: time().nullable(),
    maturedEntryId: entry('matured_entry_id', 'settlement_charge_matured_entry_fk'),
  },
  uniques: [{ name: 'settlement_charge_unique', properties: ['processorId', 'chargeId'] }],
  indexes: [{ name: 'settlement_charge_due_index', properties: ['maturesAt'], expression: 'create index "settlement_charge_due_index" on "settlement_charge" ("matures_at") where "matured_at" is null' }],
});

/** A refund a processor reported and Folio posted: one per processor and refund id, so a refund sent again under a new event id posts once. */
export const SettlementRefundEntity = defineEntity({
  name: 'SettlementRefund',
  tableName: 'settlement_refund',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    processorId: processor('settlement_refund'),
    refundId: p.string().length(200),
    chargeRowId: () => p.manyToOne(SettlementChargeEntity).mapToPk().joinColumn('charge_row_id')
      .foreignKeyName('settlement_refund_charge_fk').updateRule('no action').deleteRule('no action'),
    amount: money(),
    eventId: event('event_id', 'settlement_refund_event_fk'),
  },
  uniques: [{ name: 'settlement_refund_unique', properties: ['processorId', 'refundId'] }],
});

/** A dispute of a charge: its amount held while OPEN, then returned or lost. */
export const SettlementDisputeEntity = defineEntity({
  name: 'SettlementDispute',
  tableName: 'settlement_dispute',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    processorId: processor('settlement_dispute'),
    disputeId: p.string().length(200),
    chargeRowId: () => p.manyToOne(SettlementChargeEntity).mapToPk().joinColumn('charge_row_id')
      .foreignKeyName('settlement_dispute_charge_fk').updateRule('no action').deleteRule('no action'),
    merchantId: merchant('settlement_dispute'),
    currency: p.string().length(3),
    amount: money(),
    status: p.enum(() => DisputeStatus).nativeEnumName('settlement_dispute_status'),
    openedEventId: event('opened_event_id', 'settlement_dispute_opened_event_fk'),
    closedEventId: () => p.manyToOne(ProcessorEventEntity).mapToPk().nullable().joinColumn('closed_event_id')
      .foreignKeyName('settlement_dispute_closed_event_fk').updateRule('no action').deleteRule('no action'),
  },
  uniques: [{ name: 'settlement_dispute_unique', properties: ['processorId', 'disputeId'] }],
});

/** A run that paid out every merchant of a processor and currency with at least its minimum available. */
export const SettlementRunEntity = defineEntity({
  name: 'SettlementRun',
  tableName: 'settlement_run',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    runKey: p.string().length(200).unique('settlement_run_key_unique'),
    requestHash: p.string().length(64),
    processorId: processor('settlement_run'),
    currency: p.string().length(3),
    /** The least a merchant without a minimum of its own is paid out. */
    minimum: money(),
    state: p.enum(() => SettlementRunState).nativeEnumName('settlement_run_state'),
    /** Where a run cut off by a restart resumes: the last merchant it considered. */
    cursorMerchantId: p.bigint('string').nullable(),
    startedById: p.bigint('string').nullable(),
    createdAt: time().defaultRaw('now()'),
    finishedAt: time().nullable(),
  },
});

/** A payout of a merchant's available balance, instructed to the processor, until it reports it paid or failed. */
export const SettlementPayoutEntity = defineEntity({
  name: 'SettlementPayout',
  tableName: 'settlement_payout',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    runId: () => p.manyToOne(SettlementRunEntity).mapToPk().joinColumn('run_id')
      .foreignKeyName('settlement_payout_run_fk').updateRule('no action').deleteRule('no action'),
    processorId: processor('settlement_payout'),
    merchantId: merchant('settlement_payout'),
    currency: p.string().length(3),
    amount: money(),
    status: p.enum(() => SettlementPayoutStatus).nativeEnumName('settlement_payout_status'),
    /** Moved the amount from available to in-payout. */
    entryId: entry('entry_id', 'settlement_payout_entry_fk'),
    /** The processor's payout.paid or payout.failed event, and the entry it posted. */
    settledEventId: () => p.manyToOne(ProcessorEventEntity).mapToPk().nullable().joinColumn('settled_event_id')
      .foreignKeyName('settlement_payout_settled_event_fk').updateRule('no action').deleteRule('no action'),
    settledEntryId: entry('settled_entry_id', 'settlement_payout_settled_entry_fk'),
    createdAt: time(),
    settledAt: time().nullable(),
  },
  uniques: [{ name: 'settlement_payout_run_merchant_unique', properties: ['runId', 'merchantId'] }],
  indexes: [{ name: 'settlement_payout_merchant_index', properties: ['merchantId', 'id'] }],
});

/**
 * A movement of a merchant's available settlement balance (a matured charge, a refund, a dispute's
 * hold or return, a failed payout's return): the lines a payout's report is made of. The items of a
 * merchant, processor and currency not yet in a payout always sum to its available balance.
 */
export const SettlementItemEntity = defineEntity({
  name: 'SettlementItem',
  tableName: 'settlement_item',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    processorId: processor('settlement_item'),
    merchantId: merchant('settlement_item'),
    currency: p.string().length(3),
    kind: p.enum(() => SettlementItemKind).nativeEnumName('settlement_item_kind'),
    /** Its effect on the available balance: negative for refunds and holds. */
    amount: money(),
    /** A matured charge's gross and fee (its amount is the difference). */
    gross: money().nullable(),
    fee: money().nullable(),
    chargeRowId: () => p.manyToOne(SettlementChargeEntity).mapToPk().nullable().joinColumn('charge_row_id')
      .foreignKeyName('settlement_item_charge_fk').updateRule('no action').deleteRule('no action'),
    disputeRowId: () => p.manyToOne(SettlementDisputeEntity).mapToPk().nullable().joinColumn('dispute_row_id')
      .foreignKeyName('settlement_item_dispute_fk').updateRule('no action').deleteRule('no action'),
    /** The failed payout it returns (PAYOUT_RETURNED). */
    returnedPayoutId: () => p.manyToOne(SettlementPayoutEntity).mapToPk().nullable().joinColumn('returned_payout_id')
      .foreignKeyName('settlement_item_returned_payout_fk').updateRule('no action').deleteRule('no action'),
    entryId: entry('entry_id', 'settlement_item_entry_fk'),
    /** The entry's effective time. */
    at: time(),
    /** The payout that covers it (null: still in the available balance). */
    payoutId: () => p.manyToOne(SettlementPayoutEntity).mapToPk().nullable().joinColumn('payout_id')
      .foreignKeyName('settlement_item_payout_fk').updateRule('no action').deleteRule('no action'),
  },
  indexes: [
    { name: 'settlement_item_open_index', properties: ['processorId', 'merchantId', 'currency'], expression: 'create index "settlement_item_open_index" on "settlement_item" ("processor_id", "merchant_id", "currency") where "payout_id" is null' },
    { name: 'settlement_item_payout_index', properties: ['payoutId', 'id'] },
  ],
});

/** A merchant's own settlement terms, where they differ from the gateway's defaults. */
export const SettlementTermsEntity = defineEntity({
  name: 'SettlementTerms',
  tableName: 'settlement_terms',
  properties: {
    merchantId: () => p.manyToOne(MerchantEntity).primary().mapToPk().joinColumn('merchant_id')
      .foreignKeyName('settlement_terms_merchant_fk').updateRule('no action').deleteRule('no action'),
    /** Hours from a charge until its net is available; null: SETTLEMENT_MATURITY_HOURS. */
    maturityHours: p.integer().nullable(),
    /** The least paid out, in minor units; null: the run's minimum. */
    payoutMinimum: money().nullable(),
    updatedAt: time().defaultRaw('now()'),
  },
});

export type SettlementChargeRow = InferEntity<typeof SettlementChargeEntity>;
export type SettlementRefundRow = InferEntity<typeof SettlementRefundEntity>;
export type SettlementDisputeRow = InferEntity<typeof SettlementDisputeEntity>;
export type SettlementRunRow = InferEntity<typeof SettlementRunEntity>;
export type SettlementPayoutRow = InferEntity<typeof SettlementPayoutEntity>;
export type SettlementItemRow = InferEntity<typeof SettlementItemEntity>;
export type SettlementTermsRow = InferEntity<typeof SettlementTermsEntity>;
