import { Migration } from '@mikro-orm/migrations';

/**
 * Refunds by the processor's refund id, so one sent again under a new event id posts once. The
 * refunds applied before this table existed are recorded from their stored events (the first
 * event of each refund id, should a refund have posted twice already). The status is compared as
 * text: on a new database the migrations run in one transaction, and 'APPLIED', added by an earlier
 * one, is not yet committed for use as an enum literal.
 */
export class Migration20261204012550_settlement_refunds extends Migration {

  override name = 'Migration20261204012550_settlement_refunds';

  override up(): void | Promise<void> {
    this.addSql(`create table "settlement_refund" ("id" bigserial primary key, "processor_id" bigint not null, "refund_id" varchar(200) not null, "charge_row_id" bigint not null, "amount" bigint not null, "event_id" bigint not null);`);
    this.addSql(`alter table "settlement_refund" add constraint "settlement_refund_unique" unique ("processor_id", "refund_id");`);

    this.addSql(`alter table "settlement_refund" add constraint "settlement_refund_processor_fk" foreign key ("processor_id") references "settlement_processor" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_refund" add constraint "settlement_refund_charge_fk" foreign key ("charge_row_id") references "settlement_charge" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "settlement_refund" add constraint "settlement_refund_event_fk" foreign key ("event_id") references "settlement_processor_event" ("id") on update no action on delete no action;`);
    this.addSql(`insert into "settlement_refund" ("processor_id", "refund_id", "charge_row_id", "amount", "event_id")
      select distinct on (e.processor_id, d.data->>'id') e.processor_id, d.data->>'id', c.id, (d.data->>'amount')::bigint, e.id
      from "settlement_processor_event" e
      cross join lateral (select convert_from(e.raw_body, 'UTF8')::jsonb->'data' as data) d
      join "settlement_charge" c on c.processor_id = e.processor_id and c.charge_id = d.data->>'charge'
      where e.type = 'refund.succeeded' and e.status::text = 'APPLIED'
      order by e.processor_id, d.data->>'id', e.id;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "settlement_refund" cascade;`);
  }

}
