import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { canSeeAccount } from './ledger.access.js';
import { LedgerError } from './ledger.errors.js';
import { currentBalance } from './ledger.queries.js';
import { EntryStatus } from './ledger.enums.js';
import { Account } from './account.type.js';
import { JournalEntry, JournalEntryConnection } from './journal-entry.type.js';
import { Balance } from './money.type.js';

@Resolver(() => Account)
export class AccountResolver {
  @FieldResolver(() => Balance, { description: 'The current balance (read from the account, O(1)), or the exact balance at `asOf`, backdated entries included.' })
  balance(@Root() account: Account, @Ctx() context: GraphQLContext, @Arg('asOf', () => Date, { nullable: true }) asOf?: Date): Balance | Promise<Balance> {
    // The current balance is answered synchronously: a promise per account would make graphql-js
    // await every node of a 100-account page separately.
    if (!asOf) return Balance.of(currentBalance(account.row), account.currency);
    if (Number.isNaN(asOf.getTime())) throw LedgerError.badInput('asOf is not a valid time', 'asOf');
    return context.loaders.balanceAsOf.load({ account: account.row, at: asOf }).then((value) => Balance.of(value, account.currency, asOf));
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The parent account, for rollups; null when there is none or the caller may not see it.' })
  async parent(@Root() account: Account, @Ctx() context: GraphQLContext): Promise<Account | null> {
    if (!account.row.parentId) return null;
    const row = await context.loaders.account.load(account.row.parentId);
    return canSeeAccount(context, row) ? Account.from(row) : null;
  }

  @FieldResolver(() => [JournalEntry], { description: 'The latest entries with a posting to this account, newest first (1 to 100, default 10). Batched across accounts.' })
  async recentEntries(@Root() account: Account, @Ctx() context: GraphQLContext, @Arg('first', () => Int, { nullable: true }) first?: number): Promise<JournalEntry[]> {
    const size = pageSize(first ?? 10);
    const ids = await context.loaders.recentEntryIds.load(`${account.rowId}:${size}`);
    const rows = await context.loaders.entry.loadMany(ids);
    return rows.filter((row) => row && !(row instanceof Error)).map((row) => JournalEntry.from(row as never));
  }

  @FieldResolver(() => JournalEntryConnection, { description: 'Entries with a posting to this account, newest first, paginated.' })
  async entries(
    @Root() account: Account,
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('status', () => EntryStatus, { nullable: true }) status?: EntryStatus,
  ): Promise<JournalEntryConnection> {
    const page = await context.queries.listEntries(context.em, { accountId: account.rowId, status }, pageSize(first), decodeCursor(after));
    return toConnection(page, JournalEntry.from);
  }
}
