import { Migration } from '@mikro-orm/migrations';

export class Migration20261122035307_initial extends Migration {

  override name = 'Migration20261122035307_initial';

  override up(): void | Promise<void> {
    this.addSql(`create type "account_type" as enum ('ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE');`);
    this.addSql(`create type "account_status" as enum ('OPEN', 'FROZEN', 'CLOSED');`);
    this.addSql(`create type "negative_balance_policy" as enum ('FORBID', 'ALLOW');`);
    this.addSql(`create type "entry_status" as enum ('POSTED', 'PENDING', 'COMMITTED', 'VOIDED', 'EXPIRED');`);
    this.addSql(`create type "posting_direction" as enum ('DEBIT', 'CREDIT');`);
    this.addSql(`create table "ledger_account" ("id" bigserial primary key, "code" varchar(200) not null, "name" varchar(200) not null, "type" "account_type" not null, "currency" char(3) not null, "status" "account_status" not null default 'OPEN', "negative_balance" "negative_balance_policy" not null default 'FORBID', "parent_id" bigint null, "metadata" jsonb not null default '{}', "posted_debits" bigint not null default '0', "posted_credits" bigint not null default '0', "pending_debits" bigint not null default '0', "pending_credits" bigint not null default '0', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "ledger_account" add constraint "ledger_account_code_unique" unique ("code");`);
    this.addSql(`create index "ledger_account_parent_id_index" on "ledger_account" ("parent_id");`);
    this.addSql(`create index "ledger_account_type_currency_index" on "ledger_account" ("type", "currency");`);

    this.addSql(`create table "ledger_idempotency" ("key" varchar(200) not null, "request_hash" varchar(64) not null, "operation" varchar(32) not null, "entry_id" bigint null, "created_at" timestamptz not null default now(), primary key ("key"));`);

    this.addSql(`create table "ledger_entry" ("id" bigserial primary key, "idempotency_key" varchar(200) not null, "description" text not null default '', "metadata" jsonb not null default '{}', "status" "entry_status" not null, "effective_at" timestamptz not null, "recorded_at" timestamptz not null default now(), "expires_at" timestamptz null, "resolved_at" timestamptz null, "pending_entry_id" bigint null, "reverses_entry_id" bigint null);`);
    this.addSql(`create index "ledger_entry_pending_entry_id_index" on "ledger_entry" ("pending_entry_id");`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_reverses_entry_id_unique" unique ("reverses_entry_id");`);
    this.addSql(`create index "ledger_entry_effective_at_index" on "ledger_entry" ("effective_at");`);
    this.addSql(`create index "ledger_entry_pending_expiry_idx" on "ledger_entry" ("expires_at") where "status" = 'PENDING';`);

    this.addSql(`create table "ledger_event" ("id" bigserial primary key, "xid" xid8 not null default pg_current_xact_id(), "seq" bigint null, "type" varchar(32) not null, "payload" jsonb not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "ledger_event" add constraint "ledger_event_seq_unique" unique ("seq");`);

    this.addSql(`create table "ledger_posting" ("id" bigserial primary key, "entry_id" bigint not null, "account_id" bigint not null, "direction" "posting_direction" not null, "amount" bigint not null, "currency" char(3) not null, "pending" boolean not null, "effective_at" timestamptz not null);`);
    this.addSql(`create index "ledger_posting_entry_id_index" on "ledger_posting" ("entry_id");`);
    this.addSql(`create index "ledger_posting_account_time_idx" on "ledger_posting" ("account_id", "effective_at") include ("direction", "amount", "pending");`);
    this.addSql(`create index "ledger_posting_account_entry_idx" on "ledger_posting" ("account_id", "entry_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger_account" cascade;`);
    this.addSql(`drop table if exists "ledger_idempotency" cascade;`);
    this.addSql(`drop table if exists "ledger_entry" cascade;`);
    this.addSql(`drop table if exists "ledger_event" cascade;`);
    this.addSql(`drop table if exists "ledger_posting" cascade;`);

    this.addSql(`drop type "account_type";`);
    this.addSql(`drop type "account_status";`);
    this.addSql(`drop type "negative_balance_policy";`);
    this.addSql(`drop type "entry_status";`);
    this.addSql(`drop type "posting_direction";`);
  }

}
