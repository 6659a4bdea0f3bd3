import { Migration } from '@mikro-orm/migrations';

/**
 * Balance checkpoints (issue 11): `balance(asOf:)` reads the last checkpoint before its instant and
 * at most a span of postings after it, instead of every posting of the account.
 *
 * Pending postings get copies of their hold's times (held_at: the entry's recorded_at; released_at:
 * when it was committed, voided or expired, never before held_at) with an index each, and the
 * account-time index gains the posting id, which orders the postings of one instant. The
 * checkpoints of the existing postings are then built in one set-based statement, as the writer
 * cuts them (src/ledger/checkpoints.sql.ts): an account with more than 1,000 balance changes (the
 * default LEDGER_CHECKPOINT_SPAN) gets its (-infinity, 0) checkpoint and one every 500 changes,
 * each holding the sums of the changes before it; the changes after its latest (all of an
 * account's changes, when it has none) are counted on the account. Kept as SQL here, so that
 * later changes to the writer do not change what this migration did.
 */
export class Migration20261202023425_checkpoints extends Migration {

  override name = 'Migration20261202023425_checkpoints';

  override up(): void | Promise<void> {
    this.addSql(`create table "ledger_balance_checkpoint" ("account_id" bigint not null, "at" timestamptz not null, "posting_id" bigint not null, "posted_debits" bigint not null, "posted_credits" bigint not null, "pending_debits" bigint not null, "pending_credits" bigint not null, "changes" int not null, primary key ("account_id", "at", "posting_id"));`);

    this.addSql(`alter table "ledger_account" add "changes_since_checkpoint" int not null default 0;`);

    this.addSql(`drop index "ledger_posting_account_time_idx";`);
    this.addSql(`alter table "ledger_posting" add "held_at" timestamptz null, add "released_at" timestamptz null;`);
    this.addSql(`update ledger_posting p set held_at = e.recorded_at,
      released_at = case when e.resolved_at is not null then greatest(e.resolved_at, e.recorded_at) end
      from ledger_entry e where e.id = p.entry_id and p.pending;`);
    this.addSql(`create index "ledger_posting_account_held_idx" on "ledger_posting" ("account_id", "held_at", "id") include ("direction", "amount") where held_at is not null;`);
    this.addSql(`create index "ledger_posting_account_released_idx" on "ledger_posting" ("account_id", "released_at", "id") include ("direction", "amount") where released_at is not null;`);
    this.addSql(`create index "ledger_posting_account_time_idx" on "ledger_posting" ("account_id", "effective_at", "id") include ("direction", "amount", "pending");`);

    this.addSql(`alter table "ledger_balance_checkpoint" add constraint "ledger_balance_checkpoint_account_fk" foreign key ("account_id") references "ledger_account" ("id") on update no action on delete no action;`);

    this.addSql(`with points as (
        select account_id, effective_at as t, id as k,
          case when not pending and direction = 'DEBIT' then amount else 0 end as pd,
          case when not pending and direction = 'CREDIT' then amount else 0 end as pc, 0::bigint as qd, 0::bigint as qc
        from ledger_posting
        union all
        select account_id, held_at, id, 0, 0, case when direction = 'DEBIT' then amount else 0 end,
          case when direction = 'CREDIT' then amount else 0 end
        from ledger_posting where held_at is not null
        union all
        select account_id, released_at, id, 0, 0, case when direction = 'DEBIT' then -amount else 0 end,
          case when direction = 'CREDIT' then -amount else 0 end
        from ledger_posting where released_at is not null
      ), keyed as (
        select account_id, t, k, sum(pd) as pd, sum(pc) as pc, sum(qd) as qd, sum(qc) as qc, count(*)::int as n
        from points group by account_id, t, k
      ), ordered as (
        select *, coalesce(sum(n) over w, 0) as before_n, coalesce(sum(pd) over w, 0) as before_pd, coalesce(sum(pc) over w, 0) as before_pc,
          coalesce(sum(qd) over w, 0) as before_qd, coalesce(sum(qc) over w, 0) as before_qc,
          sum(n) over (partition by account_id) as total
        from keyed window w as (partition by account_id order by t, k rows between unbounded preceding and 1 preceding)
      ), flagged as (
        select *, total > 1000 and before_n / 500 > coalesce(lag(before_n) over (partition by account_id order by t, k), 0) / 500 as cut
        from ordered
      ), pieces as (
        select *, sum(case when cut then 1 else 0 end) over (partition by account_id order by t, k rows unbounded preceding) as piece
        from flagged
      ), sizes as (
        select account_id, piece, sum(n)::int as n, max(piece) over (partition by account_id) as last
        from pieces group by account_id, piece
      ), written as (
        insert into ledger_balance_checkpoint (account_id, at, posting_id, posted_debits, posted_credits, pending_debits, pending_credits, changes)
        select p.account_id, p.t, p.k, p.before_pd, p.before_pc, p.before_qd, p.before_qc, case when s.piece = s.last then 0 else s.n end
        from pieces p join sizes s on s.account_id = p.account_id and s.piece = p.piece where p.cut
        union all
        select account_id, '-infinity', 0, 0, 0, 0, 0, n from sizes where piece = 0 and last > 0
      )
      update ledger_account a set changes_since_checkpoint = s.n
      from sizes s where s.account_id = a.id and s.piece = s.last;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger_balance_checkpoint" cascade;`);

    this.addSql(`alter table "ledger_account" drop column "changes_since_checkpoint";`);

    this.addSql(`drop index "ledger_posting_account_held_idx";`);
    this.addSql(`drop index "ledger_posting_account_released_idx";`);
    this.addSql(`drop index "ledger_posting_account_time_idx";`);
    this.addSql(`alter table "ledger_posting" drop column "held_at", drop column "released_at";`);
    this.addSql(`create index "ledger_posting_account_time_idx" on "ledger_posting" ("account_id", "effective_at") include ("direction", "amount", "pending");`);
  }

}
