import { defineEntity, p } from '@mikro-orm/core';
import { AccountEntity } from './account.entity.js';
import { JournalEntryEntity } from './journal-entry.entity.js';
import { Direction } from './ledger.enums.js';

/**
 * One leg of a journal entry. Its money never changes. `pending` and `effectiveAt` are copied from
 * the entry, and so are a pending posting's hold times: `heldAt` (the entry's recorded time) and
 * `releasedAt` (when its hold was committed, voided or expired: set once, in that transaction), so
 * that a balance at any past time is a checkpoint plus short index range scans on (account, time).
 */
export const PostingEntity = defineEntity({
  name: 'Posting',
  tableName: 'ledger_posting',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    entryId: () => p.manyToOne(JournalEntryEntity).mapToPk().joinColumn('entry_id').foreignKeyName('ledger_posting_entry_fk')
      .updateRule('no action').deleteRule('no action').index(),
    accountId: () => p.manyToOne(AccountEntity).mapToPk().joinColumn('account_id').foreignKeyName('ledger_posting_account_fk')
      .updateRule('no action').deleteRule('no action'),
    direction: p.enum(() => Direction).nativeEnumName('posting_direction'),
    amount: p.bigint('string').check('amount > 0'),
    currency: p.string().length(3).columnType('char(3)'),
    pending: p.boolean(),
    effectiveAt: p.datetime().columnType('timestamptz'),
    heldAt: p.datetime().columnType('timestamptz').nullable(),
    // The later of the entry's resolved and recorded times: a hold released "before" it was
    // recorded (a transaction's clock starts at its BEGIN) never counted as pending.
    releasedAt: p.datetime().columnType('timestamptz').nullable(),
  },
  indexes: [
    // The id orders postings of one instant, so checkpoints can fall between them.
    { name: 'ledger_posting_account_time_idx', properties: ['accountId', 'effectiveAt', 'id'], include: ['direction', 'amount', 'pending'] },
    { name: 'ledger_posting_account_held_idx', properties: ['accountId', 'heldAt', 'id'], include: ['direction', 'amount'], where: 'held_at is not null' as never },
    { name: 'ledger_posting_account_released_idx', properties: ['accountId', 'releasedAt', 'id'], include: ['direction', 'amount'], where: 'released_at is not null' as never },
    { name: 'ledger_posting_account_entry_idx', properties: ['accountId', 'entryId'] },
  ],
});
