import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { JournalEntryEntity } from '../ledger/index.js';

export enum ClosingEntryKind {
  /** Moves a currency's revenue and expense balances into retained earnings at the period's end. */
  CLOSE = 'CLOSE',
  /** Reverses a CLOSE entry when the period is reopened. */
  REOPEN = 'REOPEN',
}

const time = () => p.datetime().columnType('timestamptz');

/**
 * One close of an accounting period: who closed it and when, and, once reopened, who reopened it,
 * when and why. A period closed, reopened and closed again has two rows; at most one of a period's
 * rows is not reopened (the close in force).
 */
export const PeriodCloseEntity = defineEntity({
  name: 'PeriodClose',
  tableName: 'reports_period_close',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    period: p.string().length(16),
    startsAt: time(),
    endsAt: time(),
    idempotencyKey: p.string().length(200).unique(),
    closedAt: time().defaultRaw('now()'),
    /** The principal (`user:3`, `apiKey:7`). */
    closedBy: p.string().length(64),
    reopenedAt: time().nullable(),
    reopenedBy: p.string().length(64).nullable(),
    reopenReason: p.text().nullable(),
    reopenKey: p.string().length(200).nullable().unique(),
  },
  indexes: [{ name: 'reports_period_close_in_force_idx', properties: ['period'], expression: 'create unique index "reports_period_close_in_force_idx" on "reports_period_close" ("period") where "reopened_at" is null' }],
});

/** A ledger entry a close posted (CLOSE) or its reopening posted (REOPEN): the income statement leaves them out. */
export const ClosingEntryEntity = defineEntity({
  name: 'ClosingEntry',
  tableName: 'reports_closing_entry',
  properties: {
    entryId: () => p.manyToOne(JournalEntryEntity).mapToPk().primary().joinColumn('entry_id')
      .foreignKeyName('reports_closing_entry_entry_fk').updateRule('no action').deleteRule('no action'),
    closeId: () => p.manyToOne(PeriodCloseEntity).mapToPk().joinColumn('close_id')
      .foreignKeyName('reports_closing_entry_close_fk').updateRule('no action').deleteRule('no action').index(),
    kind: p.enum(() => ClosingEntryKind).nativeEnumName('reports_closing_entry_kind'),
    currency: p.string().length(3).columnType('char(3)'),
  },
});

export type PeriodCloseRow = InferEntity<typeof PeriodCloseEntity>;
export type ClosingEntryRow = InferEntity<typeof ClosingEntryEntity>;
