import { intVar } from '../platform/config.js';
import { limits } from '../platform/limits.js';

declare module '../platform/config.js' {
  interface Config {
    /**
     * Balance changes of one account between two of its checkpoints, at most (limits.balanceCheckpointSpanMax
     * by default). It trades the cost of a past balance (at most this many postings read) against
     * that of a backdated entry (it moves every later checkpoint of its accounts). Balances are
     * exact whatever it is; a new value applies to the ranges the ledger cuts from then on.
     */
    ledgerCheckpointSpan: number;
  }
}

/** The ledger's settings: LEDGER_CHECKPOINT_SPAN. */
export function ledgerConfig(env: NodeJS.ProcessEnv) {
  return {
    ledgerCheckpointSpan: intVar(env, 'LEDGER_CHECKPOINT_SPAN', limits.balanceCheckpointSpanMax, 2, 1_000_000),
  };
}
