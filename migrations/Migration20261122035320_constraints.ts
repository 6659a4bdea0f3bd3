import { Migration } from '@mikro-orm/migrations';

/**
 * What the entity definitions cannot say: foreign keys between the ledger's tables, the checks that
 * keep money columns sane even against a bug, and the relay's index of unnumbered events.
 */
export class Migration20261122035320_constraints extends Migration {
  override name = 'Migration20261122035320_constraints';

  override up(): void {
    this.addSql(`alter table ledger_account add constraint ledger_account_parent_fk foreign key (parent_id) references ledger_account (id);`);
    this.addSql(`alter table ledger_account add constraint ledger_account_totals_check check (posted_debits >= 0 and posted_credits >= 0 and pending_debits >= 0 and pending_credits >= 0);`);
    this.addSql(`alter table ledger_account add constraint ledger_account_currency_check check (currency ~ '^[A-Z]{3}$');`);
    this.addSql(`alter table ledger_entry add constraint ledger_entry_pending_fk foreign key (pending_entry_id) references ledger_entry (id);`);
    this.addSql(`alter table ledger_entry add constraint ledger_entry_reverses_fk foreign key (reverses_entry_id) references ledger_entry (id);`);
    this.addSql(`alter table ledger_posting add constraint ledger_posting_entry_fk foreign key (entry_id) references ledger_entry (id);`);
    this.addSql(`alter table ledger_posting add constraint ledger_posting_account_fk foreign key (account_id) references ledger_account (id);`);
    this.addSql(`alter table ledger_posting add constraint ledger_posting_amount_check check (amount > 0);`);
    // Deferred: a claim reserves its entry id before the entry row exists, in the same transaction.
    this.addSql(`alter table ledger_idempotency add constraint ledger_idempotency_entry_fk foreign key (entry_id) references ledger_entry (id) deferrable initially deferred;`);
    this.addSql(`create index ledger_event_unnumbered_idx on ledger_event (id) where seq is null;`);
  }

  override down(): void {
    this.addSql(`drop index if exists ledger_event_unnumbered_idx;`);
    this.addSql(`alter table ledger_idempotency drop constraint ledger_idempotency_entry_fk;`);
    this.addSql(`alter table ledger_posting drop constraint ledger_posting_amount_check, drop constraint ledger_posting_account_fk, drop constraint ledger_posting_entry_fk;`);
    this.addSql(`alter table ledger_entry drop constraint ledger_entry_reverses_fk, drop constraint ledger_entry_pending_fk;`);
    this.addSql(`alter table ledger_account drop constraint ledger_account_currency_check, drop constraint ledger_account_totals_check, drop constraint ledger_account_parent_fk;`);
  }
}
