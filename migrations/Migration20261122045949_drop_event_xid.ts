import { Migration } from '@mikro-orm/migrations';

export class Migration20261122045949_drop_event_xid extends Migration {

  override name = 'Migration20261122045949_drop_event_xid';

  override up(): void | Promise<void> {
    this.addSql(`alter table "ledger_event" drop column "xid";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "ledger_event" add "xid" xid8 not null default pg_current_xact_id();`);
  }

}
