import { defineEntity, p } from '@mikro-orm/core';
import { UserEntity } from '../identity/index.js';
import { JournalEntryEntity } from '../ledger/index.js';
import { WalletEntity } from './wallet.entity.js';
import { DisbursementKind, DisbursementState } from './wallets.enums.js';

/**
 * A withdrawal or a payout: money held in a wallet until the payment processor pays it out. The
 * amount and fee never change; `state` changes only with a matching ledger operation, in the same
 * transaction (hold, commit, void), and every change is recorded in disbursement_status_change.
 */
export const DisbursementEntity = defineEntity({
  name: 'Disbursement',
  tableName: 'disbursement',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    kind: p.enum(() => DisbursementKind).nativeEnumName('disbursement_kind'),
    walletId: () => p.manyToOne(WalletEntity).mapToPk().joinColumn('wallet_id')
      .foreignKeyName('disbursement_wallet_fk').updateRule('no action').deleteRule('no action'),
    userId: () => p.manyToOne(UserEntity).mapToPk().joinColumn('user_id')
      .foreignKeyName('disbursement_user_fk').updateRule('no action').deleteRule('no action'),
    amount: p.bigint('string'),
    fee: p.bigint('string').default(0),
    currency: p.string().length(3).columnType('char(3)'),
    /** Where the processor sends the money (a bank account reference); opaque to Folio. */
    destination: p.string().length(200),
    state: p.enum(() => DisbursementState).nativeEnumName('disbursement_state'),
    /** The client's key, scoped to the user (or to the payout run that made it). */
    idempotencyKey: p.string().length(200),
    requestHash: p.string().length(64).columnType('char(64)'),
    /** 1, then one more for each retry of a failed withdrawal; each attempt has its own hold and processor reference. */
    attempt: p.integer().default(1),
    holdEntryId: () => p.manyToOne(JournalEntryEntity).mapToPk().joinColumn('hold_entry_id')
      .foreignKeyName('disbursement_hold_entry_fk').updateRule('no action').deleteRule('no action'),
    /** The processor's id of the current attempt, known once it was submitted. */
    processorReference: p.string().length(100).nullable(),
    failureReason: p.string().length(500).nullable(),
    /** The payout run that created it, if any (the payouts module's payout_run). */
    runId: p.bigint('string').nullable(),
    /** When the worker may take it (a payout waits out its cancellation window). */
    readyAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  uniques: [{ name: 'disbursement_user_key_unique', properties: ['userId', 'kind', 'idempotencyKey'] }],
  indexes: [
    { name: 'disbursement_state_ready_index', properties: ['state', 'readyAt'] },
    { name: 'disbursement_kind_state_id_index', properties: ['kind', 'state', 'id'] },
    { name: 'disbursement_wallet_id_index', properties: ['walletId', 'id'] },
    { name: 'disbursement_run_id_index', properties: ['runId'] },
  ],
  checks: [{ name: 'disbursement_amounts_check', expression: 'amount > 0 and fee >= 0' }],
});

/** Every state change of a withdrawal or payout, with its time and reason: the audit trail. */
export const DisbursementStatusChangeEntity = defineEntity({
  name: 'DisbursementStatusChange',
  tableName: 'disbursement_status_change',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    disbursementId: () => p.manyToOne(DisbursementEntity).mapToPk().joinColumn('disbursement_id')
      .foreignKeyName('disbursement_status_change_disbursement_fk').updateRule('no action').deleteRule('no action'),
    /** The disbursement's user, copied here so that a request key is unique per user across all of its disbursements. */
    userId: () => p.manyToOne(UserEntity).mapToPk().joinColumn('user_id')
      .foreignKeyName('disbursement_status_change_user_fk').updateRule('no action').deleteRule('no action'),
    fromState: p.enum(() => DisbursementState).nativeEnumName('disbursement_state').nullable(),
    toState: p.enum(() => DisbursementState).nativeEnumName('disbursement_state'),
    attempt: p.integer(),
    reason: p.string().length(500),
    /**
     * The idempotency key of the client request that made the change (a retry or a cancel), so a replay
     * finds it. Unique per user: two requests racing with one key on two disbursements cannot both win.
     */
    requestKey: p.string().length(200).nullable(),
    at: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  indexes: [{ name: 'disbursement_status_change_disbursement_index', properties: ['disbursementId', 'id'] }],
  uniques: [{ name: 'disbursement_status_change_request_key_unique', properties: ['userId', 'requestKey'] }],
});
