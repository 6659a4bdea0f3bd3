import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ownerScope } from '../platform/auth/principal.js';
import { Role } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { fromGlobalId, toGlobalId } from './ledger.ids.js';
import { type NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { AccountFilterInput, OpenAccountInput, UpdateAccountInput } from './account.input.js';
import { Account, AccountConnection } from './account.type.js';
import { BatchEntryResult, JournalEntry, JournalEntryConnection, LedgerVerification, Posting } from './journal-entry.type.js';
import { canSeeAccount, canSeeEntry } from './ledger.access.js';
import { LedgerError } from './ledger.errors.js';
import type { PostEntryCommand } from './ledger.service.js';
import { buildEach, type CreatedEntry } from './ledger-ops.js';
import type { EntryRow } from './ledger.queries.js';
import { parseCurrency } from './money.js';
import { Money } from './money.type.js';
import {
  CommitPendingEntryInput, EntryFilterInput, PostEntriesInput, PostEntryInput, ReverseEntryInput, VoidPendingEntryInput,
} from './post-entry.input.js';

/** Maps a GraphQL entry input to the service's command, decoding global ids. */
function toCommand(input: PostEntryInput): PostEntryCommand {
  return {
    ...input,
    postings: (input.postings ?? []).map((p, i) => ({
      ...p, accountId: p.accountId === undefined || p.accountId === null ? undefined : fromGlobalId('Account', p.accountId, `postings.${i}.accountId`),
      accountCode: p.accountCode ?? undefined,
    })),
  };
}

/** The entry a ledger operation returned: primed from the write when it created it, else loaded. */
async function loadEntry(context: GraphQLContext, entryId: string, created?: CreatedEntry): Promise<JournalEntry> {
  if (created) context.loaders.entry.prime(entryId, created as unknown as EntryRow);
  const row = await context.loaders.entry.load(entryId);
  if (!row) throw LedgerError.notFound('entry', entryId);
  return JournalEntry.from(row);
}

/**
 * The pending entry a commit or void names: by its global id, or by the idempotency key it was
 * posted with. A key is looked up after the input's own checks (`check`, the service's), so a
 * malformed input is BAD_USER_INPUT before an unknown key is NOT_FOUND, in the ledger's precedence.
 */
async function pendingEntryRowId(context: GraphQLContext, input: { entryId?: string | null; pendingEntryKey?: string | null }, check: (entryId: string) => unknown): Promise<string> {
  if ((input.entryId == null) === (input.pendingEntryKey == null)) throw LedgerError.badInput('give exactly one of entryId and pendingEntryKey', 'entryId');
  if (input.entryId != null) return fromGlobalId('JournalEntry', input.entryId, 'entryId');
  check('0');
  const entryId = await context.queries.entryIdByKey(context.em, input.pendingEntryKey!);
  if (!entryId) throw LedgerError.pendingEntryKeyNotFound(input.pendingEntryKey!);
  return entryId;
}

/** How `node(id:)` loads this module's object types, with their visibility rules. */
export const ledgerNodes: Partial<Record<IdType, NodeFetcher>> = {
  Account: async (id, context) => {
    const row = await context.loaders.account.load(id);
    return canSeeAccount(context, row) ? Account.from(row) : null;
  },
  JournalEntry: async (id, context) => {
    const row = await context.loaders.entry.load(id);
    return row && (await canSeeEntry(context, row)) ? JournalEntry.from(row) : null;
  },
  Posting: async (id, context) => {
    const row = await context.queries.postingById(context.em, id);
    return row && (await canSeeEntry(context, await context.loaders.entry.load(row.entryId))) ? Posting.from(row) : null;
  },
};

@Resolver()
export class LedgerResolver {
  @Authorized()
  @Query(() => Account, { nullable: true, description: 'An account by global id; null when there is none or the caller may not see it.' })
  async account(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Account | null> {
    const row = await context.loaders.account.load(fromGlobalId('Account', id));
    return canSeeAccount(context, row) ? Account.from(row) : null;
  }

  @Authorized()
  @Query(() => Account, { nullable: true, description: 'An account by its code; null when there is none or the caller may not see it.' })
  async accountByCode(@Arg('code') code: string, @Ctx() context: GraphQLContext): Promise<Account | null> {
    const [row] = await context.queries.accountsByCodes(context.em, [code]);
    return canSeeAccount(context, row) ? Account.from(row) : null;
  }

  @Authorized()
  @Query(() => AccountConnection, { description: 'Accounts in id order, filtered; at most 100 a page. A customer or merchant sees only its own.' })
  async accounts(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => AccountFilterInput, { nullable: true }) filter?: AccountFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<AccountConnection> {
    const size = pageSize(first);
    const page = await context.queries.listAccounts(context.em, {
      ...filter,
      currency: filter?.currency ? parseCurrency(filter.currency, 'filter.currency') : undefined,
      parentId: filter?.parentId ? fromGlobalId('Account', filter.parentId, 'filter.parentId') : undefined,
      ownerId: ownerScope(context.principal) ?? (filter?.ownerId ? fromGlobalId('User', filter.ownerId, 'filter.ownerId') : undefined),
    }, size, decodeCursor(after));
    return toConnection(page, Account.from);
  }

  @Authorized()
  @Query(() => JournalEntry, { nullable: true, description: 'A journal entry by global id; null when there is none or the caller may not see it.' })
  async entry(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<JournalEntry | null> {
    const row = await context.loaders.entry.load(fromGlobalId('JournalEntry', id));
    return row && (await canSeeEntry(context, row)) ? JournalEntry.from(row) : null;
  }

  @Authorized()
  @Query(() => JournalEntryConnection, { description: 'Journal entries, newest first, filtered by account, status and effective time; at most 100 a page. A customer or merchant sees only entries that post to its own accounts.' })
  async entries(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => EntryFilterInput, { nullable: true }) filter?: EntryFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<JournalEntryConnection> {
    const size = pageSize(first);
    const page = await context.queries.listEntries(context.em, {
      ...filter,
      accountId: filter?.accountId ? fromGlobalId('Account', filter.accountId, 'filter.accountId') : undefined,
      // A customer or merchant lists only entries that post to its own accounts.
      ownerId: ownerScope(context.principal),
    }, size, decodeCursor(after));
    return toConnection(page, JournalEntry.from);
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Query(() => LedgerVerification, { description: 'Recomputes every balance from the immutable postings and reports any difference. Reads the whole ledger: an operator query.' })
  async verifyLedger(@Ctx() context: GraphQLContext): Promise<LedgerVerification> {
    const report = await context.queries.verify(context.em);
    return {
      ok: report.mismatches.length === 0 && report.unbalancedEntryIds.length === 0 && report.currencyNets.every((n) => n.net === '0')
        && report.checkpointMismatches.length === 0 && report.holdTimeMismatchPostingIds.length === 0,
      accountsChecked: report.accountsChecked,
      mismatches: report.mismatches.map((row) => ({ ...row, accountId: toGlobalId('Account', row.accountId) })),
      currencyNets: report.currencyNets.map((n) => Money.of(BigInt(n.net), n.currency.trim())),
      unbalancedEntryIds: report.unbalancedEntryIds.map((id) => `ent_${id}`),
      checkpointMismatches: report.checkpointMismatches.map((row) => ({
        ...row, accountId: toGlobalId('Account', row.accountId), at: row.at === null ? null : new Date(row.at),
        postingId: row.postingId === null ? null : toGlobalId('Posting', row.postingId),
      })),
      holdTimeMismatchPostingIds: report.holdTimeMismatchPostingIds.map((id) => toGlobalId('Posting', id)),
    };
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Mutation(() => Account, { description: 'Opens an account. Errors: BAD_USER_INPUT, INVALID_CURRENCY, NOT_FOUND (parent), CURRENCY_MISMATCH (parent), ACCOUNT_CODE_TAKEN.' })
  async openAccount(@Arg('input', () => OpenAccountInput) input: OpenAccountInput, @Ctx() context: GraphQLContext): Promise<Account> {
    const parentId = input.parentId ? fromGlobalId('Account', input.parentId, 'parentId') : undefined;
    const ownerId = input.ownerId ? fromGlobalId('User', input.ownerId, 'ownerId') : undefined;
    return Account.from(await context.ledger.openAccount(context.em, { ...input, parentId, ownerId }));
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Mutation(() => Account, { description: 'Renames, re-tags, freezes, unfreezes or closes an account. Errors: NOT_FOUND, BAD_USER_INPUT, ACCOUNT_CLOSED.' })
  async updateAccount(@Arg('input', () => UpdateAccountInput) input: UpdateAccountInput, @Ctx() context: GraphQLContext): Promise<Account> {
    return Account.from(await context.ledger.updateAccount(context.em, { ...input, id: fromGlobalId('Account', input.id) }));
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Mutation(() => JournalEntry, {
    description: 'Posts a balanced entry, or creates it PENDING. Idempotent on `idempotencyKey`. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, TOO_FEW_POSTINGS, TOO_MANY_POSTINGS, IDEMPOTENCY_KEY_REUSED, NOT_FOUND, CURRENCY_MISMATCH, UNBALANCED_ENTRY, ACCOUNT_FROZEN, ACCOUNT_CLOSED, BALANCE_OVERFLOW, INSUFFICIENT_FUNDS.',
  })
  async postEntry(@Arg('input', () => PostEntryInput) input: PostEntryInput, @Ctx() context: GraphQLContext): Promise<JournalEntry> {
    const { entryId, entry } = await context.ledger.postEntry(toCommand(input));
    return loadEntry(context, entryId, entry);
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Mutation(() => [BatchEntryResult], {
    description: 'Posts up to 500 entries in one database transaction, in order. NOT all-or-nothing: each entry succeeds or fails on its own and the result reports each, in request order (a later entry sees the effects of the earlier ones). Each entry is idempotent on its own key.',
  })
  async postEntries(@Arg('input', () => PostEntriesInput) input: PostEntriesInput, @Ctx() context: GraphQLContext): Promise<BatchEntryResult[]> {
    const results = await context.ledger.postEntries(buildEach(input.entries, toCommand));
    return Promise.all(results.map(async (result, index) => {
      if ('error' in result) return { index, entry: null, replayed: false, error: { code: result.error.code, message: result.error.message } };
      return { index, entry: await loadEntry(context, result.entryId, result.entry), replayed: result.replayed, error: null };
    }));
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Mutation(() => JournalEntry, { description: 'Commits a pending entry, in full or for less; returns the new POSTED commit entry. Errors: IDEMPOTENCY_KEY_REUSED, NOT_FOUND, ENTRY_NOT_PENDING, PENDING_ENTRY_EXPIRED, COMMIT_EXCEEDS_PENDING, BAD_USER_INPUT, ACCOUNT_FROZEN, ACCOUNT_CLOSED.' })
  async commitPendingEntry(@Arg('input', () => CommitPendingEntryInput) input: CommitPendingEntryInput, @Ctx() context: GraphQLContext): Promise<JournalEntry> {
    const { pendingEntryKey: _key, ...command } = input;
    const pendingId = await pendingEntryRowId(context, input, (entryId) => context.ledger.commitOp({ ...command, entryId }));
    const { entryId, entry } = await context.ledger.commitPending({ ...command, entryId: pendingId });
    return loadEntry(context, entryId, entry);
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Mutation(() => JournalEntry, { description: 'Voids a pending entry, releasing its hold; returns the VOIDED entry. Errors: IDEMPOTENCY_KEY_REUSED, NOT_FOUND, ENTRY_NOT_PENDING.' })
  async voidPendingEntry(@Arg('input', () => VoidPendingEntryInput) input: VoidPendingEntryInput, @Ctx() context: GraphQLContext): Promise<JournalEntry> {
    const command = (entryId: string) => ({ idempotencyKey: input.idempotencyKey, entryId });
    const pendingId = await pendingEntryRowId(context, input, (entryId) => context.ledger.voidOp(command(entryId)));
    const { entryId } = await context.ledger.voidPending(command(pendingId));
    return loadEntry(context, entryId);
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Mutation(() => JournalEntry, { description: 'Reverses a POSTED entry with a new entry of the same postings, sides swapped, linked to it. Errors: IDEMPOTENCY_KEY_REUSED, NOT_FOUND, ENTRY_NOT_REVERSIBLE, ENTRY_ALREADY_REVERSED, ACCOUNT_FROZEN, ACCOUNT_CLOSED, INSUFFICIENT_FUNDS.' })
  async reverseEntry(@Arg('input', () => ReverseEntryInput) input: ReverseEntryInput, @Ctx() context: GraphQLContext): Promise<JournalEntry> {
    const { entryId, entry } = await context.ledger.reverseEntry({ ...input, entryId: fromGlobalId('JournalEntry', input.entryId, 'entryId') });
    return loadEntry(context, entryId, entry);
  }
}
