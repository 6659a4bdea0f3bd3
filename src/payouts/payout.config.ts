import { intVar } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    /** The smallest payout, in minor units. */
    payoutMinimum: bigint;
    /** How long a requested payout waits (and can be cancelled) before it is processed. */
    payoutCancelWindowSeconds: number;
  }
}

/** The payouts module's settings: PAYOUT_MINIMUM, PAYOUT_CANCEL_WINDOW_SECONDS. */
export function payoutConfig(env: NodeJS.ProcessEnv) {
  return {
    payoutMinimum: BigInt(intVar(env, 'PAYOUT_MINIMUM', 1_000, 1, Number.MAX_SAFE_INTEGER)),
    payoutCancelWindowSeconds: intVar(env, 'PAYOUT_CANCEL_WINDOW_SECONDS', 60, 0, 7 * 86_400),
  };
}
