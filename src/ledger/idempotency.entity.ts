import { defineEntity, p } from '@mikro-orm/core';
import { JournalEntryEntity } from './journal-entry.entity.js';

/**
 * The claim of a client idempotency key by one ledger operation, with a hash of its input.
 * The posting transaction inserts the claim first, so a concurrent request with the same key waits
 * on it and then replays the stored result; a rejected operation deletes its claim before commit.
 */
export const IdempotencyEntity = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'ledger_idempotency',
  properties: {
    key: p.string().length(200).primary(),
    requestHash: p.string().length(64),
    operation: p.string().length(32),
    // Deferred: a claim reserves its entry id before the entry row exists, in the same transaction.
    entryId: () => p.manyToOne(JournalEntryEntity).mapToPk().nullable().joinColumn('entry_id')
      .foreignKeyName('ledger_idempotency_entry_fk').updateRule('no action').deleteRule('no action').deferMode('deferred'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
});
