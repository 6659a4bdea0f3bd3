import type { MikroORM } from '@mikro-orm/postgresql';
import { AccountType, NegativeBalancePolicy, type LedgerService } from '../ledger/index.js';

/** The platform's own accounts behind every wallet, one set per currency. */
export enum SystemAccount {
  /** Cash at the bank: deposits arrive here and withdrawals and payouts leave from here. */
  BANK = 'bank',
  /** Withdrawals held in wallets until the processor pays them. */
  WITHDRAWALS_IN_FLIGHT = 'withdrawals-in-flight',
  /** Payouts held in wallets until the processor pays them. */
  PAYOUTS_CLEARING = 'payouts-clearing',
  /** Fees the platform earned. */
  FEE_REVENUE = 'fee-revenue',
}

const specs: Record<SystemAccount, { name: string; type: AccountType; negativeBalance: NegativeBalancePolicy }> = {
  // An asset that may go negative: other modules (cashback) fund wallets from expenses, not deposits,
  // so paying them out can overdraw what deposits brought in; the ledger should record that, not refuse it.
  [SystemAccount.BANK]: { name: 'Cash at bank', type: AccountType.ASSET, negativeBalance: NegativeBalancePolicy.ALLOW },
  // Clearing accounts only ever hold what wallets put in; FORBID catches a bug that would drain them.
  [SystemAccount.WITHDRAWALS_IN_FLIGHT]: { name: 'Withdrawals in flight', type: AccountType.LIABILITY, negativeBalance: NegativeBalancePolicy.FORBID },
  [SystemAccount.PAYOUTS_CLEARING]: { name: 'Payouts clearing', type: AccountType.LIABILITY, negativeBalance: NegativeBalancePolicy.FORBID },
  [SystemAccount.FEE_REVENUE]: { name: 'Fee revenue', type: AccountType.REVENUE, negativeBalance: NegativeBalancePolicy.FORBID },
};

/** `system:bank:usd`: postings name system accounts by code, which the ledger resolves under lock. */
export function systemAccountCode(account: SystemAccount, currency: string): string {
  return `system:${account}:${currency.toLowerCase()}`;
}

/** Opens every system account of every wallet currency, idempotently (at each start). */
export async function openSystemAccounts(orm: MikroORM, ledger: LedgerService, currencies: readonly string[]): Promise<void> {
  for (const currency of currencies) {
    for (const account of Object.values(SystemAccount)) {
      const spec = specs[account];
      await ledger.ensureAccount(orm.em.fork(), {
        code: systemAccountCode(account, currency), name: `${spec.name} (${currency})`, type: spec.type, currency,
        negativeBalance: spec.negativeBalance, metadata: { system: account },
      });
    }
  }
}
