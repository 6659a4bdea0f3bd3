import { Migration } from '@mikro-orm/migrations';

/**
 * Invoices paid from a guardian's wallet: the payment method and the wallet's line of history.
 * PostgreSQL cannot drop enum values, so `down` leaves both in their types.
 */
export class Migration20261204025501_billing_wallet_payments extends Migration {

  override name = 'Migration20261204025501_billing_wallet_payments';

  override up(): void | Promise<void> {
    this.addSql(`alter type "billing_payment_method" add value if not exists 'WALLET' after 'EXTERNAL';`);

    this.addSql(`alter type "wallet_transaction_kind" add value if not exists 'INVOICE_PAYMENT' after 'CASHBACK_CLAWBACK';`);
  }

}
