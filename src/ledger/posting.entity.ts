import { defineEntity, p } from '@mikro-orm/core';
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
    entryId: p.bigint('string').index(),
    accountId: p.bigint('string'),
    direction: p.enum(() => Direction).nativeEnumName('posting_direction'),
    amount: p.bigint('string'),
    currency: p.string().length(3).columnType('char(3)'),
    pending: p.boolean(),
    effectiveAt: p.datetime().columnType('timestamptz'),
  },
  indexes: [
    { name: 'ledger_posting_account_time_idx', properties: ['accountId', 'effectiveAt'], include: ['direction', 'amount', 'pending'] },
    { name: 'ledger_posting_account_entry_idx', properties: ['accountId', 'entryId'] },
  ],
});
