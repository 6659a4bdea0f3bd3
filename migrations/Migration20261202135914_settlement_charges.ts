import { Migration } from '@mikro-orm/migrations';

/**
 * Charges posted from processor events: APPLIED (with the entry), UNMATCHED and REJECTED (with a
 * note). PostgreSQL cannot drop enum values, so `down` leaves the three in the type.
 */
export class Migration20261202135914_settlement_charges extends Migration {

  override name = 'Migration20261202135914_settlement_charges';

  override up(): void | Promise<void> {
    this.addSql(`alter type "settlement_processor_event_status" add value if not exists 'APPLIED' after 'IGNORED';`);
    this.addSql(`alter type "settlement_processor_event_status" add value if not exists 'UNMATCHED' after 'APPLIED';`);
    this.addSql(`alter type "settlement_processor_event_status" add value if not exists 'REJECTED' after 'UNMATCHED';`);
    this.addSql(`alter table "settlement_processor_event" add "entry_id" bigint null, add "note" varchar(500) null;`);
    this.addSql(`alter table "settlement_processor_event" add constraint "settlement_processor_event_entry_fk" foreign key ("entry_id") references "ledger_entry" ("id") on update no action on delete no action;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "settlement_processor_event" drop constraint "settlement_processor_event_entry_fk";`);

    this.addSql(`alter table "settlement_processor_event" drop column "entry_id", drop column "note";`);
  }

}
