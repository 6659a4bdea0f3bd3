import { defineEntity, p } from '@mikro-orm/core';
import { AccountStatus, AccountType, NegativeBalancePolicy } from './ledger.enums.js';

/**
 * A ledger account with its running totals. The four totals are the only mutable money columns in
 * Folio; they change only in ledger.service's posting transaction, under a row lock, and can be
 * recomputed from the immutable postings (see LedgerQueries.verifyBalances).
 */
export const AccountEntity = defineEntity({
  name: 'Account',
  tableName: 'ledger_account',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    code: p.string().length(200).unique(),
    name: p.string().length(200),
    type: p.enum(() => AccountType).nativeEnumName('account_type'),
    currency: p.string().length(3).columnType('char(3)').check("currency ~ '^[A-Z]{3}$'"),
    status: p.enum(() => AccountStatus).nativeEnumName('account_status').default(AccountStatus.OPEN),
    negativeBalance: p.enum(() => NegativeBalancePolicy).nativeEnumName('negative_balance_policy')
      .default(NegativeBalancePolicy.FORBID),
    parentId: () => p.manyToOne(AccountEntity).mapToPk().nullable().joinColumn('parent_id')
      .foreignKeyName('ledger_account_parent_fk').updateRule('no action').deleteRule('no action').index(),
    // The user (customer or merchant) who owns the account and may read it; null for system accounts.
    // The ledger sits below identity and imports none of it: the foreign key names the users' entity
    // by its name, so the database still refuses an owner that does not exist.
    ownerId: () => p.manyToOne('User' as unknown as { '~entity': { id: string } }).mapToPk().nullable().joinColumn('owner_id')
      .foreignKeyName('ledger_account_owner_fk').updateRule('no action').deleteRule('no action').index(),
    metadata: p.json<Record<string, unknown>>().columnType('jsonb').default('{}'),
    postedDebits: p.bigint('string').default(0),
    postedCredits: p.bigint('string').default(0),
    pendingDebits: p.bigint('string').default(0),
    pendingCredits: p.bigint('string').default(0),
    // Balance changes since the account's latest checkpoint (all of them while it has none): when
    // they pass the checkpoint span, the posting transaction cuts new checkpoints (checkpoints.sql.ts).
    changesSinceCheckpoint: p.integer().default(0),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  indexes: [{ properties: ['type', 'currency'] }],
  checks: [{
    name: 'ledger_account_totals_check',
    expression: 'posted_debits >= 0 and posted_credits >= 0 and pending_debits >= 0 and pending_credits >= 0',
  }],
});
