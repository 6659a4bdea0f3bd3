import { Migration } from '@mikro-orm/migrations';

/**
 * Billing (School Payments): payers of organisations (merchants) and their guardians, invoices with
 * their lines, and payments against them.
 */
export class Migration20261204022303_billing extends Migration {

  override name = 'Migration20261204022303_billing';

  override up(): void | Promise<void> {
    this.addSql(`create type "billing_payer_status" as enum ('ACTIVE', 'ARCHIVED');`);
    this.addSql(`create type "billing_invoice_status" as enum ('PENDING', 'PARTIALLY_PAID', 'PAID', 'VOID');`);
    this.addSql(`create type "billing_payment_method" as enum ('EXTERNAL');`);
    this.addSql(`create table "billing_payer" ("id" bigserial primary key, "merchant_id" bigint not null, "name" varchar(200) not null, "reference" varchar(100) null, "status" "billing_payer_status" not null, "created_at" timestamptz not null default now(), "archived_at" timestamptz null);`);
    this.addSql(`create index "billing_payer_merchant_index" on "billing_payer" ("merchant_id", "id");`);
    this.addSql(`alter table "billing_payer" add constraint "billing_payer_reference_unique" unique ("merchant_id", "reference");`);

    this.addSql(`create table "billing_invoice" ("id" bigserial primary key, "merchant_id" bigint not null, "payer_id" bigint not null, "number" varchar(64) not null, "request_hash" varchar(64) not null, "currency" varchar(3) not null, "total" bigint not null, "paid" bigint not null default '0', "status" "billing_invoice_status" not null, "issued_at" timestamptz not null, "due_at" timestamptz not null, "memo" varchar(500) not null default '', "entry_id" bigint null, "void_entry_id" bigint null, "voided_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "billing_invoice_merchant_index" on "billing_invoice" ("merchant_id", "id");`);
    this.addSql(`create index "billing_invoice_payer_index" on "billing_invoice" ("payer_id", "id");`);
    this.addSql(`alter table "billing_invoice" add constraint "billing_invoice_number_unique" unique ("merchant_id", "number");`);

    this.addSql(`create table "billing_payment" ("id" bigserial primary key, "invoice_id" bigint not null, "amount" bigint not null, "method" "billing_payment_method" not null, "reference" varchar(500) not null default '', "idempotency_key" varchar(200) not null, "request_hash" varchar(64) not null, "entry_id" bigint null, "recorded_by_id" bigint null, "paid_at" timestamptz not null);`);
    this.addSql(`alter table "billing_payment" add constraint "billing_payment_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "billing_payment_invoice_index" on "billing_payment" ("invoice_id", "id");`);

    this.addSql(`create table "billing_invoice_line" ("id" bigserial primary key, "invoice_id" bigint not null, "position" int not null, "description" varchar(200) not null, "quantity" int not null, "unit_amount" bigint not null, "amount" bigint not null);`);
    this.addSql(`alter table "billing_invoice_line" add constraint "billing_invoice_line_unique" unique ("invoice_id", "position");`);

    this.addSql(`create table "billing_guardian" ("id" bigserial primary key, "payer_id" bigint not null, "user_id" bigint not null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "billing_guardian_user_index" on "billing_guardian" ("user_id");`);
    this.addSql(`alter table "billing_guardian" add constraint "billing_guardian_unique" unique ("payer_id", "user_id");`);

    this.addSql(`alter table "billing_payer" add constraint "billing_payer_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "billing_invoice" add constraint "billing_invoice_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "billing_invoice" add constraint "billing_invoice_payer_fk" foreign key ("payer_id") references "billing_payer" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "billing_invoice" add constraint "billing_invoice_entry_fk" foreign key ("entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "billing_invoice" add constraint "billing_invoice_void_entry_fk" foreign key ("void_entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "billing_payment" add constraint "billing_payment_invoice_fk" foreign key ("invoice_id") references "billing_invoice" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "billing_payment" add constraint "billing_payment_entry_fk" foreign key ("entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "billing_invoice_line" add constraint "billing_invoice_line_invoice_fk" foreign key ("invoice_id") references "billing_invoice" ("id") on update no action on delete no action;`);

    this.addSql(`alter table "billing_guardian" add constraint "billing_guardian_payer_fk" foreign key ("payer_id") references "billing_payer" ("id") on update no action on delete cascade;`);
    this.addSql(`alter table "billing_guardian" add constraint "billing_guardian_user_fk" foreign key ("user_id") references "folio_user" ("id") on update no action on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "billing_invoice" drop constraint "billing_invoice_payer_fk";`);
    this.addSql(`alter table "billing_guardian" drop constraint "billing_guardian_payer_fk";`);
    this.addSql(`alter table "billing_payment" drop constraint "billing_payment_invoice_fk";`);
    this.addSql(`alter table "billing_invoice_line" drop constraint "billing_invoice_line_invoice_fk";`);

    this.addSql(`drop table if exists "billing_payer" cascade;`);
    this.addSql(`drop table if exists "billing_invoice" cascade;`);
    this.addSql(`drop table if exists "billing_payment" cascade;`);
    this.addSql(`drop table if exists "billing_invoice_line" cascade;`);
    this.addSql(`drop table if exists "billing_guardian" cascade;`);

    this.addSql(`drop type "billing_payer_status";`);
    this.addSql(`drop type "billing_invoice_status";`);
    this.addSql(`drop type "billing_payment_method";`);
  }

}
