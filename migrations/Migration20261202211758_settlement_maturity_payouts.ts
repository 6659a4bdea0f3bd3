import { Migration } from '@mikro-orm/migrations';

/**
 * Settlement beyond charges: charges' maturity, refunds and disputes, merchants' terms, payout runs,
 * payouts and the items each covers; events WAITING for what they name (`awaiting`). PostgreSQL
 * cannot drop enum values, so `down` leaves WAITING in the type.
 */
export class Migration20261202211758_settlement_maturity_payouts extends Migration {

  override name = 'Migration20261202211758_settlement_maturity_payouts';

  override up(): void | Promise<void> {
    this.addSql(`create type "settlement_dispute_status" as enum ('OPEN', 'WON', 'LOST');`);
    this.addSql(`create type "settlement_run_state" as enum ('RUNNING', 'COMPLETED');`);
    this.addSql(`create type "settlement_payout_status" as enum ('PENDING', 'PAID', 'FAILED');`);
    this.addSql(`create type "settlement_item_kind" as enum ('CHARGE_MATURED', 'REFUND', 'DISPUTE_HELD', 'DISPUTE_RETURNED', 'PAYOUT_RETURNED');`);
    this.addSql(`create table "settlement_charge" ("id" bigserial primary key, "processor_id" bigint not null, "charge_id" varchar(200) not null, "merchant_id" bigint not null, "currency" varchar(3) not null, "gross" bigint not null, "fee" bigint not null, "refunded" bigint not null default '0', "occurred_at" timestamptz not null, "matures_at" timestamptz not null, "event_id" bigint not null, "entry_id" bigint null, "matured_at" timestamptz null, "matured_entry_id" bigint null);`);
    this.addSql(`create index "settlement_charge_due_index" on "settlement_charge" ("matures_at") where "matured_at" is null;`);
    this.addSql(`alter table "settlement_charge" add constraint "settlement_charge_unique" unique ("processor_id", "charge_id");`);

    this.addSql(`create table "settlement_dispute" ("id" bigserial primary key, "processor_id" bigint not null, "dispute_id" varchar(200) not null, "charge_row_id" bigint not null, "merchant_id" bigint not null, "currency" varchar(3) not null, "amount" bigint not null, "status" "settlement_dispute_status" not null, "opened_event_id" bigint not null, "closed_event_id" bigint null);`);
    this.addSql(`alter table "settlement_dispute" add constraint "settlement_dispute_unique" unique ("processor_id", "dispute_id");`);

    this.addSql(`create table "settlement_run" ("id" bigserial primary key, "run_key" varchar(200) not null, "request_hash" varchar(64) not null, "processor_id" bigint not null, "currency" varchar(3) not null, "minimum" bigint not null, "state" "settlement_run_state" not null, "cursor_merchant_id" bigint null, "started_by_id" bigint null, "created_at" timestamptz not null default now(), "finished_at" timestamptz null);`);
    this.addSql(`alter table "settlement_run" add constraint "settlement_run_key_unique" unique ("run_key");`);

    this.addSql(`create table "settlement_payout" ("id" bigserial primary key, "run_id" bigint not null, "processor_id" bigint not null, "merchant_id" bigint not null, "currency" varchar(3) not null, "amount" bigint not null, "status" "settlement_payout_status" not null, "entry_id" bigint null, "settled_event_id" bigint null, "settled_entry_id" bigint null, "created_at" timestamptz not null, "settled_at" timestamptz null);`);
    this.addSql(`create index "settlement_payout_merchant_index" on "settlement_payout" ("merchant_id", "id");`);
    this.addSql(`alter table "settlement_payout" add constraint "settlement_payout_run_merchant_unique" unique ("run_id", "merchant_id");`);

    this.addSql(`create table "settlement_item" ("id" bigserial primary key, "processor_id" bigint not null, "merchant_id" bigint not null, "currency" varchar(3) not null, "kind" "settlement_item_kind" not null, "amount" bigint not null, "gross" bigint null, "fee" bigint null, "charge_row_id" bigint null, "dispute_row_id" bigint null, "returned_payout_id" bigint null, "entry_id" bigint null, "at" timestamptz not null, "payout_id" bigint null);`);
    this.addSql(`create index "settlement_item_open_index" on "settlement_item" ("processor_id", "merchant_id", "currency") where "payout_id" is null;`);
    this.addSql(`create index "settlement_item_payout_index" on "settlement_item" ("payout_id", "id");`);

    this.addSql(`create table "settlement_terms" ("merchant_id" bigint not null, "maturity_hours" int null, "payout_minimum" bigint null, "updated_at" timestamptz not null default now(), primary key ("merchant_id"));`);

    this.addSql(`alter type "settlement_processor_event_status" add value if not exists 'WAITING' after 'UNMATCHED';`);
    this.addSql(`alter table "settlement_processor_event" add "awaiting" varchar(210) null;`);
    this.addSql(`create index "settlement_processor_event_awaiting_index" on "settlement_processor_event" ("processor_id", "awaiting");`);
    this.addSql(`create index "settlement_processor_event_status_index" on "settlement_processor_event" ("status", "id");`);

    this.addSql(`alter table "settlement_charge" add constraint "settlement_charge_processor_fk" foreign key ("processor_id") references "settlement_processor" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_charge" add constraint "settlement_charge_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_charge" add constraint "settlement_charge_event_fk" foreign key ("event_id") references "settlement_processor_event" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_charge" add constraint "settlement_charge_entry_fk" foreign key ("entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_charge" add constraint "settlement_charge_matured_entry_fk" foreign key ("matured_entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "settlement_dispute" add constraint "settlement_dispute_processor_fk" foreign key ("processor_id") references "settlement_processor" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_dispute" add constraint "settlement_dispute_charge_fk" foreign key ("charge_row_id") references "settlement_charge" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_dispute" add constraint "settlement_dispute_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_dispute" add constraint "settlement_dispute_opened_event_fk" foreign key ("opened_event_id") references "settlement_processor_event" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_dispute" add constraint "settlement_dispute_closed_event_fk" foreign key ("closed_event_id") references "settlement_processor_event" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "settlement_run" add constraint "settlement_run_processor_fk" foreign key ("processor_id") references "settlement_processor" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "settlement_payout" add constraint "settlement_payout_run_fk" foreign key ("run_id") references "settlement_run" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_payout" add constraint "settlement_payout_processor_fk" foreign key ("processor_id") references "settlement_processor" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_payout" add constraint "settlement_payout_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_payout" add constraint "settlement_payout_entry_fk" foreign key ("entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_payout" add constraint "settlement_payout_settled_event_fk" foreign key ("settled_event_id") references "settlement_processor_event" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_payout" add constraint "settlement_payout_settled_entry_fk" foreign key ("settled_entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "settlement_item" add constraint "settlement_item_processor_fk" foreign key ("processor_id") references "settlement_processor" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_item" add constraint "settlement_item_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_item" add constraint "settlement_item_charge_fk" foreign key ("charge_row_id") references "settlement_charge" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_item" add constraint "settlement_item_dispute_fk" foreign key ("dispute_row_id") references "settlement_dispute" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_item" add constraint "settlement_item_returned_payout_fk" foreign key ("returned_payout_id") references "settlement_payout" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_item" add constraint "settlement_item_entry_fk" foreign key ("entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_item" add constraint "settlement_item_payout_fk" foreign key ("payout_id") references "settlement_payout" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "settlement_terms" add constraint "settlement_terms_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "settlement_dispute" drop constraint "settlement_dispute_charge_fk";`);
    this.addSql(`alter table "settlement_item" drop constraint "settlement_item_charge_fk";`);
    this.addSql(`alter table "settlement_item" drop constraint "settlement_item_dispute_fk";`);
    this.addSql(`alter table "settlement_payout" drop constraint "settlement_payout_run_fk";`);
    this.addSql(`alter table "settlement_item" drop constraint "settlement_item_returned_payout_fk";`);
    this.addSql(`alter table "settlement_item" drop constraint "settlement_item_payout_fk";`);

    this.addSql(`drop table if exists "settlement_charge" cascade;`);
    this.addSql(`drop table if exists "settlement_dispute" cascade;`);
    this.addSql(`drop table if exists "settlement_run" cascade;`);
    this.addSql(`drop table if exists "settlement_payout" cascade;`);
    this.addSql(`drop table if exists "settlement_item" cascade;`);
    this.addSql(`drop table if exists "settlement_terms" cascade;`);

    this.addSql(`drop index "settlement_processor_event_awaiting_index";`);
    this.addSql(`drop index "settlement_processor_event_status_index";`);
    this.addSql(`alter table "settlement_processor_event" drop column "awaiting";`);

    this.addSql(`drop type "settlement_dispute_status";`);
    this.addSql(`drop type "settlement_run_state";`);
    this.addSql(`drop type "settlement_payout_status";`);
    this.addSql(`drop type "settlement_item_kind";`);
  }

}
