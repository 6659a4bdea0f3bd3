import { sql, type Kysely, type Selectable } from 'kysely';
import type { Direction } from './ledger.enums.js';
import type { AccountState, PostingDraft } from './posting-rules.js';
import type { BatchPlan, LockedEntry } from './ledger-batch.js';
import { invariant } from './ledger.errors.js';
import type { CompanionRows } from './ledger-ops.js';
import type { LedgerAccountTable, LedgerDatabase, LedgerEntryTable, LedgerIdempotencyTable } from './ledger.db.js';
import { checkpointCtes, type CheckpointRange } from './checkpoints.sql.js';

/**
 * The SQL of the posting transaction. Each function is one round trip; the order in which the
 * writer calls them (claims, then entries, then accounts, each locked in key or id order) is what
 * keeps concurrent transactions free of deadlocks. Most of it is `sql` for the sake of unnest and
 * CTEs; its row types are picked from the tables' interfaces, so a renamed column fails to compile.
 */
export type Db = Kysely<LedgerDatabase>;

type Claimed = Pick<Selectable<LedgerIdempotencyTable>, 'key' | 'request_hash'> & { entry_id: string };

export interface Claim {
  key: string;
  hash: string;
  operation: string;
  /** Reserve a new entry id (post, commit, reverse) or record an existing one (void). */
  reserve: boolean;
  target: string | null;
}

/**
 * Claims idempotency keys in key order. A key another transaction holds makes this wait until that
 * one ends; a key already committed is not returned, and the caller replays its stored result.
 */
export async function claimKeys(db: Db, claims: Claim[]): Promise<Map<string, string>> {
  const { rows } = await sql<Pick<Claimed, 'key' | 'entry_id'>>`with ${claimsCte(claims)} select key, entry_id from claimed`.execute(db);
  return new Map(rows.map((row) => [row.key, row.entry_id]));
}

/** The claims statement as a CTE, `claimed (key, entry_id)`, for claimKeys and claimAndLock. */
function claimsCte(claims: Claim[]) {
  const sorted = [...claims].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sql`claimed as (
    insert into ledger_idempotency (key, request_hash, operation, entry_id)
    select c.key, c.hash, c.op, case when c.reserve then nextval('ledger_entry_id_seq') else c.target end
    from unnest(${sorted.map((c) => c.key)}::text[], ${sorted.map((c) => c.hash)}::text[],
                ${sorted.map((c) => c.operation)}::text[], ${sorted.map((c) => c.reserve)}::bool[],
                ${sorted.map((c) => c.target)}::bigint[]) with ordinality as c(key, hash, op, reserve, target, ord)
    order by c.ord
    on conflict (key) do nothing
    returning key, entry_id::text)`;
}

export async function loadClaims(db: Db, keys: string[]): Promise<Map<string, { hash: string; entryId: string }>> {
  const { rows } = await sql<Claimed>`
    select key, request_hash, entry_id::text from ledger_idempotency where key = any(${keys}::text[])`.execute(db);
  return new Map(rows.map((row) => [row.key, { hash: row.request_hash, entryId: row.entry_id }]));
}

type EntryRowDb = Pick<Selectable<LedgerEntryTable>, 'id' | 'status' | 'description' | 'expires_at'> & {
  reversed_by: string | null;
  postings: { accountId: string; direction: Direction; amount: string; currency: string }[];
};

/**
 * Locks the entries that commits, voids, reversals and expiries act on, in id order, then reads them
 * with their postings. Two statements on purpose: a statement that waited for a row lock still sees
 * the other rows as of its start, so reading `reversed_by` in the locking statement would miss a
 * reversal committed while it waited; the second statement sees it.
 */
export async function lockEntries(db: Db, ids: string[]): Promise<Map<string, LockedEntry>> {
  await sql`select id from ledger_entry where id = any(${ids}::bigint[]) order by id for update`.execute(db);
  const { rows } = await sql<EntryRowDb>`
    select e.id::text, e.status, e.description, e.expires_at::text,
      (select r.id::text from ledger_entry r where r.reverses_entry_id = e.id) as reversed_by,
      coalesce((select json_agg(json_build_object('accountId', p.account_id::text, 'direction', p.direction,
        'amount', p.amount::text, 'currency', p.currency) order by p.id)
        from ledger_posting p where p.entry_id = e.id), '[]') as postings
    from ledger_entry e where e.id = any(${ids}::bigint[])`.execute(db);
  return new Map(rows.map((row) => [row.id, {
    id: row.id, status: row.status, description: row.description,
    expiresAt: row.expires_at ? new Date(row.expires_at) : null, reversedBy: row.reversed_by,
    postings: row.postings.map((p): PostingDraft => ({ ...p, amount: BigInt(p.amount) })),
  }]));
}

type AccountRowDb = Pick<Selectable<LedgerAccountTable>, 'id' | 'code' | 'type' | 'currency' | 'status'
  | 'negative_balance' | 'owner_id' | 'posted_debits' | 'posted_credits' | 'pending_debits' | 'pending_credits' | 'changes_since_checkpoint'>;

/** An account as the posting transaction locked it: its state, and its balance changes since its latest checkpoint. */
export interface LockedAccount extends AccountState {
  changesSinceCheckpoint: number;
}

const accountColumns = sql`a.id::text as id, a.code, a.type, a.currency, a.status, a.negative_balance, a.owner_id::text,
  a.posted_debits::text, a.posted_credits::text, a.pending_debits::text, a.pending_credits::text, a.changes_since_checkpoint`;

function lockedAccount(row: AccountRowDb): LockedAccount {
  return {
    id: row.id, code: row.code, type: row.type, currency: row.currency, status: row.status,
    negativeBalance: row.negative_balance, ownerId: row.owner_id,
    postedDebits: BigInt(row.posted_debits), postedCredits: BigInt(row.posted_credits),
    pendingDebits: BigInt(row.pending_debits), pendingCredits: BigInt(row.pending_credits),
    changesSinceCheckpoint: row.changes_since_checkpoint,
  };
}

/** Accounts as a posting transaction locked them, and the books' closed bound read under the books lock. */
export interface LockedAccounts {
  locked: LockedAccount[];
  /** No entry may take effect before it; null while no period is closed (or when no account was found). */
  closedThrough: Date | null;
}

/**
 * The books lock taken shared and the closed bound read (books.sql.ts), as a CTE that the account
 * scan's condition counts: so the lock is held before the first account is locked, the order a
 * period close takes them in too.
 */
const booksCte = sql`books as materialized (select ledger_closed_through()::text as closed_through)`;

const closedThroughOf = (rows: readonly { closed_through?: string | null }[]) => {
  const value = rows.find((row) => row.closed_through !== undefined)?.closed_through;
  return value ? new Date(value) : null;
};

/** Locks the accounts an operation touches, in id order, and reads their current totals. */
export async function lockAccounts(db: Db, ids: string[], codes: string[]): Promise<LockedAccounts> {
  const { rows } = await sql<AccountRowDb & { closed_through: string | null }>`
    with ${booksCte}
    select ${accountColumns}, (select closed_through from books) as closed_through
    from ledger_account a where (a.id = any(${ids}::bigint[]) or a.code = any(${codes}::text[])) and (select count(*) from books) = 1
    order by a.id for update`.execute(db);
  return { locked: rows.map(lockedAccount), closedThrough: closedThroughOf(rows) };
}

/**
 * claimKeys, then lockAccounts, in one round trip: for a batch of posts, whose accounts are known
 * before any claim (a batch that acts on entries locks them between the two, so it takes both
 * steps). The order is the two statements': the account scan's condition counts the claims, so
 * every key is claimed (or waited for) before the first account is read, and the accounts are then
 * locked in id order. The accounts of a post that turns out to replay are locked too, which costs
 * a lock and changes no result.
 */
export async function claimAndLock(db: Db, claims: Claim[], { ids, codes }: { ids: string[]; codes: string[] }): Promise<LockedAccounts & { reserved: Map<string, string> }> {
  const { rows } = await sql<AccountRowDb & { claim_key: string | null; claim_entry: string | null; closed_through: string | null }>`
    with ${claimsCte(claims)}, ${booksCte}, locked as (
      select ${accountColumns}, (select closed_through from books) as closed_through from ledger_account a
      where (a.id = any(${ids}::bigint[]) or a.code = any(${codes}::text[])) and (select count(*) from claimed) >= 0 and (select count(*) from books) = 1
      order by a.id for update)
    select null::text as claim_key, null::text as claim_entry, l.* from locked l
    union all
    select c.key, c.entry_id, null, null, null, null, null, null, null, null, null, null, null, null, null from claimed c`.execute(db);
  const reserved = new Map<string, string>();
  const accounts: typeof rows = [];
  for (const row of rows) {
    if (row.claim_key !== null) reserved.set(row.claim_key, row.claim_entry!);
    else accounts.push(row);
  }
  return { reserved, locked: accounts.map(lockedAccount), closedThrough: closedThroughOf(accounts) };
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** What the posting statement wrote: when each new entry was recorded, and the checkpoint ranges now too long. */
export interface WrittenPlan {
  recordedAt: Map<string, Date>;
  longRanges: CheckpointRange[];
}

type WrittenRow = { kind: 'entry' | 'range' | 'tail'; id: string; at: string | null; posting_id: string | null };

/**
 * Writes a planned batch in one statement: entries, postings, the hold times of released holds,
 * balance checkpoints (checkpointCtes), totals, status changes, claims, events. Returns when each
 * new entry was recorded (the transaction's time) and the checkpoint ranges that passed `span`.
 * The account update names its ids twice (the join and `a.id = any(...)`): the planner cannot see
 * how many rows an unnest yields and, from a few dozen up, joined it to a sequential scan of every
 * account; the array condition lets it fetch the touched rows through the primary key instead. The
 * new totals are materialized first, so that no plan joins the accounts to the per-account count
 * of checkpoint changes row by row (a nested loop over the aggregate, seen at 50 accounts).
 */
export async function writePlan(db: Db, plan: BatchPlan, accounts: Map<string, AccountState>, span: number): Promise<WrittenPlan> {
  const { entries: e, postings: p, statusChanges: s, events: v } = plan;
  const touched = [...plan.touchedAccountIds].map((id) => accounts.get(id)!);
  const { rows } = await sql<WrittenRow>`
    with ins_entries as (
      insert into ledger_entry (id, idempotency_key, description, metadata, status, effective_at, expires_at, pending_entry_id, reverses_entry_id)
      select * from unnest(${e.map((x) => x.id)}::bigint[], ${e.map((x) => x.idempotencyKey)}::text[],
        ${e.map((x) => x.description)}::text[], ${e.map((x) => JSON.stringify(x.metadata))}::jsonb[],
        ${e.map((x) => x.status)}::entry_status[], ${e.map((x) => iso(x.effectiveAt))}::timestamptz[],
        ${e.map((x) => iso(x.expiresAt))}::timestamptz[], ${e.map((x) => x.pendingEntryId)}::bigint[],
        ${e.map((x) => x.reversesEntryId)}::bigint[])
      returning id, recorded_at
    ), ins_postings as (
      insert into ledger_posting (entry_id, account_id, direction, amount, currency, pending, effective_at, held_at)
      select t.*, case when t.pending then now() end from unnest(${p.map((x) => x.entryId)}::bigint[], ${p.map((x) => x.accountId)}::bigint[],
        ${p.map((x) => x.direction)}::posting_direction[], ${p.map((x) => String(x.amount))}::bigint[],
        ${p.map((x) => x.currency)}::bpchar[], ${p.map((x) => x.pending)}::bool[], ${p.map((x) => iso(x.effectiveAt))}::timestamptz[])
        as t(entry_id, account_id, direction, amount, currency, pending, effective_at)
      returning id, account_id, direction, amount, pending, effective_at, held_at
    ), rel_postings as (
      update ledger_posting set released_at = greatest(now(), held_at)
      where entry_id = any(${s.map((c) => c.id)}::bigint[]) and pending
      returning id, account_id, direction, amount, released_at
    ), ${checkpointCtes()}, new_totals as materialized (
      select t.*, coalesce(ct.n, 0) as n
      from unnest(${touched.map((x) => x.id)}::bigint[], ${touched.map((x) => String(x.postedDebits))}::bigint[],
        ${touched.map((x) => String(x.postedCredits))}::bigint[], ${touched.map((x) => String(x.pendingDebits))}::bigint[],
        ${touched.map((x) => String(x.pendingCredits))}::bigint[]) as t(id, pd, pc, qd, qc)
      left join cp_tail ct on ct.account_id = t.id
    ), upd_accounts as (
      update ledger_account a set posted_debits = t.pd, posted_credits = t.pc, pending_debits = t.qd,
        pending_credits = t.qc, updated_at = now(), changes_since_checkpoint = a.changes_since_checkpoint + t.n
      from new_totals t
      where a.id = t.id and a.id = any(${touched.map((x) => x.id)}::bigint[])
      returning a.id, a.changes_since_checkpoint
    ), upd_entries as (
      update ledger_entry x set status = t.status, resolved_at = now()
      from unnest(${s.map((c) => c.id)}::bigint[], ${s.map((c) => c.status)}::entry_status[]) as t(id, status)
      where x.id = t.id
    ), del_claims as (
      delete from ledger_idempotency where key = any(${plan.releasedKeys}::text[])
    ), ins_events as (
      insert into ledger_event (type, payload)
      select * from unnest(${v.map((x) => x.type)}::text[], ${v.map((x) => JSON.stringify(x.payload))}::jsonb[])
    )
    select 'entry' as kind, id::text as id, recorded_at::text as at, null as posting_id from ins_entries
    union all
    select 'range', account_id::text, at::text, posting_id::text from upd_checkpoints where changes > ${span}
    union all
    select 'tail', a.id::text, l.at::text, l.posting_id::text
    from upd_accounts a join cp_latest l on l.account_id = a.id where a.changes_since_checkpoint > ${span}`.execute(db);
  const recordedAt = new Map<string, Date>();
  const longRanges: CheckpointRange[] = [];
  for (const row of rows) {
    if (row.kind === 'entry') recordedAt.set(row.id, new Date(row.at!));
    else longRanges.push({ accountId: row.id, at: row.at, postingId: row.posting_id, tail: row.kind === 'tail' });
  }
  return { recordedAt, longRanges };
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Inserts modules' companion rows for the entries this transaction created: one statement per
 * table, the rows sent as one JSON array and typed by the table's own row type. Returns the rows
 * as written, by entry id.
 */
export async function insertCompanions(db: Db, items: { entryId: string; companions: CompanionRows }[]): Promise<Map<string, Record<string, unknown>[]>> {
  const byTable = new Map<string, { table: string; entryColumn: string; rows: Record<string, unknown>[] }>();
  for (const { entryId, companions: { table, entryColumn, rows } } of items) {
    const group = byTable.get(`${table}.${entryColumn}`) ?? { table, entryColumn, rows: [] };
    for (const row of rows) group.rows.push({ ...row, [entryColumn]: entryId });
    byTable.set(`${table}.${entryColumn}`, group);
  }
  const written = new Map<string, Record<string, unknown>[]>();
  for (const { table, entryColumn, rows } of byTable.values()) {
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    invariant([table, ...columns].every((name) => identifier.test(name)), `companion rows name a table or column that is not a plain identifier: ${table}`);
    const list = sql.join(columns.map((column) => sql.ref(column)));
    const result = await sql<Record<string, unknown>>`insert into ${sql.table(table)} (${list})
      select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)
      returning *`.execute(db);
    for (const row of result.rows) {
      const entryId = String(row[entryColumn]);
      written.set(entryId, [...(written.get(entryId) ?? []), row]);
    }
  }
  return written;
}
