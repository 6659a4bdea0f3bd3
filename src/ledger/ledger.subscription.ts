import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { fromGlobalId, toGlobalId } from './ledger.ids.js';
import { limits } from '../platform/limits.js';
import { Account } from './account.type.js';
import { JournalEntry } from './journal-entry.type.js';
import { assertCanWatch } from './ledger.access.js';
import { LedgerError } from './ledger.errors.js';
import { ownerScope } from '../platform/auth/principal.js';
import { BalanceChange, EntryEvent } from './ledger-event.type.js';
import { byAccount, entryEventOf } from './ledger-batch.js';
import type { EntryEventType } from './ledger.enums.js';
import { Balance } from './money.type.js';
import { afterDescription, parseAfter } from '../platform/events/after.js';


type Data = SubscribeResolverData<unknown, { after?: string; accountIds?: string[]; accountCodes?: string[] }, GraphQLContext>;

/**
 * The accounts a subscription watches, by global id and by code (1 to 100 in all when required);
 * an unknown code is NOT_FOUND, as it is everywhere else.
 */
async function watchedAccounts(context: GraphQLContext, args: Data['args'], required: boolean): Promise<Set<string> | undefined> {
  const ids = args.accountIds ?? [];
  const codes = args.accountCodes ?? [];
  if (ids.length + codes.length === 0) {
    if (required) throw LedgerError.badInput('watch at least one account (accountIds or accountCodes)', 'accountIds');
    return undefined;
  }
  if (ids.length + codes.length > limits.subscriptionAccountsMax) throw LedgerError.badInput(`watch at most ${limits.subscriptionAccountsMax} accounts`, 'accountIds');
  const watched = new Set(ids.map((id) => fromGlobalId('Account', id, 'accountIds')));
  if (codes.length === 0) return watched;
  const rows = await context.queries.accountsByCodes(context.em, codes);
  const missing = codes.find((code) => !rows.some((row) => row.code === code));
  if (missing !== undefined) throw LedgerError.accountCodeNotFound(missing);
  for (const row of rows) watched.add(row.id);
  return watched;
}

/**
 * Arguments are checked before the stream starts, so a bad subscription gets a GraphQL error at
 * once; each event expands to one BalanceChange per watched account it touched.
 */
async function balanceChanges({ args, context }: Data): Promise<AsyncIterableIterator<BalanceChange>> {
  const watched = (await watchedAccounts(context, args, true))!;
  await assertCanWatch(context, watched);
  return context.events.stream(parseAfter(args.after), (event) => (entryEventOf(event)?.balances ?? [])
    .filter((b) => watched.has(b.accountId))
    .map((b) => Object.assign(new BalanceChange(), {
      accountRowId: b.accountId, entryRowId: entryEventOf(event)!.entryId, sequence: String(event.seq),
      type: event.type as EntryEventType, accountId: toGlobalId('Account', b.accountId),
      balance: Balance.of({ posted: BigInt(b.posted), pending: BigInt(b.pending), available: BigInt(b.available) }, b.currency.trim()),
    })), { route: { by: byAccount, keys: watched } });
}

/** Staff may watch every entry; a customer or merchant must name accounts it owns. */
async function entryEvents({ args, context }: Data): Promise<AsyncIterableIterator<EntryEvent>> {
  const watched = await watchedAccounts(context, args, ownerScope(context.principal) !== undefined);
  await assertCanWatch(context, watched ?? []);
  return context.events.stream(parseAfter(args.after), (event) => {
    const payload = entryEventOf(event);
    if (!payload || (watched && !payload.balances.some((b) => watched.has(b.accountId)))) return [];
    return [Object.assign(new EntryEvent(), {
      entryRowId: payload.entryId, relatedEntryRowId: payload.relatedEntryId,
      sequence: String(event.seq), type: event.type as EntryEventType,
    })];
  }, watched ? { route: { by: byAccount, keys: watched } } : {});
}

@Resolver()
export class LedgerSubscriptionResolver {
  @Authorized()
  @Subscription(() => BalanceChange, {
    subscribe: balanceChanges as never,
    description: 'Balance changes of the given accounts (1 to 100, by id or by code), as they commit. A customer or merchant may watch only accounts it owns (FORBIDDEN otherwise). With `after`, first replays every change after that sequence number, then continues live: a client that reconnects misses nothing. Changes of rolled-back work are never sent.',
  })
  balanceChanged(
    @Root() change: BalanceChange,
    @Ctx() context: GraphQLContext,
    @Arg('accountIds', () => [ID], { nullable: true, description: 'Accounts by global id.' }) _accountIds?: string[],
    @Arg('accountCodes', () => [String], { nullable: true, description: 'Accounts by code, e.g. "wallet:alice:usd".' }) _accountCodes?: string[],
    @Arg('after', () => String, { nullable: true, description: afterDescription }) _after?: string,
  ): BalanceChange {
    return change;
  }

  @Authorized()
  @Subscription(() => EntryEvent, {
    subscribe: entryEvents as never,
    description: 'Every committed entry event (posted, pending, committed, voided, expired, reversed), optionally only those touching the given accounts. Resumable with `after`. A customer or merchant must name accounts it owns.',
  })
  entryPosted(
    @Root() event: EntryEvent,
    @Ctx() context: GraphQLContext,
    @Arg('after', () => String, { nullable: true, description: afterDescription }) _after?: string,
    @Arg('accountIds', () => [ID], { nullable: true }) _accountIds?: string[],
    @Arg('accountCodes', () => [String], { nullable: true, description: 'Accounts by code, with or instead of accountIds.' }) _accountCodes?: string[],
  ): EntryEvent {
    return event;
  }
}

async function loadEntry(context: GraphQLContext, id: string | null): Promise<JournalEntry | null> {
  if (!id) return null;
  const row = await context.loaders.entry.load(id);
  return row ? JournalEntry.from(row) : null;
}

@Resolver(() => BalanceChange)
export class BalanceChangeResolver {
  @FieldResolver(() => Account, { description: 'The account as it is now (its balance field reads the current balance).' })
  async account(@Root() change: BalanceChange, @Ctx() context: GraphQLContext): Promise<Account> {
    return Account.from((await context.loaders.account.load(change.accountRowId))!);
  }

  @FieldResolver(() => JournalEntry, { description: 'The entry that changed the balance (for a void or expiry: the pending entry).' })
  async entry(@Root() change: BalanceChange, @Ctx() context: GraphQLContext): Promise<JournalEntry> {
    return (await loadEntry(context, change.entryRowId))!;
  }
}

@Resolver(() => EntryEvent)
export class EntryEventResolver {
  @FieldResolver(() => JournalEntry, { description: 'The entry (for a commit: the new commit entry; for a void or expiry: the pending entry).' })
  async entry(@Root() event: EntryEvent, @Ctx() context: GraphQLContext): Promise<JournalEntry> {
    return (await loadEntry(context, event.entryRowId))!;
  }

  @FieldResolver(() => JournalEntry, { nullable: true, description: 'For a commit: the pending entry; for a reversal: the reversed entry.' })
  relatedEntry(@Root() event: EntryEvent, @Ctx() context: GraphQLContext): Promise<JournalEntry | null> {
    return loadEntry(context, event.relatedEntryRowId);
  }
}
