// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The wallets module's public surface: other modules import it through this file only.
import type { DisbursementService } from './disbursement.service.js';
import type { DisbursementWorker } from './disbursement-worker.js';
import type { WalletQueries } from './wallet.queries.js';
import type { WalletService } from './wallet.service.js';
import type { WithdrawalService } from './withdrawal.service.js';

/** The wallets module's long-lived services, as resolvers reach them (`context.wallets`). */
export interface WalletModule {
  service: WalletService;
  withdrawals: WithdrawalService;
  disbursements: DisbursementService;
  queries: WalletQueries;
  /** Sends withdrawals and payouts to the payment processor. */
  worker: DisbursementWorker;
}

export { WalletService, type WalletRow, type WalletTransactionRow, type NewLine } from './wallet.service.js';
export { WalletQueries, type DisbursementFilter, type StatusChangeRow } from './wallet.queries.js';
export { Wallet, WalletTransaction } from './wallet.type.js';
export { disbursementUpdates } from './wallet.subscription.js';
export { DisbursementService, disbursementEventType, type DisbursementRow, type OpenCommand } from './disbursement.service.js';
export { DisbursementWorker } from './disbursement-worker.js';
export { WithdrawalService } from './withdrawal.service.js';
export { WalletError, walletErrorCodes } from './wallet.errors.js';
export { openSystemAccounts, SystemAccount, systemAccountCode } from './system-accounts.js';
export { checkClientKey, scopedKey } from './keys.js';
export { DisbursementKind, DisbursementState, publicStatusNames, WalletTransactionKind, WalletTransactionStatus } from './wallets.enums.js';
export { walletsModule } from './wallet.module.js';
