import { dataDirOf, intVar, secretVar } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    /**
     * The key that encrypts processors' webhook signing secrets at rest (they must be read back to
     * verify signatures, so they cannot be hashed): SETTLEMENT_SECRETS_KEY, or a development key
     * under the data dir.
     */
    settlementSecretsKey: string;
    /** Hours from a charge until its net is available to pay out, unless the merchant's terms say otherwise. */
    settlementMaturityHours: number;
    /** The least a settlement payout run pays a merchant (minor units), unless the run or the merchant's terms say otherwise. */
    settlementPayoutMinimum: number;
  }
}

/** The settlement module's settings: SETTLEMENT_SECRETS_KEY, SETTLEMENT_MATURITY_HOURS, SETTLEMENT_PAYOUT_MINIMUM. */
export function settlementConfig(env: NodeJS.ProcessEnv) {
  return {
    settlementSecretsKey: secretVar(env, 'SETTLEMENT_SECRETS_KEY', dataDirOf(env), 'settlement-secrets-key', 32),
    settlementMaturityHours: intVar(env, 'SETTLEMENT_MATURITY_HOURS', 48, 0, settlementLimits.maturityHoursMax),
    settlementPayoutMinimum: intVar(env, 'SETTLEMENT_PAYOUT_MINIMUM', 1, 1, 1_000_000_000),
  };
}

/** The module's limits, units last. */
export const settlementLimits = {
  /** A webhook request's body. */
  webhookBodyBytesMax: 256 * 1024,
  /** How long a processor's previous signing secret stays valid after a rotation. */
  rotationOverlapMs: 24 * 3_600_000,
  /** A processor's name. */
  processorNameLengthMax: 200,
  /** Processors kept in memory per gateway (their decrypted secrets), until they change. */
  processorCacheMax: 1_000,
  /** A maturity window: a year. */
  maturityHoursMax: 8_760,
  /** Charges the maturity worker matures per pass, and events the sweeper applies per pass. */
  workerBatchMax: 100,
  /** How often the maturity worker and the sweeper look for work. */
  workerPollIntervalMs: 30_000,
  /** How long an event stays RECEIVED before the sweeper applies it (its delivery is applying it, or crashed). */
  sweepAfterMs: 30_000,
  /**
   * Batches of one processor's charges applied at once, per gateway. One: each locks the
   * processor's receivable and fee accounts, so a second would mostly wait on those locks holding
   * a connection.
   */
  applyLanesPerProcessor: 1,
  /** Charges applied in one transaction at most. */
  applyBatchMax: 100,
  /** Charges of one processor that may wait for a batch on one gateway; more are answered 503, stored nowhere (the processor retries). */
  applyWaitingPerProcessor: 2_000,
  /** Merchants a payout run considers per page. */
  runPageSize: 100,
  /** Lines of a payout's report returned at most (a payout covering more says so). */
  reportItemsMax: 10_000,
} as const;
