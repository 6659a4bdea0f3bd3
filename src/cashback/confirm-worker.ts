import type { Registry } from 'prom-client';
import { logger } from '../platform/logger.js';
import { PollingWorker } from '../platform/worker.js';
import { cashbackLimits } from './cashback.config.js';
import { CashbackError } from './cashback.errors.js';
import type { PurchaseChangeService } from './purchase-changes.service.js';

/**
 * Confirms purchases that have been PENDING for CASHBACK_CONFIRMATION_DAYS (the return window), by
 * the module's clock. Restart-safe and idempotent: it keeps no state, each confirmation commits on
 * its own under the purchase's lock, and a purchase confirmed or reversed meanwhile is skipped.
 * Any number of gateways may run it.
 */
export class ConfirmWorker extends PollingWorker {
  constructor(private readonly changes: PurchaseChangeService, registry?: Registry, intervalMs: number = cashbackLimits.confirmPollIntervalMs) {
    super({ name: 'cashback-confirm-worker', intervalMs, passOnStart: true, registry });
  }

  protected async pass(): Promise<boolean> {
    const due = await this.changes.due(cashbackLimits.confirmBatchMax);
    let confirmed = 0;
    for (const id of due) {
      try {
        await this.changes.confirm({ id, memberScope: undefined, idempotencyKey: null });
        confirmed += 1;
      } catch (error) {
        // Another gateway (or a merchant, or a reversal) changed it first: nothing left to do.
        if (error instanceof CashbackError && (error.code === 'PURCHASE_NOT_PENDING' || error.code === 'PURCHASE_ALREADY_REVERSED')) continue;
        throw error;
      }
    }
    if (confirmed > 0) logger.info({ confirmed }, 'cashback confirmed after the return window');
    // A full batch of which some were confirmed: more may be due. One that confirmed none must not spin.
    return due.length === cashbackLimits.confirmBatchMax && confirmed > 0;
  }
}
