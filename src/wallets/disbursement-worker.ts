import type { Registry } from 'prom-client';
import { limits } from '../platform/limits.js';
import { logger } from '../platform/logger.js';
import type { PaymentProcessor, PaymentStatus } from '../platform/payments/payment-processor.js';
import { PollingWorker } from '../platform/worker.js';
import { processorReferenceOf, type DisbursementRow, type DisbursementService } from './disbursement.service.js';

/**
 * Sends withdrawals and payouts to the payment processor and applies its answers. Each step is
 * committed before the next starts (marked PROCESSING, then sent, then settled), so a crash leaves
 * a disbursement PROCESSING at worst; at start, and every disbursementRecheckMs after, the worker
 * asks the processor about those: a final answer settles it, PENDING waits, and UNKNOWN (the
 * processor never got it: the crash came before the send) sends it again under the same
 * reference. Any number of gateways may run a worker: claims skip rows another holds, and
 * settling is idempotent.
 */
export class DisbursementWorker extends PollingWorker {
  /** At start every PROCESSING disbursement is looked at, however recent. */
  private reconcileAll = true;

  constructor(private readonly service: DisbursementService, private readonly processor: PaymentProcessor, registry?: Registry) {
    super({ name: 'disbursement-worker', intervalMs: limits.disbursementPollIntervalMs, passOnStart: true, registry });
  }

  /** Sends what is ready and rechecks what is due; more waits when a whole batch was claimed. */
  protected async pass(): Promise<boolean> {
    const claimed = await this.service.claimReady(limits.disbursementBatchMax);
    await Promise.all(claimed.map((row) => this.send(row)));
    const before = this.reconcileAll ? new Date() : new Date(Date.now() - limits.disbursementRecheckMs);
    this.reconcileAll = false;
    const due = await this.service.processingSince(before, limits.disbursementBatchMax);
    await Promise.all(due.map((row) => this.check(row)));
    return claimed.length === limits.disbursementBatchMax;
  }

  private async send(row: DisbursementRow): Promise<void> {
    try {
      const status = await this.processor.submit({
        reference: processorReferenceOf(row), amount: BigInt(row.amount), currency: row.currency, destination: row.destination,
      });
      await this.apply(row, status);
    } catch (error) {
      // Left PROCESSING: the recheck asks the processor, and resends if it never got it.
      logger.warn({ err: error, disbursementId: row.id }, 'payment processor call failed; will ask again');
    }
  }

  private async check(row: DisbursementRow): Promise<void> {
    try {
      const status = await this.processor.lookup(processorReferenceOf(row));
      if (status.status === 'UNKNOWN') return await this.send(row);
      await this.apply(row, status);
    } catch (error) {
      logger.warn({ err: error, disbursementId: row.id }, 'payment processor lookup failed; will ask again');
    }
  }

  private async apply(row: DisbursementRow, status: PaymentStatus): Promise<void> {
    if (status.status === 'SUCCEEDED' || status.status === 'FAILED') await this.service.settle(row.id, row.attempt, status);
    else await this.service.touch(row.id);
  }
}
