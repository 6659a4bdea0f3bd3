import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../platform/graphql/node.type.js';
import { ClosingEntryKind, type ClosingEntryRow, type PeriodCloseRow } from './period.entity.js';
import { toGlobalId } from './reports.ids.js';

export enum PeriodStatus { OPEN = 'OPEN', CLOSED = 'CLOSED' }
export enum PeriodCloseStatus { CLOSED = 'CLOSED', REOPENED = 'REOPENED' }

registerEnumType(PeriodStatus, { name: 'PeriodStatus', description: 'OPEN: entries may take effect in it; CLOSED: anything taking effect in it is refused with PERIOD_CLOSED.' });
registerEnumType(PeriodCloseStatus, { name: 'PeriodCloseStatus', description: 'CLOSED: the close in force; REOPENED: reopened since (its closing entries reversed).' });
registerEnumType(ClosingEntryKind, { name: 'ClosingEntryKind', description: 'CLOSE: revenue and expenses moved into retained earnings; REOPEN: the reversal of a CLOSE entry.' });

@ObjectType({ description: 'A ledger entry a close posted, or its reopening.' })
export class ClosingEntry {
  @Field(() => ID, { description: 'The journal entry, e.g. "ent_9".' }) entryId!: string;
  @Field({ description: 'Its currency.' }) currency!: string;
  @Field(() => ClosingEntryKind, { description: 'CLOSE or REOPEN.' }) kind!: ClosingEntryKind;

  static from(row: ClosingEntryRow): ClosingEntry {
    return Object.assign(new ClosingEntry(), { entryId: toGlobalId('JournalEntry', String(row.entryId)), currency: row.currency, kind: row.kind });
  }
}

@ObjectType({ implements: Node, description: 'One close of an accounting period, with who closed it, and who reopened it and why. Finance and admin only.' })
export class PeriodClose extends Node {
  @Field(() => ID, { description: 'Global id, e.g. "pcl_3".' }) override id!: string;
  @Field({ description: 'The period, e.g. "2026-11".' }) period!: string;
  @Field({ description: 'Its first instant.' }) startsAt!: Date;
  @Field({ description: 'The instant after its last: closing moved the books’ closed bound here.' }) endsAt!: Date;
  @Field(() => PeriodCloseStatus, { description: 'CLOSED, or REOPENED.' }) status!: PeriodCloseStatus;
  @Field({ description: 'When it was closed.' }) closedAt!: Date;
  @Field({ description: 'Who closed it: "user:3" or "apiKey:7".' }) closedBy!: string;
  @Field(() => Date, { nullable: true, description: 'When it was reopened.' }) reopenedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Who reopened it.' }) reopenedBy!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was reopened, as given.' }) reopenReason!: string | null;
  @Field(() => [ClosingEntry], { description: 'The closing entries, one per currency with revenue or expenses (more past a hundred accounts), then their reversals once reopened.' }) closingEntries!: ClosingEntry[];

  static from(row: PeriodCloseRow, entries: readonly ClosingEntryRow[]): PeriodClose {
    return Object.assign(new PeriodClose(), {
      id: toGlobalId('PeriodClose', row.id), period: row.period, startsAt: row.startsAt, endsAt: row.endsAt,
      status: row.reopenedAt ? PeriodCloseStatus.REOPENED : PeriodCloseStatus.CLOSED, closedAt: row.closedAt, closedBy: row.closedBy,
      reopenedAt: row.reopenedAt ?? null, reopenedBy: row.reopenedBy ?? null, reopenReason: row.reopenReason ?? null,
      closingEntries: entries.map(ClosingEntry.from),
    });
  }
}

@ObjectType({ description: 'What closePeriod or reopenPeriod did.' })
export class PeriodCloseResult {
  @Field(() => PeriodClose, { description: 'The close, as it stands now.' }) close!: PeriodClose;
  @Field({ description: 'True when the idempotency key had been used for the same request: nothing new was done.' }) replayed!: boolean;
}

@ObjectType({ description: 'An accounting period and whether it is closed.' })
export class AccountingPeriod {
  @Field({ description: 'e.g. "2026-11" (REPORTS_PERIOD=month), "2026-Q4", "2026".' }) name!: string;
  @Field({ description: 'Its first instant.' }) startsAt!: Date;
  @Field({ description: 'The instant after its last.' }) endsAt!: Date;
  @Field(() => PeriodStatus, { description: 'OPEN or CLOSED.' }) status!: PeriodStatus;
  @Field(() => [PeriodClose], { description: 'Its closes, newest first: the one in force (CLOSED) and any reopened before.' }) closes!: PeriodClose[];
}

@ObjectType({ description: 'The books: the periods up to the current one, and the bound before which everything is closed.' })
export class AccountingPeriods {
  @Field(() => Date, { nullable: true, description: 'Nothing may take effect before this instant; null while no period is closed.' }) closedThrough!: Date | null;
  @Field({ description: 'How the books are divided: month, quarter or year (REPORTS_PERIOD).' }) periodKind!: string;
  @Field(() => [AccountingPeriod], { description: 'Newest first, the current (open) period first.' }) periods!: AccountingPeriod[];
}

@InputType({ description: 'Closes a period: its revenue and expenses move into retained earnings, and nothing may take effect in it any more.' })
export class ClosePeriodInput {
  @Field({ description: 'The period, e.g. "2026-11": ended, and the one after the last closed.' }) period!: string;
  @Field({ description: 'Client-generated key; a replay returns the first result.' }) idempotencyKey!: string;
}

@InputType({ description: 'Reopens the last closed period: its closing entries are reversed and entries may take effect in it again.' })
export class ReopenPeriodInput {
  @Field({ description: 'The period, e.g. "2026-11": the last one closed.' }) period!: string;
  @Field({ description: 'Why (up to 500 characters), kept with the close.' }) reason!: string;
  @Field({ description: 'Client-generated key; a replay returns the first result.' }) idempotencyKey!: string;
}
