import { defineEntity, p } from '@mikro-orm/core';
import { EntryStatus } from './ledger.enums.js';

/**
 * A journal entry. Its id is the ledger-wide sequence number (allocation order). Only `status` and
 * `resolvedAt` of a PENDING entry ever change, once, when it is committed, voided or expired.
 */
export const JournalEntryEntity = defineEntity({
  name: 'JournalEntry',
  tableName: 'ledger_entry',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    idempotencyKey: p.string().length(200),
    description: p.text().default(''),
    metadata: p.json<Record<string, unknown>>().columnType('jsonb').default('{}'),
    status: p.enum(() => EntryStatus).nativeEnumName('entry_status'),
    effectiveAt: p.datetime().columnType('timestamptz'),
    recordedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    expiresAt: p.datetime().columnType('timestamptz').nullable(),
    resolvedAt: p.datetime().columnType('timestamptz').nullable(),
    pendingEntryId: () => p.manyToOne(JournalEntryEntity).mapToPk().nullable().joinColumn('pending_entry_id')
      .foreignKeyName('ledger_entry_pending_fk').updateRule('no action').deleteRule('no action').index(),
    reversesEntryId: () => p.manyToOne(JournalEntryEntity).mapToPk().nullable().joinColumn('reverses_entry_id')
      .foreignKeyName('ledger_entry_reverses_fk').updateRule('no action').deleteRule('no action').unique(),
  },
  indexes: [
    { properties: ['effectiveAt'] },
    { properties: ['expiresAt'], where: { status: EntryStatus.PENDING } as never, name: 'ledger_entry_pending_expiry_idx' },
  ],
});
