import type { EntityManager, InferEntity } from '@mikro-orm/postgresql';
import { likePrefix, pageOf, type Page } from '../platform/db/page.js';
import { sql, type Selectable } from 'kysely';
import { AccountEntity } from './account.entity.js';
import { JournalEntryEntity } from './journal-entry.entity.js';
import { PostingEntity } from './posting.entity.js';
import type { AccountStatus, AccountType, EntryStatus } from './ledger.enums.js';
import { balanceOf, type Balance } from './posting-rules.js';
import type { LedgerAccountTable, LedgerDatabase } from './ledger.db.js';
import { totalsAsOf, verifyCheckpoints, type CheckpointMismatchRow } from './balance-history.queries.js';

export type AccountRow = InferEntity<typeof AccountEntity>;
export type EntryRow = InferEntity<typeof JournalEntryEntity>;
export type PostingRow = InferEntity<typeof PostingEntity>;


export interface AccountFilter { type?: AccountType; currency?: string; status?: AccountStatus; parentId?: string; codePrefix?: string; ownerId?: string }
/** `ownerId` limits entries to those with a posting to an account the user owns. */
export interface EntryFilter { accountId?: string; ownerId?: string; status?: EntryStatus; effectiveFrom?: Date; effectiveTo?: Date }

/** The stored balance of an account row, on its normal side. */
export function currentBalance(row: AccountRow): Balance {
  return balanceOf({
    type: row.type, postedDebits: BigInt(row.postedDebits), postedCredits: BigInt(row.postedCredits),
    pendingDebits: BigInt(row.pendingDebits), pendingCredits: BigInt(row.pendingCredits),
  });
}

/**
 * Accounts for reading, through Kysely rather than `em.find`: no caller changes these rows, and the
 * ORM's hydration and identity map were about a third of a balance read's CPU (issue 11).
 */
function selectAccounts(em: EntityManager) {
  return em.getKysely<LedgerDatabase>().selectFrom('ledger_account').select([
    'id', 'code', 'name', 'type', 'currency', 'status', 'negative_balance', 'parent_id', 'owner_id', 'metadata',
    'posted_debits', 'posted_credits', 'pending_debits', 'pending_credits', 'changes_since_checkpoint',
    'created_at', 'updated_at',
  ]);
}

function accountRowOf(row: Selectable<LedgerAccountTable>): AccountRow {
  return {
    id: row.id, code: row.code, name: row.name, type: row.type, currency: row.currency, status: row.status,
    negativeBalance: row.negative_balance, parentId: row.parent_id, ownerId: row.owner_id, metadata: row.metadata,
    postedDebits: row.posted_debits, postedCredits: row.posted_credits, pendingDebits: row.pending_debits,
    pendingCredits: row.pending_credits, changesSinceCheckpoint: row.changes_since_checkpoint,
    createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at),
  };
}

/** Reads of the ledger. Each is one query; field resolvers reach them through DataLoaders. */
export class LedgerQueries {
  async accountsByIds(em: EntityManager, ids: readonly string[]): Promise<AccountRow[]> {
    const rows = await selectAccounts(em).where('id', '=', sql<string>`any(${[...ids]}::bigint[])`).execute();
    return rows.map(accountRowOf);
  }

  async accountsByCodes(em: EntityManager, codes: readonly string[]): Promise<AccountRow[]> {
    const rows = await selectAccounts(em).where('code', '=', sql<string>`any(${[...codes]}::text[])`).execute();
    return rows.map(accountRowOf);
  }

  /** Accounts in id order after `afterId`; one more row than asked tells whether a next page exists. */
  async listAccounts(em: EntityManager, filter: AccountFilter, first: number, afterId?: string): Promise<Page<AccountRow>> {
    let query = selectAccounts(em);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (filter.currency) query = query.where('currency', '=', filter.currency);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.parentId) query = query.where('parent_id', '=', filter.parentId);
    if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
    if (filter.codePrefix) query = query.where('code', 'like', likePrefix(filter.codePrefix));
    if (afterId) query = query.where('id', '>', afterId);
    const rows = await query.orderBy('id').limit(first + 1).execute();
    return pageOf(rows.map(accountRowOf), first);
  }

  /** The entry an idempotency key created (its primary key finds it: one row, no scan). */
  async entryIdByKey(em: EntityManager, key: string): Promise<string | undefined> {
    const row = await em.getKysely<LedgerDatabase>().selectFrom('ledger_idempotency').select('entry_id')
      .where('key', '=', key).where('entry_id', 'is not', null).executeTakeFirst();
    return row?.entry_id ? String(row.entry_id) : undefined;
  }

  entriesByIds(em: EntityManager, ids: readonly string[]): Promise<EntryRow[]> {
    return em.find(JournalEntryEntity, { id: { $in: [...ids] } });
  }

  postingById(em: EntityManager, id: string): Promise<PostingRow | null> {
    return em.findOne(PostingEntity, { id });
  }

  postingsByEntryIds(em: EntityManager, entryIds: readonly string[]): Promise<PostingRow[]> {
    return em.find(PostingEntity, { entryId: { $in: [...entryIds] } }, { orderBy: { id: 'asc' } });
  }

  /** Entries newest first (by sequence), before `beforeId`. */
  async listEntries(em: EntityManager, filter: EntryFilter, first: number, beforeId?: string): Promise<Page<EntryRow>> {
    const rows = filter.accountId || filter.ownerId
      ? await this.entriesOfAccounts(em, filter, first + 1, beforeId)
      : await em.find(JournalEntryEntity, this.entryWhere(filter, beforeId) as never, { orderBy: { id: 'desc' }, limit: first + 1 });
    return pageOf(rows, first);
  }

  private entryWhere(filter: EntryFilter, beforeId?: string): Record<string, unknown> {
    const where: Record<string, unknown> = {};
    if (filter.status) where.status = filter.status;
    if (filter.effectiveFrom || filter.effectiveTo) {
      where.effectiveAt = { ...(filter.effectiveFrom && { $gte: filter.effectiveFrom }), ...(filter.effectiveTo && { $lt: filter.effectiveTo }) };
    }
    if (beforeId) where.id = { $lt: beforeId };
    return where;
  }

  /** Entries of one account, or of every account a user owns, through the postings index, newest first. */
  private async entriesOfAccounts(em: EntityManager, filter: EntryFilter, limit: number, beforeId?: string): Promise<EntryRow[]> {
    const db = em.getKysely<LedgerDatabase>();
    const from = filter.effectiveFrom?.toISOString() ?? null;
    const to = filter.effectiveTo?.toISOString() ?? null;
    const { rows } = await sql<{ id: string }>`
      select distinct p.entry_id::text as id, p.entry_id from ledger_posting p join ledger_entry e on e.id = p.entry_id
      where (${filter.accountId ?? null}::bigint is null or p.account_id = ${filter.accountId ?? null}::bigint)
        and (${filter.ownerId ?? null}::bigint is null
             or p.account_id in (select id from ledger_account where owner_id = ${filter.ownerId ?? null}::bigint))
        and (${filter.status ?? null}::entry_status is null or e.status = ${filter.status ?? null}::entry_status)
        and (${from}::timestamptz is null or e.effective_at >= ${from}::timestamptz)
        and (${to}::timestamptz is null or e.effective_at < ${to}::timestamptz)
        and (${beforeId ?? null}::bigint is null or p.entry_id < ${beforeId ?? null}::bigint)
      order by p.entry_id desc limit ${limit}`.execute(db);
    const byId = new Map((await this.entriesByIds(em, rows.map((row) => row.id))).map((row) => [row.id, row]));
    return rows.map((row) => byId.get(row.id)!);
  }

  /** For each entry, the users who own an account it posts to (who may therefore see it). */
  async ownersOfEntries(em: EntityManager, entryIds: readonly string[]): Promise<Map<string, string[]>> {
    const db = em.getKysely<LedgerDatabase>();
    const { rows } = await sql<{ entry_id: string; owner_id: string }>`
      select distinct p.entry_id::text, a.owner_id::text from ledger_posting p join ledger_account a on a.id = p.account_id
      where p.entry_id = any(${[...entryIds]}::bigint[]) and a.owner_id is not null`.execute(db);
    const owners = new Map<string, string[]>(entryIds.map((id) => [id, []]));
    for (const row of rows) owners.get(row.entry_id)?.push(row.owner_id);
    return owners;
  }

  /** The most recent entries of many accounts in one query (an account's `recentEntries` field). */
  async recentEntryIds(em: EntityManager, accountIds: readonly string[], perAccount: number): Promise<Map<string, string[]>> {
    const db = em.getKysely<LedgerDatabase>();
    const { rows } = await sql<{ account_id: string; entry_id: string }>`
      select a.id::text as account_id, r.entry_id::text
      from unnest(${[...accountIds]}::bigint[]) as a(id)
      cross join lateral (select distinct entry_id from ledger_posting p where p.account_id = a.id
                          order by entry_id desc limit ${perAccount}) r
      order by a.id, r.entry_id desc`.execute(db);
    const byAccount = new Map<string, string[]>(accountIds.map((id) => [id, []]));
    for (const row of rows) byAccount.get(row.account_id)?.push(row.entry_id);
    return byAccount;
  }

  /**
   * Balances of accounts at a past instant: posted from the postings effective by then (backdated
   * entries included), pending from the holds open at that instant. One query for many accounts,
   * each a balance checkpoint and at most the checkpoint span of postings (totalsAsOf).
   */
  async balancesAsOf(em: EntityManager, accounts: readonly AccountRow[], at: Date): Promise<Map<string, Balance>> {
    const rows = await totalsAsOf(em.getKysely<LedgerDatabase>(), accounts.map((a) => a.id), at);
    const totals = new Map(rows.map((row) => [row.id, row]));
    return new Map(accounts.map((account) => {
      const row = totals.get(account.id)!;
      return [account.id, balanceOf({ type: account.type, postedDebits: BigInt(row.pd), postedCredits: BigInt(row.pc), pendingDebits: BigInt(row.qd), pendingCredits: BigInt(row.qc) })];
    }));
  }

  /** The reversing entries of the given entries. */
  reversalsOf(em: EntityManager, entryIds: readonly string[]): Promise<EntryRow[]> {
    return em.find(JournalEntryEntity, { reversesEntryId: { $in: [...entryIds] } });
  }

  /**
   * Recomputes every account's four totals from the immutable postings and returns the accounts
   * whose stored totals differ, with the per-currency sum of all posted debits minus credits
   * (zero in a sound ledger), the entries whose postings do not balance, and the balance
   * checkpoints (and postings' hold times) that differ from the postings (verifyCheckpoints).
   */
  async verify(em: EntityManager): Promise<VerifyReport> {
    const db = em.getKysely<LedgerDatabase>();
    const mismatches = await sql<VerifyMismatch>`
      with computed as (
        select p.account_id,
          coalesce(sum(p.amount) filter (where not p.pending and p.direction = 'DEBIT'), 0) as pd,
          coalesce(sum(p.amount) filter (where not p.pending and p.direction = 'CREDIT'), 0) as pc,
          coalesce(sum(p.amount) filter (where p.pending and e.status = 'PENDING' and p.direction = 'DEBIT'), 0) as qd,
          coalesce(sum(p.amount) filter (where p.pending and e.status = 'PENDING' and p.direction = 'CREDIT'), 0) as qc
        from ledger_posting p join ledger_entry e on e.id = p.entry_id group by p.account_id)
      select a.id::text as "accountId",
        a.posted_debits::text as "storedPostedDebits", coalesce(c.pd, 0)::text as "computedPostedDebits",
        a.posted_credits::text as "storedPostedCredits", coalesce(c.pc, 0)::text as "computedPostedCredits",
        a.pending_debits::text as "storedPendingDebits", coalesce(c.qd, 0)::text as "computedPendingDebits",
        a.pending_credits::text as "storedPendingCredits", coalesce(c.qc, 0)::text as "computedPendingCredits"
      from ledger_account a left join computed c on c.account_id = a.id
      where (a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits)
         is distinct from (coalesce(c.pd, 0), coalesce(c.pc, 0), coalesce(c.qd, 0), coalesce(c.qc, 0))
      order by a.id limit 100`.execute(db);
    const totals = await sql<{ currency: string; net: string }>`
      select currency, sum(case when direction = 'DEBIT' then amount else -amount end)::text as net
      from ledger_posting where not pending group by currency order by currency`.execute(db);
    const unbalanced = await sql<{ id: string }>`
      select entry_id::text as id from ledger_posting group by entry_id, currency
      having sum(case when direction = 'DEBIT' then amount else -amount end) <> 0 limit 100`.execute(db);
    const [{ count }] = (await sql<{ count: string }>`select count(*)::text as count from ledger_account`.execute(db)).rows;
    const checkpoints = await verifyCheckpoints(db);
    return {
      accountsChecked: Number(count), mismatches: mismatches.rows,
      currencyNets: totals.rows, unbalancedEntryIds: unbalanced.rows.map((r) => r.id),
      checkpointMismatches: checkpoints.mismatches, holdTimeMismatchPostingIds: checkpoints.holdTimeMismatchPostingIds,
    };
  }
}

export interface VerifyMismatch {
  accountId: string;
  storedPostedDebits: string; computedPostedDebits: string;
  storedPostedCredits: string; computedPostedCredits: string;
  storedPendingDebits: string; computedPendingDebits: string;
  storedPendingCredits: string; computedPendingCredits: string;
}

export interface VerifyReport {
  accountsChecked: number;
  mismatches: VerifyMismatch[];
  currencyNets: { currency: string; net: string }[];
  unbalancedEntryIds: string[];
  checkpointMismatches: CheckpointMismatchRow[];
  holdTimeMismatchPostingIds: string[];
}
