import { defineEntity, p } from '@mikro-orm/core';
import { UserEntity } from '../identity/index.js';
import { AccountEntity, JournalEntryEntity } from '../ledger/index.js';
import { WalletTransactionKind, WalletTransactionStatus } from './wallets.enums.js';

/**
 * A user's wallet in one currency: a name for the ledger account that holds the user's money (a
 * liability of the platform to the user). Opened on first use; never changes after.
 */
export const WalletEntity = defineEntity({
  name: 'Wallet',
  tableName: 'wallet',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    userId: () => p.manyToOne(UserEntity).mapToPk().joinColumn('user_id')
      .foreignKeyName('wallet_user_fk').updateRule('no action').deleteRule('no action'),
    currency: p.string().length(3).columnType('char(3)'),
    accountId: () => p.manyToOne(AccountEntity).mapToPk().joinColumn('account_id').unique('wallet_account_id_unique')
      .foreignKeyName('wallet_account_fk').updateRule('no action').deleteRule('no action'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  uniques: [{ name: 'wallet_user_currency_unique', properties: ['userId', 'currency'] }],
  indexes: [{ name: 'wallet_currency_id_index', properties: ['currency', 'id'] }],
});

/**
 * One line of a wallet's history, written in the same transaction as the ledger entry it
 * describes. Lines of a withdrawal or payout change status with it; amounts never change.
 */
export const WalletTransactionEntity = defineEntity({
  name: 'WalletTransaction',
  tableName: 'wallet_transaction',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    walletId: () => p.manyToOne(WalletEntity).mapToPk().joinColumn('wallet_id')
      .foreignKeyName('wallet_transaction_wallet_fk').updateRule('no action').deleteRule('no action'),
    kind: p.enum(() => WalletTransactionKind).nativeEnumName('wallet_transaction_kind'),
    status: p.enum(() => WalletTransactionStatus).nativeEnumName('wallet_transaction_status'),
    amount: p.bigint('string'),
    currency: p.string().length(3).columnType('char(3)'),
    counterpartyUserId: () => p.manyToOne(UserEntity).mapToPk().nullable().joinColumn('counterparty_user_id')
      .foreignKeyName('wallet_transaction_counterparty_fk').updateRule('no action').deleteRule('no action'),
    /**
     * On the sender's line of a transfer addressed by email: that email, normalised. It is all the
     * sender is shown of the recipient, so a transfer to a user id never reveals whose id it was.
     */
    addressedTo: p.string().length(320).nullable(),
    /** A deposit's external reference (the bank's id of the incoming payment). */
    reference: p.string().length(200).nullable(),
    /** The client's note (a transfer's message). */
    memo: p.string().length(1000).default(''),
    /** The ledger entry: the posted entry, or for a held withdrawal or payout its pending entry. */
    entryId: () => p.manyToOne(JournalEntryEntity).mapToPk().joinColumn('entry_id')
      .foreignKeyName('wallet_transaction_entry_fk').updateRule('no action').deleteRule('no action'),
    withdrawalId: p.bigint('string').nullable(),
    payoutId: p.bigint('string').nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  indexes: [
    { name: 'wallet_transaction_wallet_id_index', properties: ['walletId', 'id'] },
    { name: 'wallet_transaction_withdrawal_index', properties: ['withdrawalId'] },
    { name: 'wallet_transaction_payout_index', properties: ['payoutId'] },
  ],
  // A deposit's external reference is credited once per currency (EXTERNAL_REFERENCE_TAKEN).
  uniques: [{ name: 'wallet_transaction_deposit_reference_unique', properties: ['currency', 'reference'], where: { kind: 'DEPOSIT' } as never }],
  checks: [{ name: 'wallet_transaction_amount_check', expression: 'amount > 0' }],
});
