import { Migration } from '@mikro-orm/migrations';

/** Events to NATS JetStream: the last outbox sequence the broker acknowledged, which the retention keeps above. */

export class Migration20261204191706_broker_published_through extends Migration {

  override name = 'Migration20261204191706_broker_published_through';

  override up(): void | Promise<void> {
    this.addSql(`alter table "ledger_event_retention" add "broker_published_through" bigint null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "ledger_event_retention" drop column "broker_published_through";`);
  }

}
