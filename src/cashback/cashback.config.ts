import { intVar } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    /** The return window: a purchase PENDING this long is confirmed by the worker. */
    cashbackConfirmationDays: number;
  }
}

/** The cashback module's settings: CASHBACK_CONFIRMATION_DAYS. */
export function cashbackConfig(env: NodeJS.ProcessEnv) {
  return { cashbackConfirmationDays: intVar(env, 'CASHBACK_CONFIRMATION_DAYS', 30, 0, 365) };
}

/** The module's limits, units last. */
export const cashbackLimits = {
  /** Active offers of one merchant and currency looked at per purchase (the oldest first). */
  offersPerPurchaseMax: 100,
  /** Purchases the worker confirms per pass. */
  confirmBatchMax: 100,
  /** How often the worker looks for purchases due. */
  confirmPollIntervalMs: 60_000,
  /** The external id's length. */
  externalIdLengthMax: 200,
  /**
   * Batches of one merchant's recordings (one currency) in flight at once, per gateway. One: every
   * batch of the merchant locks its receivable, so a second would mostly wait on that lock holding
   * a connection (measured: 1,009 purchases/s with two lanes, 1,141 with one; bench/README.md).
   */
  recordingLanesPerMerchant: 1,
  /** Purchases recorded in one transaction at most. */
  recordingBatchMax: 100,
  /** Recordings of one merchant and currency that may wait for a batch on one gateway; more are refused with SERVICE_UNAVAILABLE. */
  recordingsWaitingPerMerchant: 1_000,
  /** A reversal's reason. */
  reasonLengthMax: 500,
} as const;
