import { Migration } from '@mikro-orm/migrations';

/**
 * The counters of rate-limiter-flexible's PostgreSQL store, shared by every gateway process.
 * Unlogged: counters are worth nothing after a crash, and skipping the WAL keeps the per-request
 * upsert cheap. The layout is the library's own (it is told the table exists).
 */
export class Migration20261122055657_rate_limit extends Migration {

  override name = 'Migration20261122055657_rate_limit';

  override up(): void | Promise<void> {
    this.addSql(`create unlogged table "rate_limit" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);
    this.addSql(`create index "rate_limit_expire_index" on "rate_limit" ("expire");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limit";`);
  }

}
