// The ledger accounts billing posts to. README "Billing" shows every entry.
import { AccountType, NegativeBalancePolicy, type LedgerTransaction } from '../ledger/index.js';
import { BillingAccount } from './billing.enums.js';

/** `payer:7:receivable:usd`, `merchant:3:billing-revenue:usd`, `merchant:3:billing-cash:usd`. */
export function billingAccount(kind: BillingAccount, ids: { merchantId: string; payerId: string }, currency: string): string {
  const cur = currency.toLowerCase();
  return kind === BillingAccount.RECEIVABLE ? `payer:${ids.payerId}:receivable:${cur}` : `merchant:${ids.merchantId}:billing-${kind}:${cur}`;
}

const specs: Record<BillingAccount, { type: AccountType; name: string; negativeBalance: NegativeBalancePolicy }> = {
  // Payments are never above what remains, so a payer's receivable never goes below zero: the ledger enforces it too.
  [BillingAccount.RECEIVABLE]: { type: AccountType.ASSET, name: 'Receivable from payer', negativeBalance: NegativeBalancePolicy.FORBID },
  [BillingAccount.REVENUE]: { type: AccountType.REVENUE, name: 'Invoiced revenue', negativeBalance: NegativeBalancePolicy.ALLOW },
  [BillingAccount.CASH]: { type: AccountType.ASSET, name: 'Payments received outside Folio', negativeBalance: NegativeBalancePolicy.ALLOW },
};

/** Opens the accounts `kinds` of an organisation and payer in a currency where they are new, in the caller's transaction; returns their codes. */
export async function openBillingAccounts(tx: LedgerTransaction, ids: { merchantId: string; payerId: string }, currency: string, kinds: readonly BillingAccount[]): Promise<string[]> {
  const codes: string[] = [];
  for (const kind of kinds) {
    const code = billingAccount(kind, ids, currency);
    const { type, name, negativeBalance } = specs[kind];
    const owner = kind === BillingAccount.RECEIVABLE ? `payer ${ids.payerId}` : `organisation ${ids.merchantId}`;
    await tx.ensureAccount({ code, name: `${name}, ${owner} (${currency})`, type, currency, negativeBalance, metadata: kind === BillingAccount.RECEIVABLE ? { merchantId: ids.merchantId, payerId: ids.payerId } : { merchantId: ids.merchantId } });
    codes.push(code);
  }
  return codes;
}
