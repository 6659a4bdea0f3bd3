import { defineEntity, p } from '@mikro-orm/core';
import { AccountEntity } from './account.entity.js';

/**
 * An account's cumulative totals just before one of its balance changes: the sums of every change
 * ordered before (`at`, `postingId`). A change is a posting at its effective time (posted totals),
 * a hold at its `heldAt` and a release at its `releasedAt` (pending totals); changes of one instant
 * are ordered by posting id. The first checkpoint of an account is at (-infinity, 0), all zeros.
 * `changes` counts the changes from this checkpoint to the next; on the account's latest one it is
 * 0, and `ledger_account.changes_since_checkpoint` counts them instead. Only the posting
 * transaction writes these rows (checkpoints.sql.ts); verifyLedger recomputes them.
 */
export const BalanceCheckpointEntity = defineEntity({
  name: 'BalanceCheckpoint',
  tableName: 'ledger_balance_checkpoint',
  properties: {
    accountId: () => p.manyToOne(AccountEntity).mapToPk().primary().joinColumn('account_id')
      .foreignKeyName('ledger_balance_checkpoint_account_fk').updateRule('no action').deleteRule('no action'),
    at: p.datetime().columnType('timestamptz').primary(),
    postingId: p.bigint('string').primary(),
    postedDebits: p.bigint('string'),
    postedCredits: p.bigint('string'),
    pendingDebits: p.bigint('string'),
    pendingCredits: p.bigint('string'),
    changes: p.integer(),
  },
});
