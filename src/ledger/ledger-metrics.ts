import { Counter, type Registry } from 'prom-client';
import type { OpResult } from './ledger-ops.js';

/**
 * What a finance dashboard graphs of the ledger's flow, per currency and per module (the module
 * whose call it was: `api` for the GraphQL API's own entries): entries created and the minor units
 * they moved (their debits). Counted by each gateway as its transactions commit; sum over gateways.
 */
export class LedgerFlowMetrics {
  private readonly entries: Counter;
  private readonly volume: Counter;

  constructor(registry: Registry) {
    const labelNames = ['currency', 'module'];
    this.entries = new Counter({ name: 'folio_ledger_entries_total', help: 'Journal entries created, by currency (an entry in two counts in both) and module.', labelNames, registers: [registry] });
    this.volume = new Counter({
      name: 'folio_ledger_volume_total', help: 'Minor units the created entries moved (the sum of their debits), by currency and module; a float, so exact below 2^53.',
      labelNames, registers: [registry],
    });
  }

  /** The results of a committed transaction. */
  committed(results: readonly OpResult[]): void {
    for (const result of results) {
      if (!('volume' in result) || !result.volume || result.replayed) continue;
      for (const [currency, amount] of result.volume.debits) {
        const labels = { currency, module: result.volume.origin };
        this.entries.inc(labels);
        this.volume.inc(labels, Number(amount));
      }
    }
  }
}
