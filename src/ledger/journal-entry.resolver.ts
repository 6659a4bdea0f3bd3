import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { Account } from './account.type.js';
import { canSeeAccount } from './ledger.access.js';
import { JournalEntry, Posting } from './journal-entry.type.js';

async function entryOrNull(context: GraphQLContext, id: string | null | undefined): Promise<JournalEntry | null> {
  if (!id) return null;
  const row = await context.loaders.entry.load(id);
  return row ? JournalEntry.from(row) : null;
}

@Resolver(() => JournalEntry)
export class JournalEntryResolver {
  @FieldResolver(() => [Posting], { description: 'The postings, in the order they were given.' })
  async postings(@Root() entry: JournalEntry, @Ctx() context: GraphQLContext): Promise<Posting[]> {
    return (await context.loaders.postings.load(entry.rowId)).map(Posting.from);
  }

  @FieldResolver(() => JournalEntry, { nullable: true, description: 'For a commit entry: the pending entry it committed.' })
  pendingEntry(@Root() entry: JournalEntry, @Ctx() context: GraphQLContext): Promise<JournalEntry | null> {
    return entryOrNull(context, entry.row.pendingEntryId);
  }

  @FieldResolver(() => JournalEntry, { nullable: true, description: 'For a reversing entry: the entry it reverses.' })
  reverses(@Root() entry: JournalEntry, @Ctx() context: GraphQLContext): Promise<JournalEntry | null> {
    return entryOrNull(context, entry.row.reversesEntryId);
  }

  @FieldResolver(() => JournalEntry, { nullable: true, description: 'The entry that reversed this one, if any.' })
  async reversedBy(@Root() entry: JournalEntry, @Ctx() context: GraphQLContext): Promise<JournalEntry | null> {
    const row = await context.loaders.reversal.load(entry.rowId);
    return row ? JournalEntry.from(row) : null;
  }
}

@Resolver(() => Posting)
export class PostingResolver {
  @FieldResolver(() => Account, { nullable: true, description: "The account the posting lands on; null for a customer or merchant when it is another user's or a system account." })
  async account(@Root() posting: Posting, @Ctx() context: GraphQLContext): Promise<Account | null> {
    const row = await context.loaders.account.load(posting.accountRowId);
    if (!row) throw new Error(`posting references missing account ${posting.accountRowId}`);
    return canSeeAccount(context, row) ? Account.from(row) : null;
  }
}
