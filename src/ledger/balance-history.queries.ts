import { sql } from 'kysely';
import type { Db } from './ledger.sql.js';

/** An account's four totals at a past instant, as decimal strings. */
export interface TotalsRow { id: string; pd: string; pc: string; qd: string; qc: string }

/**
 * Totals of accounts at instant `at`, in one statement: per account the last balance checkpoint at
 * or before `at` (one index probe), plus the changes from it to `at` (three index range scans, each
 * at most the checkpoint span long): postings effective by then (posted), holds recorded by then
 * and holds released by then (pending). The same as summing every posting, which is what this
 * replaces: posted counts the postings effective at or before `at`, pending the holds recorded at
 * or before `at` and not released by then (checkpoints.sql.ts).
 */
export async function totalsAsOf(db: Db, accountIds: readonly string[], at: Date): Promise<TotalsRow[]> {
  const when = at.toISOString();
  const { rows } = await sql<TotalsRow>`
    select a.id::text as id,
      (coalesce(c.posted_debits, 0) + x.pd)::text as pd, (coalesce(c.posted_credits, 0) + x.pc)::text as pc,
      (coalesce(c.pending_debits, 0) + h.qd - r.qd)::text as qd, (coalesce(c.pending_credits, 0) + h.qc - r.qc)::text as qc
    from unnest(${[...accountIds]}::bigint[]) as a(id)
    left join lateral (select * from ledger_balance_checkpoint c where c.account_id = a.id and c.at <= ${when}::timestamptz
      order by c.at desc, c.posting_id desc limit 1) c on true
    cross join lateral (select coalesce(sum(p.amount) filter (where p.direction = 'DEBIT'), 0) as pd,
        coalesce(sum(p.amount) filter (where p.direction = 'CREDIT'), 0) as pc
      from ledger_posting p where p.account_id = a.id and not p.pending
        and (p.effective_at, p.id) >= (coalesce(c.at, '-infinity'), coalesce(c.posting_id, 0)) and p.effective_at <= ${when}::timestamptz) x
    cross join lateral (select coalesce(sum(p.amount) filter (where p.direction = 'DEBIT'), 0) as qd,
        coalesce(sum(p.amount) filter (where p.direction = 'CREDIT'), 0) as qc
      from ledger_posting p where p.account_id = a.id and p.held_at is not null
        and (p.held_at, p.id) >= (coalesce(c.at, '-infinity'), coalesce(c.posting_id, 0)) and p.held_at <= ${when}::timestamptz) h
    cross join lateral (select coalesce(sum(p.amount) filter (where p.direction = 'DEBIT'), 0) as qd,
        coalesce(sum(p.amount) filter (where p.direction = 'CREDIT'), 0) as qc
      from ledger_posting p where p.account_id = a.id and p.released_at is not null
        and (p.released_at, p.id) >= (coalesce(c.at, '-infinity'), coalesce(c.posting_id, 0)) and p.released_at <= ${when}::timestamptz) r`.execute(db);
  return rows;
}

/** A balance checkpoint (or an account's implicit first range) whose stored figures differ from the postings'. */
export interface CheckpointMismatchRow {
  accountId: string;
  /** ISO time, or null for the account's first checkpoint (-infinity). */
  at: string | null;
  /** The posting the checkpoint comes just before, among those of its instant; null for the first. */
  postingId: string | null;
  storedPostedDebits: string; computedPostedDebits: string;
  storedPostedCredits: string; computedPostedCredits: string;
  storedPendingDebits: string; computedPendingDebits: string;
  storedPendingCredits: string; computedPendingCredits: string;
  storedChanges: number; computedChanges: number;
}

/**
 * Recomputes every balance checkpoint from the postings and their entries (the entries' own
 * recorded and resolved times, not the postings' copies of them): the sums of the changes before
 * it and the number of changes up to the next one (for an account's latest, its
 * changes_since_checkpoint; an account with none has one implicit range from -infinity). One pass
 * over all postings, sorted per account: an operator query, like the rest of verifyLedger. Also
 * lists the pending postings whose copied hold times differ from their entry's.
 */
export async function verifyCheckpoints(db: Db): Promise<{ mismatches: CheckpointMismatchRow[]; holdTimeMismatchPostingIds: string[] }> {
  const { rows: mismatches } = await sql<CheckpointMismatchRow & { at: string }>`
    with changes as (
      select p.account_id, p.effective_at as t, p.id as k,
        case when not p.pending and p.direction = 'DEBIT' then p.amount else 0 end as pd,
        case when not p.pending and p.direction = 'CREDIT' then p.amount else 0 end as pc, 0::bigint as qd, 0::bigint as qc
      from ledger_posting p
      union all
      select p.account_id, e.recorded_at, p.id, 0, 0, case when p.direction = 'DEBIT' then p.amount else 0 end,
        case when p.direction = 'CREDIT' then p.amount else 0 end
      from ledger_posting p join ledger_entry e on e.id = p.entry_id where p.pending
      union all
      select p.account_id, greatest(e.resolved_at, e.recorded_at), p.id, 0, 0, case when p.direction = 'DEBIT' then -p.amount else 0 end,
        case when p.direction = 'CREDIT' then -p.amount else 0 end
      from ledger_posting p join ledger_entry e on e.id = p.entry_id where p.pending and e.resolved_at is not null
    ), stored as (
      select c.account_id, c.at, c.posting_id, c.posted_debits, c.posted_credits, c.pending_debits, c.pending_credits, c.changes
      from ledger_balance_checkpoint c
      union all
      -- The first range of an account without a (-infinity, 0) checkpoint: zeros, and no changes before its first checkpoint.
      select a.id, '-infinity', 0, 0, 0, 0, 0, 0 from ledger_account a
      where not exists (select 1 from ledger_balance_checkpoint c where c.account_id = a.id and c.at = '-infinity' and c.posting_id = 0)
    ), marks as (
      select s.*, case when lead(s.at) over (partition by s.account_id order by s.at, s.posting_id) is null
        then a.changes_since_checkpoint else s.changes end as stored_changes
      from stored s join ledger_account a on a.id = s.account_id
    ), stream as (
      select account_id, at as t, posting_id as k, 0 as is_change, 0::bigint as pd, 0::bigint as pc, 0::bigint as qd, 0::bigint as qc from marks
      union all
      select account_id, t, k, 1, pd, pc, qd, qc from changes
    ), running as (
      -- A checkpoint sorts before the changes of its own key, so its running sums are those of the changes before it.
      select account_id, t, k, is_change, sum(pd) over w as pd, sum(pc) over w as pc, sum(qd) over w as qd, sum(qc) over w as qc,
        sum(is_change) over w as n, sum(is_change) over (partition by account_id) as total
      from stream window w as (partition by account_id order by t, k, is_change rows unbounded preceding)
    ), computed as (
      select account_id, t, k, pd, pc, qd, qc,
        coalesce(lead(n) over (partition by account_id order by t, k), total) - n as changes
      from running where is_change = 0
    )
    select m.account_id::text as "accountId", case when m.at = '-infinity' then null else m.at end as at,
      nullif(m.posting_id, 0)::text as "postingId",
      m.posted_debits::text as "storedPostedDebits", c.pd::text as "computedPostedDebits",
      m.posted_credits::text as "storedPostedCredits", c.pc::text as "computedPostedCredits",
      m.pending_debits::text as "storedPendingDebits", c.qd::text as "computedPendingDebits",
      m.pending_credits::text as "storedPendingCredits", c.qc::text as "computedPendingCredits",
      m.stored_changes as "storedChanges", c.changes::int as "computedChanges"
    from marks m join computed c on c.account_id = m.account_id and c.t = m.at and c.k = m.posting_id
    where (m.posted_debits, m.posted_credits, m.pending_debits, m.pending_credits, m.stored_changes)
      is distinct from (c.pd, c.pc, c.qd, c.qc, c.changes)
    order by m.account_id, m.at, m.posting_id limit 100`.execute(db);
  const { rows: holds } = await sql<{ id: string }>`
    select p.id::text as id from ledger_posting p left join ledger_entry e on p.pending and e.id = p.entry_id
    where (p.held_at, p.released_at) is distinct from
      (e.recorded_at, case when e.resolved_at is not null then greatest(e.resolved_at, e.recorded_at) end)
    order by p.id limit 100`.execute(db);
  return { mismatches, holdTimeMismatchPostingIds: holds.map((row) => row.id) };
}

/** An account with its posted totals at an instant (postedTotalsAt), as decimal strings. */
export interface PostedTotalsRow {
  id: string; code: string; name: string; type: string; parentId: string | null; currency: string;
  debits: string; credits: string;
}

export interface PostedTotalsFilter {
  /** Only accounts of this currency; every currency when absent. */
  currency?: string;
  /** Only these account types; every type when absent. */
  types?: readonly string[];
  /** Only accounts whose code starts with this (taken literally: % and _ match themselves). */
  codePrefix?: string;
}

/**
 * Every account (narrowed by `filter`) with its posted debit and credit totals at
 * `at`: through it (postings effective at or before `at`), or `before` it (strictly earlier), in
 * code order, in one statement. Per account, as totalsAsOf: the last balance checkpoint in range
 * (one index probe) plus the postings from it (an index range scan of at most the checkpoint span),
 * so a report's cost grows with its accounts, never with the postings of the ledger's history.
 */
export async function postedTotalsAt(db: Db, filter: PostedTotalsFilter, at: Date, bound: 'through' | 'before'): Promise<PostedTotalsRow[]> {
  const when = at.toISOString();
  const before = bound === 'before';
  const checkpointTime = before ? sql`c.at < ${when}::timestamptz` : sql`c.at <= ${when}::timestamptz`;
  const postingTime = before ? sql`p.effective_at < ${when}::timestamptz` : sql`p.effective_at <= ${when}::timestamptz`;
  const prefix = filter.codePrefix === undefined ? null : `${filter.codePrefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const { rows } = await sql<PostedTotalsRow>`
    select a.id::text as id, a.code, a.name, a.type::text as type, a.parent_id::text as "parentId", a.currency::text as currency,
      (coalesce(c.posted_debits, 0) + x.pd)::text as debits, (coalesce(c.posted_credits, 0) + x.pc)::text as credits
    from ledger_account a
    left join lateral (select c.at, c.posting_id, c.posted_debits, c.posted_credits from ledger_balance_checkpoint c
      where c.account_id = a.id and ${checkpointTime} order by c.at desc, c.posting_id desc limit 1) c on true
    cross join lateral (select coalesce(sum(p.amount) filter (where p.direction = 'DEBIT'), 0) as pd,
        coalesce(sum(p.amount) filter (where p.direction = 'CREDIT'), 0) as pc
      from ledger_posting p where p.account_id = a.id and not p.pending
        and (p.effective_at, p.id) >= (coalesce(c.at, '-infinity'), coalesce(c.posting_id, 0)) and ${postingTime}) x
    where (${filter.currency ?? null}::text is null or a.currency = ${filter.currency ?? null}::bpchar)
      and (${filter.types ? [...filter.types] : null}::text[] is null or a.type::text = any(${filter.types ? [...filter.types] : null}::text[]))
      and (${prefix}::text is null or a.code like ${prefix}::text)
    order by a.code`.execute(db);
  return rows;
}
