import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox's retention floor (src/platform/events/event-retention.entity.ts): one row, made here,
 * starting at 0 because no event has been deleted yet.
 */
export class Migration20261202022814_event_retention extends Migration {

  override name = 'Migration20261202022814_event_retention';

  override up(): void | Promise<void> {
    this.addSql(`create table "ledger_event_retention" ("id" smallint not null default 1, "deleted_through" bigint not null default '0', "updated_at" timestamptz not null default now(), primary key ("id"));`);

    this.addSql(`alter table "ledger_event_retention" add constraint "ledger_event_retention_one_row_check" check (id = 1 and deleted_through >= 0);`);
    this.addSql(`insert into "ledger_event_retention" ("id", "deleted_through") values (1, 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger_event_retention" cascade;`);
  }

}
