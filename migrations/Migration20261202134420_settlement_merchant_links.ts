import { Migration } from '@mikro-orm/migrations';

/** Merchants' ids at processors (src/settlement/merchant-link.entity.ts). */
export class Migration20261202134420_settlement_merchant_links extends Migration {

  override name = 'Migration20261202134420_settlement_merchant_links';

  override up(): void | Promise<void> {
    this.addSql(`create table "settlement_merchant_link" ("id" bigserial primary key, "merchant_id" bigint not null, "processor_id" bigint not null, "external_id" varchar(200) not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "settlement_merchant_link" add constraint "settlement_merchant_link_external_unique" unique ("processor_id", "external_id");`);
    this.addSql(`alter table "settlement_merchant_link" add constraint "settlement_merchant_link_merchant_unique" unique ("merchant_id", "processor_id");`);

    this.addSql(`alter table "settlement_merchant_link" add constraint "settlement_merchant_link_merchant_fk" foreign key ("merchant_id") references "merchant" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_merchant_link" add constraint "settlement_merchant_link_processor_fk" foreign key ("processor_id") references "settlement_processor" ("id") on update no action on delete no action;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "settlement_merchant_link" cascade;`);
  }

}
