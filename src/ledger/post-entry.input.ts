import { Field, ID, InputType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Direction, EntryStatus } from './ledger.enums.js';

@InputType({ description: 'One posting: an account (by id or by code, exactly one), a side, and a positive amount in minor units.' })
export class PostingInput {
  @Field(() => ID, { nullable: true , description: 'Global id of the account (give this or accountCode).' }) accountId?: string;
  @Field({ nullable: true , description: 'Code of the account (give this or accountId).' }) accountCode?: string;
  @Field(() => Direction, { description: 'DEBIT or CREDIT.' }) direction!: Direction;
  @Field({ description: 'Minor units as a decimal string of digits: "1050" is 10.50 USD. Greater than 0, below 2^63.' })
  amount!: string;
  @Field({ description: "ISO 4217 code; must be the account's currency." })
  currency!: string;
}

@InputType({ description: 'A journal entry to post. Debits must equal credits in every currency.' })
export class PostEntryInput {
  @Field({ description: 'Client-generated key (at most 200 characters). Sending the same key again returns the first result; with a different input it fails with IDEMPOTENCY_KEY_REUSED.' })
  idempotencyKey!: string;
  @Field({ nullable: true , description: 'Free text, at most 1,000 characters.' }) description?: string;
  @Field(() => GraphQLJSONObject, { nullable: true , description: 'Free-form JSON object, at most 8 KiB.' }) metadata?: Record<string, unknown>;
  @Field({ nullable: true, description: 'Business time; defaults to now, may be in the past (backdated), not in the future.' })
  effectiveAt?: Date;
  @Field({ nullable: true, description: 'Create the entry PENDING: funds are held (out of the available balance) until committed or voided.' })
  pending?: boolean;
  @Field({ nullable: true, description: 'For a pending entry: when it expires (voids itself) if not committed.' })
  expiresAt?: Date;
  @Field(() => [PostingInput], { description: '2 to 100 postings.' })
  postings!: PostingInput[];
}

@InputType({ description: 'Up to 500 entries posted in one database transaction, in order.' })
export class PostEntriesInput {
  @Field(() => [PostEntryInput], { description: '1 to 500 entries, each with its own idempotency key.' }) entries!: PostEntryInput[];
}

@InputType({ description: 'Commits a pending entry: in full, or for less when it has two postings.' })
export class CommitPendingEntryInput {
  @Field({ description: 'Client-generated key of the commit; a replay returns the first result.' }) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: 'Global id of the PENDING entry. Give this or `pendingEntryKey`.' }) entryId?: string;
  @Field({ nullable: true, description: 'The idempotency key the PENDING entry was posted with, instead of `entryId`.' }) pendingEntryKey?: string;
  @Field({ nullable: true, description: 'Commit for less than held (minor units); only for a pending entry of two postings. Default: the full amount.' })
  amount?: string;
  @Field({ nullable: true , description: 'Description of the commit entry; defaults to the pending entry\'s.' }) description?: string;
}

@InputType({ description: 'Voids a pending entry, releasing the funds it holds.' })
export class VoidPendingEntryInput {
  @Field({ description: 'Client-generated key of the void; a replay returns the first result.' }) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: 'Global id of the PENDING entry. Give this or `pendingEntryKey`.' }) entryId?: string;
  @Field({ nullable: true, description: 'The idempotency key the PENDING entry was posted with, instead of `entryId`.' }) pendingEntryKey?: string;
}

@InputType({ description: 'Reverses a posted entry.' })
export class ReverseEntryInput {
  @Field({ description: 'Client-generated key of the reversal; a replay returns the first result.' }) idempotencyKey!: string;
  @Field(() => ID, { description: 'A POSTED entry.' }) entryId!: string;
  @Field({ nullable: true , description: 'Description of the reversing entry; defaults to "Reversal of entry N".' }) description?: string;
  @Field({ nullable: true, description: 'Business time of the reversal; defaults to now.' }) effectiveAt?: Date;
}

@InputType({ description: 'Which entries to list; all filters are combined.' })
export class EntryFilterInput {
  @Field(() => ID, { nullable: true, description: 'Entries with a posting to this account.' }) accountId?: string;
  @Field(() => EntryStatus, { nullable: true , description: 'Only entries with this status.' }) status?: EntryStatus;
  @Field({ nullable: true, description: 'Effective at or after this time.' }) effectiveFrom?: Date;
  @Field({ nullable: true, description: 'Effective before this time.' }) effectiveTo?: Date;
}
