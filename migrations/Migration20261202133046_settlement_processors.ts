import { Migration } from '@mikro-orm/migrations';

/** Payment processors (src/settlement/processor.entity.ts): their webhook slug and sealed signing secrets. */
export class Migration20261202133046_settlement_processors extends Migration {

  override name = 'Migration20261202133046_settlement_processors';

  override up(): void | Promise<void> {
    this.addSql(`create table "settlement_processor" ("id" bigserial primary key, "slug" varchar(64) not null, "name" varchar(200) not null, "sealed_secret" text not null, "sealed_previous_secret" text null, "previous_valid_until" timestamptz null, "secret_version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "settlement_processor" add constraint "settlement_processor_slug_unique" unique ("slug");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "settlement_processor" cascade;`);
  }

}
