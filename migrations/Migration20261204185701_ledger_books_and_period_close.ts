import { Migration } from '@mikro-orm/migrations';

/**
 * Period close. The ledger's books (one row: the instant before which every period is closed) and
 * `ledger_closed_through()`, which every posting transaction calls in the statement that locks its
 * accounts: it takes the books lock shared (advisory lock 17/1, exclusive during a close) and then
 * reads the bound with a snapshot of its own (VOLATILE), so a posting that waited for a close sees
 * what the close set. The reports module's closes and the closing entries they posted.
 */
export class Migration20261204185701_ledger_books_and_period_close extends Migration {

  override name = 'Migration20261204185701_ledger_books_and_period_close';

  override up(): void | Promise<void> {
    this.addSql(`create type "reports_closing_entry_kind" as enum ('CLOSE', 'REOPEN');`);
    this.addSql(`create table "ledger_books" ("id" smallint primary key, "closed_through" timestamptz null, "updated_at" timestamptz not null default now());`);

    this.addSql(`create table "reports_period_close" ("id" bigserial primary key, "period" varchar(16) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "idempotency_key" varchar(200) not null, "closed_at" timestamptz not null default now(), "closed_by" varchar(64) not null, "reopened_at" timestamptz null, "reopened_by" varchar(64) null, "reopen_reason" text null, "reopen_key" varchar(200) null);`);
    this.addSql(`alter table "reports_period_close" add constraint "reports_period_close_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`alter table "reports_period_close" add constraint "reports_period_close_reopen_key_unique" unique ("reopen_key");`);
    this.addSql(`create unique index "reports_period_close_in_force_idx" on "reports_period_close" ("period") where "reopened_at" is null;`);

    this.addSql(`create table "reports_closing_entry" ("entry_id" bigint not null, "close_id" bigint not null, "kind" "reports_closing_entry_kind" not null, "currency" char(3) not null, primary key ("entry_id"));`);
    this.addSql(`create index "reports_closing_entry_close_id_index" on "reports_closing_entry" ("close_id");`);

    this.addSql(`alter table "ledger_books" add constraint "ledger_books_one_row_check" check (id = 1);`);
    this.addSql(`insert into "ledger_books" ("id", "closed_through") values (1, null);`);
    this.addSql(`create function "ledger_closed_through"() returns timestamptz language plpgsql volatile as $$
      begin
        perform pg_advisory_xact_lock_shared(17, 1);
        return (select closed_through from ledger_books where id = 1);
      end $$;`);

    this.addSql(`alter table "reports_closing_entry" add constraint "reports_closing_entry_entry_fk" foreign key ("entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "reports_closing_entry" add constraint "reports_closing_entry_close_fk" foreign key ("close_id") references "reports_period_close" ("id") on update no action on delete no action;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "reports_closing_entry" drop constraint "reports_closing_entry_close_fk";`);

    this.addSql(`drop function if exists "ledger_closed_through"();`);
    this.addSql(`drop table if exists "ledger_books" cascade;`);
    this.addSql(`drop table if exists "reports_period_close" cascade;`);
    this.addSql(`drop table if exists "reports_closing_entry" cascade;`);

    this.addSql(`drop type "reports_closing_entry_kind";`);
  }

}
