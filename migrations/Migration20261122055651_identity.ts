import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055651_identity extends Migration {

  override name = 'Migration20261122055651_identity';

  override up(): void | Promise<void> {
    this.addSql(`create type "user_role" as enum ('ADMIN', 'FINANCE', 'MERCHANT', 'CUSTOMER');`);
    this.addSql(`create type "user_status" as enum ('ACTIVE', 'DISABLED');`);
    this.addSql(`create table "folio_user" ("id" bigserial primary key, "email" varchar(254) not null, "password_hash" varchar(255) not null, "role" "user_role" not null, "status" "user_status" not null default 'ACTIVE', "token_version" int not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "folio_user" add constraint "folio_user_email_unique" unique ("email");`);

    this.addSql(`create table "refresh_token" ("id" bigserial primary key, "token_hash" char(64) not null, "user_id" bigint not null, "family_id" uuid not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_token_user_id_index" on "refresh_token" ("user_id");`);
    this.addSql(`create index "refresh_token_family_id_index" on "refresh_token" ("family_id");`);

    this.addSql(`create table "api_key" ("id" bigserial primary key, "public_id" varchar(32) not null, "secret_hash" char(64) not null, "name" varchar(200) not null, "roles" text[] not null, "user_id" bigint null, "created_by_id" bigint null, "created_at" timestamptz not null default now(), "last_used_at" timestamptz null, "revoked_at" timestamptz null);`);
    this.addSql(`alter table "api_key" add constraint "api_key_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "api_key_user_id_index" on "api_key" ("user_id");`);

    this.addSql(`alter table "ledger_account" add "owner_id" bigint null;`);
    this.addSql(`alter table "ledger_account" add constraint "ledger_account_owner_fk" foreign key ("owner_id") references "folio_user" ("id") on update no action on delete no action;`);
    this.addSql(`create index "ledger_account_owner_id_index" on "ledger_account" ("owner_id");`);

    this.addSql(`alter table "refresh_token" add constraint "refresh_token_user_fk" foreign key ("user_id") references "folio_user" ("id") on update no action on delete cascade;`);

    this.addSql(`alter table "api_key" add constraint "api_key_user_fk" foreign key ("user_id") references "folio_user" ("id") on update no action on delete cascade;`);
    this.addSql(`alter table "api_key" add constraint "api_key_created_by_fk" foreign key ("created_by_id") references "folio_user" ("id") on update no action on delete set null;`);
    this.addSql(`alter table "api_key" add constraint "api_key_roles_check" check (cardinality(roles) >= 1 and roles <@ array['ADMIN', 'FINANCE', 'MERCHANT', 'CUSTOMER']::text[]);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "refresh_token" drop constraint "refresh_token_user_fk";`);
    this.addSql(`alter table "api_key" drop constraint "api_key_user_fk";`);
    this.addSql(`alter table "api_key" drop constraint "api_key_created_by_fk";`);
    this.addSql(`alter table "ledger_account" drop constraint "ledger_account_owner_fk";`);

    this.addSql(`drop table if exists "folio_user" cascade;`);
    this.addSql(`drop table if exists "refresh_token" cascade;`);
    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop index "ledger_account_owner_id_index";`);
    this.addSql(`alter table "ledger_account" drop column "owner_id";`);

    this.addSql(`drop type "user_role";`);
    this.addSql(`drop type "user_status";`);
  }

}
