import { ServiceUnavailableError } from '../platform/db/unavailable.js';

/**
 * Lets at most `width` tasks of one key run at once; the others wait here, in memory, in arrival
 * order. The recording of purchases uses it per merchant and currency: every purchase of a merchant
 * locks its cashback receivable, so past a few in flight the rest would only wait on that row lock
 * while each held a pooled connection, starving the pool for everything else until requests failed
 * with SERVICE_UNAVAILABLE. It is per process: across gateways the row locks still decide, and this
 * only keeps one gateway's connections for work that can progress.
 */
export class KeyedGate {
  private readonly keys = new Map<string, { running: number; waiting: (() => void)[] }>();

  /** At most `waitingMax` tasks of one key wait; one more is refused at once with SERVICE_UNAVAILABLE (retry later). */
  constructor(private readonly width: number, private readonly waitingMax: number, private readonly what = 'tasks') {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    let slot = this.keys.get(key);
    if (!slot) {
      slot = { running: 0, waiting: [] };
      this.keys.set(key, slot);
    }
    if (slot.running < this.width) slot.running += 1;
    else if (slot.waiting.length >= this.waitingMax) throw new ServiceUnavailableError(`too many ${this.what} are waiting`);
    else await new Promise<void>((resolve) => slot.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // A waiter takes the finished task's place; with none, the key's slot shrinks and goes.
      const next = slot.waiting.shift();
      if (next) next();
      else if (--slot.running === 0) this.keys.delete(key);
    }
  }
}
