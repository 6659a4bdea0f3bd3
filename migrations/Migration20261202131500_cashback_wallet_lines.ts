import { Migration } from '@mikro-orm/migrations';

/**
 * Cashback in a wallet's history (src/wallets/wallets.enums.ts): CASHBACK, money earned (PENDING
 * while held, then COMPLETED or CANCELLED), and CASHBACK_CLAWBACK, money taken back from the wallet.
 * PostgreSQL cannot drop an enum value, so `down` rebuilds the type without them, after deleting
 * the lines that use them.
 */
export class Migration20261202131500_cashback_wallet_lines extends Migration {

  override name = 'Migration20261202131500_cashback_wallet_lines';

  override up(): void | Promise<void> {
    this.addSql(`alter type "wallet_transaction_kind" add value if not exists 'CASHBACK';`);
    this.addSql(`alter type "wallet_transaction_kind" add value if not exists 'CASHBACK_CLAWBACK';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "wallet_transaction" where "kind"::text in ('CASHBACK', 'CASHBACK_CLAWBACK');`);
    this.addSql(`alter type "wallet_transaction_kind" rename to "wallet_transaction_kind_old";`);
    this.addSql(`create type "wallet_transaction_kind" as enum ('DEPOSIT', 'TRANSFER_IN', 'TRANSFER_OUT', 'WITHDRAWAL', 'PAYOUT', 'FEE');`);
    this.addSql(`alter table "wallet_transaction" alter column "kind" type "wallet_transaction_kind" using "kind"::text::"wallet_transaction_kind";`);
    this.addSql(`drop type "wallet_transaction_kind_old";`);
  }
}
