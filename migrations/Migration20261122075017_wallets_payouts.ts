import { Migration } from '@mikro-orm/migrations';

export class Migration20261122075017_wallets_payouts extends Migration {

  override name = 'Migration20261122075017_wallets_payouts';

  override up(): void | Promise<void> {
    this.addSql(`create type "payout_run_state" as enum ('RUNNING', 'COMPLETED', 'FAILED');`);
    this.addSql(`create type "disbursement_kind" as enum ('WITHDRAWAL', 'PAYOUT');`);
    this.addSql(`create type "disbursement_state" as enum ('OPEN', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'CANCELLED');`);
    this.addSql(`create type "wallet_transaction_kind" as enum ('DEPOSIT', 'TRANSFER_IN', 'TRANSFER_OUT', 'WITHDRAWAL', 'PAYOUT', 'FEE');`);
    this.addSql(`create type "wallet_transaction_status" as enum ('PENDING', 'COMPLETED', 'FAILED', 'CANCELLED');`);
    this.addSql(`create table "simulated_processor_payment" ("reference" varchar(100) not null, "amount" bigint not null, "currency" char(3) not null, "destination" varchar(200) not null, "outcome" varchar(16) not null, "failure_reason" varchar(500) null, "settles_at" timestamptz not null, "created_at" timestamptz not null default now(), primary key ("reference"));`);

    this.addSql(`create table "payout_run" ("id" bigserial primary key, "run_key" varchar(200) not null, "request_hash" char(64) not null, "currency" char(3) not null, "threshold" bigint not null, "state" "payout_run_state" not null, "wallets_scanned" int not null default 0, "payouts_created" int not null default 0, "wallets_skipped" int not null default 0, "total_amount" bigint not null default '0', "cursor_wallet_id" bigint not null default '0', "started_by_id" bigint null, "error" varchar(500) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "finished_at" timestamptz null);`);
    this.addSql(`alter table "payout_run" add constraint "payout_run_run_key_unique" unique ("run_key");`);
    this.addSql(`create index "payout_run_state_index" on "payout_run" ("state");`);

    this.addSql(`create table "wallet" ("id" bigserial primary key, "user_id" bigint not null, "currency" char(3) not null, "account_id" bigint not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "wallet" add constraint "wallet_account_id_unique" unique ("account_id");`);
    this.addSql(`create index "wallet_currency_id_index" on "wallet" ("currency", "id");`);
    this.addSql(`alter table "wallet" add constraint "wallet_user_currency_unique" unique ("user_id", "currency");`);

    this.addSql(`create table "disbursement" ("id" bigserial primary key, "kind" "disbursement_kind" not null, "wallet_id" bigint not null, "user_id" bigint not null, "amount" bigint not null, "fee" bigint not null default '0', "currency" char(3) not null, "destination" varchar(200) not null, "state" "disbursement_state" not null, "idempotency_key" varchar(200) not null, "request_hash" char(64) not null, "attempt" int not null default 1, "hold_entry_id" bigint not null, "processor_reference" varchar(100) null, "failure_reason" varchar(500) null, "run_id" bigint null, "ready_at" timestamptz not null default now(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "disbursement_state_ready_index" on "disbursement" ("state", "ready_at");`);
    this.addSql(`create index "disbursement_kind_state_id_index" on "disbursement" ("kind", "state", "id");`);
    this.addSql(`create index "disbursement_wallet_id_index" on "disbursement" ("wallet_id", "id");`);
    this.addSql(`create index "disbursement_run_id_index" on "disbursement" ("run_id");`);
    this.addSql(`alter table "disbursement" add constraint "disbursement_user_key_unique" unique ("user_id", "kind", "idempotency_key");`);

    this.addSql(`create table "disbursement_status_change" ("id" bigserial primary key, "disbursement_id" bigint not null, "user_id" bigint not null, "from_state" "disbursement_state" null, "to_state" "disbursement_state" not null, "attempt" int not null, "reason" varchar(500) not null, "request_key" varchar(200) null, "at" timestamptz not null default now());`);
    this.addSql(`alter table "disbursement_status_change" add constraint "disbursement_status_change_request_key_unique" unique ("user_id", "request_key");`);
    this.addSql(`create index "disbursement_status_change_disbursement_index" on "disbursement_status_change" ("disbursement_id", "id");`);

    this.addSql(`create table "wallet_transaction" ("id" bigserial primary key, "wallet_id" bigint not null, "kind" "wallet_transaction_kind" not null, "status" "wallet_transaction_status" not null, "amount" bigint not null, "currency" char(3) not null, "counterparty_user_id" bigint null, "addressed_to" varchar(320) null, "reference" varchar(200) null, "memo" varchar(1000) not null default '', "entry_id" bigint not null, "withdrawal_id" bigint null, "payout_id" bigint null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "wallet_transaction_wallet_id_index" on "wallet_transaction" ("wallet_id", "id");`);
    this.addSql(`create index "wallet_transaction_withdrawal_index" on "wallet_transaction" ("withdrawal_id");`);
    this.addSql(`create index "wallet_transaction_payout_index" on "wallet_transaction" ("payout_id");`);

    // A bank reference is credited once: a second deposit with it is refused (EXTERNAL_REFERENCE_TAKEN).
    this.addSql(`create unique index "wallet_transaction_deposit_reference_unique" on "wallet_transaction" ("currency", "reference") where kind = 'DEPOSIT';`);

    this.addSql(`alter table "payout_run" add constraint "payout_run_started_by_fk" foreign key ("started_by_id") references "folio_user" ("id") on update no action on delete set null;`);

    this.addSql(`alter table "wallet" add constraint "wallet_user_fk" foreign key ("user_id") references "folio_user" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "wallet" add constraint "wallet_account_fk" foreign key ("account_id") references "ledger_account" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "disbursement" add constraint "disbursement_wallet_fk" foreign key ("wallet_id") references "wallet" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "disbursement" add constraint "disbursement_user_fk" foreign key ("user_id") references "folio_user" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "disbursement" add constraint "disbursement_hold_entry_fk" foreign key ("hold_entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "disbursement" add constraint "disbursement_amounts_check" check (amount > 0 and fee >= 0);`);

    this.addSql(`alter table "disbursement_status_change" add constraint "disbursement_status_change_disbursement_fk" foreign key ("disbursement_id") references "disbursement" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "disbursement_status_change" add constraint "disbursement_status_change_user_fk" foreign key ("user_id") references "folio_user" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_wallet_fk" foreign key ("wallet_id") references "wallet" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_counterparty_fk" foreign key ("counterparty_user_id") references "folio_user" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_entry_fk" foreign key ("entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "wallet_transaction" add constraint "wallet_transaction_amount_check" check (amount > 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "disbursement" drop constraint "disbursement_wallet_fk";`);
    this.addSql(`alter table "wallet_transaction" drop constraint "wallet_transaction_wallet_fk";`);
    this.addSql(`alter table "disbursement_status_change" drop constraint "disbursement_status_change_disbursement_fk";`);

    this.addSql(`drop table if exists "simulated_processor_payment" cascade;`);
    this.addSql(`drop table if exists "payout_run" cascade;`);
    this.addSql(`drop table if exists "wallet" cascade;`);
    this.addSql(`drop table if exists "disbursement" cascade;`);
    this.addSql(`drop table if exists "disbursement_status_change" cascade;`);
    this.addSql(`drop table if exists "wallet_transaction" cascade;`);

    this.addSql(`drop type "payout_run_state";`);
    this.addSql(`drop type "disbursement_kind";`);
    this.addSql(`drop type "disbursement_state";`);
    this.addSql(`drop type "wallet_transaction_kind";`);
    this.addSql(`drop type "wallet_transaction_status";`);
  }

}
