import { Migration } from '@mikro-orm/migrations';

/** The indexes a statement finds each posting's invoice or payment by: the entries that issued, voided or paid it. */
export class Migration20261204023119_billing_statement_indexes extends Migration {

  override name = 'Migration20261204023119_billing_statement_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "billing_invoice_entry_index" on "billing_invoice" ("entry_id");`);
    this.addSql(`create index "billing_invoice_void_entry_index" on "billing_invoice" ("void_entry_id");`);

    this.addSql(`create index "billing_payment_entry_index" on "billing_payment" ("entry_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "billing_invoice_entry_index";`);
    this.addSql(`drop index "billing_invoice_void_entry_index";`);

    this.addSql(`drop index "billing_payment_entry_index";`);
  }

}
