import { defineEntity, p } from '@mikro-orm/core';
import { AccountEntity } from './account.entity.js';
import { JournalEntryEntity } from './journal-entry.entity.js';
import { Direction } from './ledger.enums.js';

/**
 * One leg of a journal entry. Immutable. `pending` and `effectiveAt` are copied from the entry so
 * that a balance at any past time is one index range scan on (account, effective time).
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
  },
  indexes: [
    { name: 'ledger_posting_account_time_idx', properties: ['accountId', 'effectiveAt'], include: ['direction', 'amount', 'pending'] },
    { name: 'ledger_posting_account_entry_idx', properties: ['accountId', 'entryId'] },
  ],
});
