import { Migration } from '@mikro-orm/migrations';

/** A payer's statement version: raised by every change to its invoices or payments, it keys the cached statements. */
export class Migration20261204023953_billing_statement_versions extends Migration {

  override name = 'Migration20261204023953_billing_statement_versions';

  override up(): void | Promise<void> {
    this.addSql(`alter table "billing_payer" add "statement_version" bigint not null default '0';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "billing_payer" drop column "statement_version";`);
  }

}
