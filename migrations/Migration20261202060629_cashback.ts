import { Migration } from '@mikro-orm/migrations';

export class Migration20261202060629_cashback extends Migration {

  override name = 'Migration20261202060629_cashback';

  override up(): void | Promise<void> {
    this.addSql(`create type "merchant_status" as enum ('PENDING_VERIFICATION', 'ACTIVE', 'SUSPENDED');`);
    this.addSql(`create type "cashback_offer_kind" as enum ('PERCENTAGE', 'FIXED');`);
    this.addSql(`create type "cashback_offer_status" as enum ('DRAFT', 'ACTIVE', 'PAUSED', 'ENDED');`);
    this.addSql(`create type "cashback_purchase_state" as enum ('PENDING', 'CONFIRMED', 'REVERSED');`);
    this.addSql(`create type "cashback_capped_by" as enum ('USER_CAP', 'BUDGET');`);
    this.addSql(`create type "cashback_no_cashback_reason" as enum ('NO_OFFER', 'OUTSIDE_WINDOW', 'BELOW_MINIMUM');`);
    this.addSql(`create type "cashback_purchase_change_kind" as enum ('RECORDED', 'CONFIRMED', 'REFUNDED', 'REVERSED');`);
    this.addSql(`create table "merchant" ("id" bigserial primary key, "name" varchar(200) not null, "slug" varchar(64) not null, "default_currency" char(3) not null, "status" "merchant_status" not null, "verified_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "merchant" add constraint "merchant_slug_unique" unique ("slug");`);

    this.addSql(`create table "cashback_offer" ("id" bigserial primary key, "merchant_id" bigint not null, "name" varchar(200) not null, "kind" "cashback_offer_kind" not null, "rate" bigint not null, "currency" char(3) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "per_user_cap" bigint null, "budget" bigint not null, "budget_used" bigint not null default '0', "minimum_purchase" bigint not null default '0', "status" "cashback_offer_status" not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "cashback_offer_merchant_index" on "cashback_offer" ("merchant_id", "currency", "status");`);

    this.addSql(`create table "cashback_purchase" ("id" bigserial primary key, "merchant_id" bigint not null, "external_id" varchar(200) not null, "request_hash" char(64) not null, "customer_id" bigint not null, "amount" bigint not null, "currency" char(3) not null, "occurred_at" timestamptz not null, "state" "cashback_purchase_state" not null, "offer_id" bigint null, "cashback" bigint not null default '0', "cashback_reversed" bigint not null default '0', "clawed_back" bigint not null default '0', "shortfall" bigint not null default '0', "netted" bigint not null default '0', "capped_by" "cashback_capped_by" null, "no_cashback_reason" "cashback_no_cashback_reason" null, "refunded_amount" bigint not null default '0', "pending_entry_id" bigint null, "holds" int not null default 0, "commit_entry_id" bigint null, "recorded_at" timestamptz not null default now(), "confirms_at" timestamptz not null, "confirmed_at" timestamptz null, "reversed_at" timestamptz null, "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "cashback_purchase_merchant_index" on "cashback_purchase" ("merchant_id", "id");`);
    this.addSql(`create index "cashback_purchase_customer_index" on "cashback_purchase" ("customer_id", "id");`);
    this.addSql(`create index "cashback_purchase_due_index" on "cashback_purchase" ("state", "confirms_at");`);
    this.addSql(`alter table "cashback_purchase" add constraint "cashback_purchase_external_unique" unique ("merchant_id", "external_id");`);

    this.addSql(`create table "cashback_purchase_change" ("id" bigserial primary key, "purchase_id" bigint not null, "merchant_id" bigint not null, "kind" "cashback_purchase_change_kind" not null, "to_state" "cashback_purchase_state" not null, "amount" bigint not null default '0', "cashback_taken" bigint not null default '0', "reason" varchar(500) not null, "request_key" varchar(200) null, "request_hash" char(64) null, "at" timestamptz not null default now());`);
    this.addSql(`create index "cashback_purchase_change_purchase_index" on "cashback_purchase_change" ("purchase_id", "id");`);
    this.addSql(`alter table "cashback_purchase_change" add constraint "cashback_purchase_change_key_unique" unique ("merchant_id", "request_key");`);

    this.addSql(`create table "cashback_offer_user" ("id" bigserial primary key, "offer_id" bigint not null, "user_id" bigint not null, "earned" bigint not null default '0');`);
    this.addSql(`alter table "cashback_offer_user" add constraint "cashback_offer_user_unique" unique ("offer_id", "user_id");`);

    this.addSql(`create table "merchant_user" ("id" bigserial primary key, "merchant_id" bigint not null, "user_id" bigint not null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "merchant_user_user_index" on "merchant_user" ("user_id");`);
    this.addSql(`alter table "merchant_user" add constraint "merchant_user_unique" unique ("merchant_id", "user_id");`);

    this.addSql(`alter table "cashback_offer" add constraint "cashback_offer_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "cashback_offer" add constraint "cashback_offer_budget_check" check (budget_used >= 0 and budget_used <= budget and rate > 0);`);
    this.addSql(`alter table "cashback_offer" add constraint "cashback_offer_window_check" check (ends_at > starts_at);`);

    this.addSql(`alter table "cashback_purchase" add constraint "cashback_purchase_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "cashback_purchase" add constraint "cashback_purchase_customer_fk" foreign key ("customer_id") references "folio_user" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "cashback_purchase" add constraint "cashback_purchase_offer_fk" foreign key ("offer_id") references "cashback_offer" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "cashback_purchase" add constraint "cashback_purchase_pending_entry_fk" foreign key ("pending_entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "cashback_purchase" add constraint "cashback_purchase_commit_entry_fk" foreign key ("commit_entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "cashback_purchase" add constraint "cashback_purchase_amounts_check" check (amount > 0 and cashback >= 0 and cashback_reversed >= 0 and cashback_reversed <= cashback and refunded_amount >= 0 and refunded_amount <= amount);`);

    this.addSql(`alter table "cashback_purchase_change" add constraint "cashback_purchase_change_purchase_fk" foreign key ("purchase_id") references "cashback_purchase" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "cashback_purchase_change" add constraint "cashback_purchase_change_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "cashback_offer_user" add constraint "cashback_offer_user_offer_fk" foreign key ("offer_id") references "cashback_offer" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "cashback_offer_user" add constraint "cashback_offer_user_user_fk" foreign key ("user_id") references "folio_user" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "cashback_offer_user" add constraint "cashback_offer_user_earned_check" check (earned >= 0);`);

    this.addSql(`alter table "merchant_user" add constraint "merchant_user_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete cascade;`);
    this.addSql(`alter table "merchant_user" add constraint "merchant_user_user_fk" foreign key ("user_id") references "folio_user" ("id") on update no action on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "cashback_offer" drop constraint "cashback_offer_merchant_fk";`);
    this.addSql(`alter table "cashback_purchase" drop constraint "cashback_purchase_merchant_fk";`);
    this.addSql(`alter table "cashback_purchase_change" drop constraint "cashback_purchase_change_merchant_fk";`);
    this.addSql(`alter table "merchant_user" drop constraint "merchant_user_merchant_fk";`);
    this.addSql(`alter table "cashback_purchase" drop constraint "cashback_purchase_offer_fk";`);
    this.addSql(`alter table "cashback_offer_user" drop constraint "cashback_offer_user_offer_fk";`);
    this.addSql(`alter table "cashback_purchase_change" drop constraint "cashback_purchase_change_purchase_fk";`);

    this.addSql(`drop table if exists "merchant" cascade;`);
    this.addSql(`drop table if exists "cashback_offer" cascade;`);
    this.addSql(`drop table if exists "cashback_purchase" cascade;`);
    this.addSql(`drop table if exists "cashback_purchase_change" cascade;`);
    this.addSql(`drop table if exists "cashback_offer_user" cascade;`);
    this.addSql(`drop table if exists "merchant_user" cascade;`);

    this.addSql(`drop type "merchant_status";`);
    this.addSql(`drop type "cashback_offer_kind";`);
    this.addSql(`drop type "cashback_offer_status";`);
    this.addSql(`drop type "cashback_purchase_state";`);
    this.addSql(`drop type "cashback_capped_by";`);
    this.addSql(`drop type "cashback_no_cashback_reason";`);
    this.addSql(`drop type "cashback_purchase_change_kind";`);
  }

}
