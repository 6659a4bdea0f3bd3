import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { Node } from '../platform/graphql/node.type.js';
import { toGlobalId } from './ledger.ids.js';
import { Direction, EntryStatus } from './ledger.enums.js';
import type { EntryRow, PostingRow } from './ledger.queries.js';
import { Money } from './money.type.js';

registerEnumType(EntryStatus, {
  name: 'EntryStatus',
  description: 'POSTED entries count in posted balances. PENDING entries hold funds until committed (COMMITTED, with a separate POSTED commit entry), VOIDED, or EXPIRED.',
});

@ObjectType({ implements: Node, description: 'One leg of a journal entry: an amount debited or credited to one account. Immutable.' })
export class Posting extends Node {
  accountRowId!: string;

  @Field(() => ID, { description: 'Global id, e.g. "pst_7".' })
  override id!: string;

  @Field(() => ID, { description: 'Global id of the account the posting lands on (always shown; the `account` object only to those who may see it).' })
  accountId!: string;

  @Field(() => Direction, { description: 'DEBIT or CREDIT.' })
  direction!: Direction;

  @Field(() => Money, { description: 'Always positive.' })
  amount!: Money;

  static from(row: PostingRow): Posting {
    return Object.assign(new Posting(), {
      accountRowId: row.accountId, accountId: toGlobalId('Account', row.accountId), id: toGlobalId('Posting', row.id), direction: row.direction,
      amount: Money.of(BigInt(row.amount), row.currency.trim()),
    });
  }
}

@ObjectType({ implements: Node, description: 'A balanced journal entry: two or more postings whose debits equal credits in every currency. Posted entries are never changed; a mistake is undone by a reversing entry.' })
export class JournalEntry extends Node {
  rowId!: string;
  row!: EntryRow;

  @Field(() => ID, { description: 'Global id, e.g. "ent_1001".' })
  override id!: string;

  @Field({ description: 'Ledger-wide sequence number (a decimal string): unique and increasing in the order entries were recorded; gaps are possible.' })
  sequence!: string;

  @Field({ description: 'The client-generated key the entry was created with.' })
  idempotencyKey!: string;

  @Field({ description: 'Free text from the client.' })
  description!: string;

  @Field(() => GraphQLJSONObject, { description: 'Free-form JSON object from the client.' })
  metadata!: Record<string, unknown>;

  @Field(() => EntryStatus, { description: 'POSTED, PENDING, COMMITTED, VOIDED or EXPIRED.' })
  status!: EntryStatus;

  @Field({ description: 'The business time of the entry; may be backdated. Balances `asOf` use it.' })
  effectiveAt!: Date;

  @Field({ description: 'When the ledger recorded the entry.' })
  recordedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'For a pending entry: when it voids itself if not committed.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'For a pending entry: when it was committed, voided or expired.' })
  resolvedAt!: Date | null;

  static from(row: EntryRow): JournalEntry {
    return Object.assign(new JournalEntry(), {
      rowId: row.id, row, id: toGlobalId('JournalEntry', row.id), sequence: row.id,
      idempotencyKey: row.idempotencyKey, description: row.description, metadata: row.metadata ?? {},
      status: row.status, effectiveAt: new Date(row.effectiveAt), recordedAt: new Date(row.recordedAt),
      expiresAt: row.expiresAt ? new Date(row.expiresAt) : null, resolvedAt: row.resolvedAt ? new Date(row.resolvedAt) : null,
    });
  }
}

export const JournalEntryConnection = connectionOf(JournalEntry, 'JournalEntry', { one: 'entry', many: 'entries' }, 'A page of journal entries, newest first.');
export type JournalEntryConnection = ConnectionOf<JournalEntry>;

@ObjectType({ description: 'Why one entry of a batch was refused.' })
export class EntryError {
  @Field({ description: 'A stable code, the same as `extensions.code` of a single postEntry.' })
  code!: string;
  @Field({ description: 'A human explanation.' })
  message!: string;
}

@ObjectType({ description: 'The result of one entry of a postEntries batch: the entry, or why it was refused.' })
export class BatchEntryResult {
  @Field(() => Int, { description: 'Position of the entry in the request.' })
  index!: number;
  @Field(() => JournalEntry, { nullable: true , description: 'The entry, when it was posted (or replayed).' })
  entry!: JournalEntry | null;
  @Field(() => EntryError, { nullable: true , description: 'Why the entry was refused, when it was.' })
  error!: EntryError | null;
  @Field({ description: 'True when the idempotency key had already been used with this input: the first result is returned.' })
  replayed!: boolean;
}

@ObjectType({ description: 'An account whose stored totals differ from the sum of its postings.' })
export class BalanceMismatch {
  @Field(() => ID, { description: 'Global id of the account.' }) accountId!: string;
  @Field({ description: 'Posted debits as stored on the account.' }) storedPostedDebits!: string;
  @Field({ description: 'Posted debits summed from postings.' }) computedPostedDebits!: string;
  @Field({ description: 'Posted credits as stored on the account.' }) storedPostedCredits!: string;
  @Field({ description: 'Posted credits summed from postings.' }) computedPostedCredits!: string;
  @Field({ description: 'Pending debits as stored on the account.' }) storedPendingDebits!: string;
  @Field({ description: 'Pending debits summed from open pending entries.' }) computedPendingDebits!: string;
  @Field({ description: 'Pending credits as stored on the account.' }) storedPendingCredits!: string;
  @Field({ description: 'Pending credits summed from open pending entries.' }) computedPendingCredits!: string;
}

@ObjectType({ description: 'A balance checkpoint of an account (the totals just before one of its postings, which `balance(asOf:)` starts from) whose stored figures differ from its postings.' })
export class CheckpointMismatch {
  @Field(() => ID, { description: 'Global id of the account.' }) accountId!: string;
  @Field(() => Date, { nullable: true, description: 'The instant of the checkpoint; null for the account\'s first (before any posting).' }) at!: Date | null;
  @Field(() => ID, { nullable: true, description: 'Global id of the posting the checkpoint comes just before among those of its instant; null for the first.' }) postingId!: string | null;
  @Field({ description: 'Posted debits before the checkpoint, as stored.' }) storedPostedDebits!: string;
  @Field({ description: 'Posted debits before the checkpoint, summed from postings.' }) computedPostedDebits!: string;
  @Field({ description: 'Posted credits before the checkpoint, as stored.' }) storedPostedCredits!: string;
  @Field({ description: 'Posted credits before the checkpoint, summed from postings.' }) computedPostedCredits!: string;
  @Field({ description: 'Pending debits open at the checkpoint, as stored.' }) storedPendingDebits!: string;
  @Field({ description: 'Pending debits open at the checkpoint, summed from holds and their releases.' }) computedPendingDebits!: string;
  @Field({ description: 'Pending credits open at the checkpoint, as stored.' }) storedPendingCredits!: string;
  @Field({ description: 'Pending credits open at the checkpoint, summed from holds and their releases.' }) computedPendingCredits!: string;
  @Field(() => Int, { description: 'Balance changes (postings, holds, releases) up to the next checkpoint, as stored.' }) storedChanges!: number;
  @Field(() => Int, { description: 'Balance changes up to the next checkpoint, counted.' }) computedChanges!: number;
}

@ObjectType({ description: 'The result of recomputing every balance from the immutable postings.' })
export class LedgerVerification {
  @Field({ description: 'True when every stored balance and balance checkpoint equals its postings, every entry balances and every currency nets to zero.' })
  ok!: boolean;
  @Field(() => Int, { description: 'How many accounts were recomputed.' }) accountsChecked!: number;
  @Field(() => [BalanceMismatch], { description: 'At most 100.' }) mismatches!: BalanceMismatch[];
  @Field(() => [Money], { description: 'Posted debits minus credits per currency: zero in a sound ledger.' }) currencyNets!: Money[];
  @Field(() => [ID], { description: 'Entries whose postings do not balance (at most 100): empty in a sound ledger.' }) unbalancedEntryIds!: string[];
  @Field(() => [CheckpointMismatch], { description: 'Balance checkpoints that differ from the postings (at most 100): empty in a sound ledger.' }) checkpointMismatches!: CheckpointMismatch[];
  @Field(() => [ID], { description: 'Pending postings whose copies of their hold\'s recorded and released times differ from their entry\'s (at most 100): empty in a sound ledger.' }) holdTimeMismatchPostingIds!: string[];
}
