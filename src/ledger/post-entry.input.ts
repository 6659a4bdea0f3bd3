import { Field, ID, InputType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Direction, EntryStatus } from './ledger.enums.js';

@InputType({ description: 'One posting: an account (by id or by code, exactly one), a side, and a positive amount in minor units.' })
export class PostingInput {
  @Field(() => ID, { nullable: true }) accountId?: string;
  @Field({ nullable: true }) accountCode?: string;
  @Field(() => Direction) direction!: Direction;
  @Field({ description: 'Minor units as a decimal string of digits: "1050" is 10.50 USD. Greater than 0, below 2^63.' })
  amount!: string;
  @Field({ description: "ISO 4217 code; must be the account's currency." })
  currency!: string;
}

@InputType({ description: 'A journal entry to post. Debits must equal credits in every currency.' })
export class PostEntryInput {
  @Field({ description: 'Client-generated key (at most 200 characters). Sending the same key again returns the first result; with a different input it fails with IDEMPOTENCY_KEY_REUSED.' })
  idempotencyKey!: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) metadata?: Record<string, unknown>;
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
  @Field(() => [PostEntryInput]) entries!: PostEntryInput[];
}

@InputType()
export class CommitPendingEntryInput {
  @Field() idempotencyKey!: string;
  @Field(() => ID) entryId!: string;
  @Field({ nullable: true, description: 'Commit for less than held (minor units); only for a pending entry of two postings. Default: the full amount.' })
  amount?: string;
  @Field({ nullable: true }) description?: string;
}

@InputType()
export class VoidPendingEntryInput {
  @Field() idempotencyKey!: string;
  @Field(() => ID) entryId!: string;
}

@InputType()
export class ReverseEntryInput {
  @Field() idempotencyKey!: string;
  @Field(() => ID, { description: 'A POSTED entry.' }) entryId!: string;
  @Field({ nullable: true }) description?: string;
  @Field({ nullable: true, description: 'Business time of the reversal; defaults to now.' }) effectiveAt?: Date;
}

@InputType({ description: 'Which entries to list; all filters are combined.' })
export class EntryFilterInput {
  @Field(() => ID, { nullable: true, description: 'Entries with a posting to this account.' }) accountId?: string;
  @Field(() => EntryStatus, { nullable: true }) status?: EntryStatus;
  @Field({ nullable: true, description: 'Effective at or after this time.' }) effectiveFrom?: Date;
  @Field({ nullable: true, description: 'Effective before this time.' }) effectiveTo?: Date;
}
