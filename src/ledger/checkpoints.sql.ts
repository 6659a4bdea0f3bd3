import { sql, type RawBuilder } from 'kysely';
import type { Db } from './ledger.sql.js';

/**
 * Balance checkpoints, the writer's side. An account's balance history is a list of changes, each
 * keyed by (time, posting id): every posting at its effective time (posted totals; a pending one
 * counts but adds nothing), every hold at its `held_at` and every release at its `released_at`
 * (pending totals). A checkpoint (balance-checkpoint.entity.ts) holds the sums of every change
 * keyed before it, so a balance at time T is the last checkpoint at or before T plus the changes
 * from it to T: at most `span` of them, because a range that gathers more is cut in two.
 *
 * The posting statement (writePlan) applies a batch's changes in the same statement: changes at or
 * after the account's latest checkpoint (the usual case: entries effective now, holds and releases,
 * which happen now) only count on the account row, which the statement updates anyway; a backdated
 * change moves every later checkpoint of its account (one set-based update) and counts on the
 * checkpoint before it. When a batch would take an account's latest range past `span`, one more
 * statement first closes it (closeTails): a checkpoint just after the account's last change, whose
 * sums are the account's own totals, so it reads nothing but three index ends; once per `span`
 * changes of an account. A range that is over `span` all the same (backdated changes piling into an
 * old range, or one batch of more than `span` changes to one account) is cut by reading it once
 * (cutRanges).
 *
 * Concurrency: every change of an account is written under the account's row lock (the writer
 * locks every account an operation touches, releases included), so checkpoint maintenance of one
 * account is serialised, and each statement sees the checkpoints the previous holder committed.
 */

/** How many changes apart cutRanges places new checkpoints. */
export const cutEvery = (span: number) => Math.max(1, Math.floor(span / 2));

/**
 * The CTEs that apply a batch's changes to the checkpoints, for writePlan's statement. They read
 * `ins_postings (id, account_id, direction, amount, pending, effective_at, held_at)`, the postings
 * inserted, and `rel_postings (id, account_id, direction, amount, released_at)`, the holds released,
 * and define `cp_latest (account_id, at, posting_id)` (each touched account's latest checkpoint, null
 * when none), `cp_tail (account_id, n)` (changes at or after it, for the account's counter) and
 * `upd_checkpoints (account_id, at, posting_id, changes)` (the earlier checkpoints moved by backdated
 * changes). Each checkpoint row is updated once: moves and counts are summed per row first.
 */
export function checkpointCtes(): RawBuilder<unknown> {
  return sql`cp_points (account_id, t, k, pd, pc, qd, qc) as (
      select account_id, effective_at, id,
        case when not pending and direction = 'DEBIT' then amount else 0 end,
        case when not pending and direction = 'CREDIT' then amount else 0 end, 0::bigint, 0::bigint
      from ins_postings
      union all
      select account_id, held_at, id, 0, 0, case when direction = 'DEBIT' then amount else 0 end,
        case when direction = 'CREDIT' then amount else 0 end
      from ins_postings where pending
      union all
      select account_id, released_at, id, 0, 0, case when direction = 'DEBIT' then -amount else 0 end,
        case when direction = 'CREDIT' then -amount else 0 end
      from rel_postings
    ), cp_latest as (
      select d.account_id, c.at, c.posting_id from (select distinct account_id from cp_points) d
      left join lateral (select at, posting_id from ledger_balance_checkpoint c where c.account_id = d.account_id
        order by at desc, posting_id desc limit 1) c on true
    ), cp_tail as (
      select p.account_id, count(*)::int as n from cp_points p join cp_latest l on l.account_id = p.account_id
      where l.at is null or (p.t, p.k) >= (l.at, l.posting_id) group by p.account_id
    ), cp_back as (
      select p.* from cp_points p join cp_latest l on l.account_id = p.account_id where (p.t, p.k) < (l.at, l.posting_id)
    ), cp_moves as (
      select c.account_id, c.at, c.posting_id, sum(b.pd) as pd, sum(b.pc) as pc, sum(b.qd) as qd, sum(b.qc) as qc, 0 as n
      from cp_back b join ledger_balance_checkpoint c on c.account_id = b.account_id and (c.at, c.posting_id) > (b.t, b.k)
      group by c.account_id, c.at, c.posting_id
      union all
      select b.account_id, c.at, c.posting_id, 0, 0, 0, 0, count(*)::int
      from cp_back b cross join lateral (select at, posting_id from ledger_balance_checkpoint c where c.account_id = b.account_id
        and (c.at, c.posting_id) <= (b.t, b.k) order by at desc, posting_id desc limit 1) c
      group by b.account_id, c.at, c.posting_id
    ), upd_checkpoints as (
      update ledger_balance_checkpoint c set posted_debits = c.posted_debits + m.pd, posted_credits = c.posted_credits + m.pc,
        pending_debits = c.pending_debits + m.qd, pending_credits = c.pending_credits + m.qc, changes = c.changes + m.n
      from (select account_id, at, posting_id, sum(pd) as pd, sum(pc) as pc, sum(qd) as qd, sum(qc) as qc, sum(n) as n
            from cp_moves group by account_id, at, posting_id) m
      where c.account_id = m.account_id and c.at = m.at and c.posting_id = m.posting_id
      returning c.account_id, c.at, c.posting_id, c.changes
    )`;
}

/**
 * Closes the latest range of each account: a new latest checkpoint just after its last change (the
 * greatest key of its postings, holds and releases, plus one posting id), holding the account's
 * totals, which are the sums of all its changes; the range before it keeps the account's count of
 * changes (an account's first also writes its (-infinity, 0) checkpoint), and the count restarts at
 * zero. Run before the batch's own changes are written, under the accounts' row locks.
 */
export async function closeTails(db: Db, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await sql`
    with target as (
      select a.id as account_id, a.changes_since_checkpoint as n, a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits,
        coalesce(l.at, '-infinity') as latest_at, coalesce(l.posting_id, 0) as latest_id, e.t as end_at, e.k + 1 as end_id
      from ledger_account a
      left join lateral (select at, posting_id from ledger_balance_checkpoint c where c.account_id = a.id
        order by at desc, posting_id desc limit 1) l on true
      cross join lateral (select t, k from (
          (select effective_at as t, id as k from ledger_posting p where p.account_id = a.id order by effective_at desc, id desc limit 1)
          union all
          (select held_at, id from ledger_posting p where p.account_id = a.id and held_at is not null order by held_at desc, id desc limit 1)
          union all
          (select released_at, id from ledger_posting p where p.account_id = a.id and released_at is not null order by released_at desc, id desc limit 1)
        ) ends order by t desc, k desc limit 1) e
      where a.id = any(${[...accountIds]}::bigint[]) and a.changes_since_checkpoint > 0
    ), written as (
      insert into ledger_balance_checkpoint (account_id, at, posting_id, posted_debits, posted_credits, pending_debits, pending_credits, changes)
      select account_id, latest_at, latest_id, 0, 0, 0, 0, n from target
      union all
      select account_id, end_at, end_id, posted_debits, posted_credits, pending_debits, pending_credits, 0 from target
      on conflict (account_id, at, posting_id) do update set changes = excluded.changes
    )
    update ledger_account a set changes_since_checkpoint = 0 from target t where a.id = t.account_id`.execute(db);
}

/**
 * A range of an account's changes to cut: from the checkpoint (at, postingId), or, for the account's
 * tail, from its latest checkpoint (null when it has none) to the end of its history.
 */
export interface CheckpointRange {
  accountId: string;
  at: string | null;
  postingId: string | null;
  tail: boolean;
}

/**
 * Cuts ranges that gathered more than the span: reads each range's changes in key order and places
 * a checkpoint every cutEvery(span) changes (changes of one key stay together), with the sums of
 * the changes before it. The range's first checkpoint keeps the count of its first piece; an
 * account's first cut also writes its (-infinity, 0) checkpoint. A tail's last piece is counted
 * on the account row.
 */
export async function cutRanges(db: Db, ranges: readonly CheckpointRange[], span: number): Promise<void> {
  if (ranges.length === 0) return;
  const every = cutEvery(span);
  await sql`
    with target as (
      select i.ord, i.account_id, i.tail, coalesce(i.at, '-infinity') as at, coalesce(i.posting_id, 0) as posting_id,
        coalesce(c.posted_debits, 0) as pd, coalesce(c.posted_credits, 0) as pc,
        coalesce(c.pending_debits, 0) as qd, coalesce(c.pending_credits, 0) as qc,
        coalesce(nx.at, 'infinity') as stop_at, coalesce(nx.posting_id, 0) as stop_id
      from unnest(${ranges.map((r) => r.accountId)}::bigint[], ${ranges.map((r) => r.at)}::timestamptz[],
                  ${ranges.map((r) => r.postingId)}::bigint[], ${ranges.map((r) => r.tail)}::bool[])
        with ordinality as i(account_id, at, posting_id, tail, ord)
      left join ledger_balance_checkpoint c on c.account_id = i.account_id and c.at = i.at and c.posting_id = i.posting_id
      left join lateral (select x.at, x.posting_id from ledger_balance_checkpoint x where x.account_id = i.account_id
        and (x.at, x.posting_id) > (coalesce(i.at, '-infinity'), coalesce(i.posting_id, 0)) order by x.at, x.posting_id limit 1) nx on true
    ), points as (
      select t.ord, p.effective_at as t, p.id as k,
        case when not p.pending and p.direction = 'DEBIT' then p.amount else 0 end as pd,
        case when not p.pending and p.direction = 'CREDIT' then p.amount else 0 end as pc, 0::bigint as qd, 0::bigint as qc
      from target t join ledger_posting p on p.account_id = t.account_id
        and (p.effective_at, p.id) >= (t.at, t.posting_id) and (p.effective_at, p.id) < (t.stop_at, t.stop_id)
      union all
      select t.ord, p.held_at, p.id, 0, 0, case when p.direction = 'DEBIT' then p.amount else 0 end,
        case when p.direction = 'CREDIT' then p.amount else 0 end
      from target t join ledger_posting p on p.account_id = t.account_id and p.held_at is not null
        and (p.held_at, p.id) >= (t.at, t.posting_id) and (p.held_at, p.id) < (t.stop_at, t.stop_id)
      union all
      select t.ord, p.released_at, p.id, 0, 0, case when p.direction = 'DEBIT' then -p.amount else 0 end,
        case when p.direction = 'CREDIT' then -p.amount else 0 end
      from target t join ledger_posting p on p.account_id = t.account_id and p.released_at is not null
        and (p.released_at, p.id) >= (t.at, t.posting_id) and (p.released_at, p.id) < (t.stop_at, t.stop_id)
    ), keyed as (
      select ord, t, k, sum(pd) as pd, sum(pc) as pc, sum(qd) as qd, sum(qc) as qc, count(*)::int as n
      from points group by ord, t, k
    ), ordered as (
      select *, coalesce(sum(n) over w, 0) as before_n, coalesce(sum(pd) over w, 0) as before_pd, coalesce(sum(pc) over w, 0) as before_pc,
        coalesce(sum(qd) over w, 0) as before_qd, coalesce(sum(qc) over w, 0) as before_qc
      from keyed window w as (partition by ord order by t, k rows between unbounded preceding and 1 preceding)
    ), flagged as (
      select *, before_n / ${every} > coalesce(lag(before_n) over (partition by ord order by t, k), 0) / ${every} as cut from ordered
    ), pieces as (
      select *, sum(case when cut then 1 else 0 end) over (partition by ord order by t, k rows unbounded preceding) as piece from flagged
    ), sizes as (
      select ord, piece, sum(n)::int as n, max(piece) over (partition by ord) as last from pieces group by ord, piece
    ), written as (
      insert into ledger_balance_checkpoint (account_id, at, posting_id, posted_debits, posted_credits, pending_debits, pending_credits, changes)
      select t.account_id, p.t, p.k, t.pd + p.before_pd, t.pc + p.before_pc, t.qd + p.before_qd, t.qc + p.before_qc,
        case when t.tail and s.piece = s.last then 0 else s.n end
      from pieces p join target t on t.ord = p.ord join sizes s on s.ord = p.ord and s.piece = p.piece where p.cut
      union all
      select t.account_id, t.at, t.posting_id, t.pd, t.pc, t.qd, t.qc, s.n
      from target t join sizes s on s.ord = t.ord and s.piece = 0 where s.last > 0
      on conflict (account_id, at, posting_id) do update set changes = excluded.changes
    )
    update ledger_account a set changes_since_checkpoint = s.n
    from target t join sizes s on s.ord = t.ord
    where t.tail and a.id = t.account_id and s.piece = s.last and s.last > 0`.execute(db);
}
