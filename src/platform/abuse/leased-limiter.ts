import { RateLimiterCompatibleAbstract, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { limits } from '../limits.js';

/** One key's points drawn from its shared counter and not yet spent by this process. */
interface Lease {
  /** Points drawn in the counter's current window and not yet spent here. */
  left: number;
  /** Size of the last draw in this window (0 before the first): the next draw doubles it. */
  drawn: number;
  /** When the counter's window ends, by this process's clock; the points drawn end with it. */
  endsAt: number;
  /** The counter had no more points this window: once `left` is spent, this key is refused here. */
  exhausted: boolean;
  /** The draw under way: requests that find no points left wait for it rather than draw their own. */
  drawing?: Promise<void>;
  /** Requests waiting for that draw, the demand the next draw covers. */
  waiting: number;
}

/**
 * A store counter spent in leases, so most requests cost no round trip: when a key has no points
 * left here, one `consume(key, size)` on the shared counter draws a block of them, which this
 * process then hands out one at a time until they are spent or the counter's window ends (unspent
 * points simply expire with it).
 *
 * Points are drawn before they are spent, and a draw that finds the counter short gets only the
 * points it had left, so all processes together never admit more than the limit in a window. What
 * leasing costs is the other way: points drawn by a process whose clients then stop coming are
 * lost to the others until the window ends. So the first draw in a window is one point (or as many
 * as requests are waiting), each next one twice the last, never more than the limit over
 * `leasesPerLimit` (a tenth by default): a process holds unspent at most that, and never more than
 * it has already spent in the window. A limit of fewer points than `leasesPerLimit` is drawn one
 * point at a time, which is exact.
 *
 * Once the counter has no points left for the window, the key is refused from memory until the
 * window ends (no round trips under a flood). If the store fails, its limiter's insurance (a
 * per-process memory limiter) answers the draws instead. Only `consume` is supported: this is
 * rate-limiter-flexible's `RateLimiterCompatibleAbstract` so that BurstyRateLimiter can combine two.
 */
export class LeasedLimiter extends RateLimiterCompatibleAbstract {
  private readonly leases = new Map<string, Lease>();
  private readonly leaseMax: number;
  private readonly windowMs: number;
  private sweptAt = Date.now();

  constructor(private readonly counter: RateLimiterAbstract, leasesPerLimit: number = limits.rateLimitLeasesPerLimit) {
    super();
    this.leaseMax = Math.max(1, Math.floor(counter.points / leasesPerLimit));
    this.windowMs = counter.duration * 1000;
  }

  /** One point of `key`: resolves when it is admitted, rejects with a RateLimiterRes (its wait) when not. */
  override async consume(key: string | number, pointsToConsume = 1): Promise<RateLimiterRes> {
    if (pointsToConsume !== 1) throw new Error('a leased limiter spends one point at a time');
    for (;;) {
      const now = Date.now();
      const lease = this.leaseOf(String(key), now);
      if (lease.left > 0) {
        lease.left -= 1;
        return new RateLimiterRes(lease.left, lease.endsAt - now);
      }
      if (lease.exhausted) throw new RateLimiterRes(0, lease.endsAt - now, this.counter.points + 1);
      if (lease.drawing) {
        // Counted until this request runs again, so a draw started before it does covers it.
        lease.waiting += 1;
        try {
          await lease.drawing;
        } finally {
          lease.waiting -= 1;
        }
      } else {
        lease.drawing = this.draw(String(key), lease).finally(() => { lease.drawing = undefined; });
        await lease.drawing;
      }
    }
  }

  /** Draws the next block of `key`'s points from the shared counter into `lease`. */
  private async draw(key: string, lease: Lease): Promise<void> {
    const size = Math.min(this.leaseMax, Math.max(2 * lease.drawn, lease.waiting + 1));
    // The window's end as of the request, not the answer: a lease never outlives the counter's window.
    const askedAt = Date.now();
    let answer: RateLimiterRes;
    try {
      answer = await this.counter.consume(key, size);
    } catch (rejection) {
      // Over the limit: the counter now counts more than it has, and this draw got what was left.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      answer = rejection;
    }
    const granted = Math.max(0, Math.min(size, this.counter.points - (answer.consumedPoints - size)));
    lease.left += granted;
    lease.drawn = size;
    lease.endsAt = askedAt + answer.msBeforeNext;
    lease.exhausted = answer.consumedPoints >= this.counter.points;
  }

  /**
   * The lease of `key`, empty when its window has ended (unless a draw is under way, which renews
   * it). Leases of ended windows are dropped once a window, so a flood of keys does not pile up.
   */
  private leaseOf(key: string, now: number): Lease {
    if (now - this.sweptAt >= this.windowMs) {
      for (const [swept, lease] of this.leases) if (lease.endsAt <= now && !lease.drawing) this.leases.delete(swept);
      this.sweptAt = now;
    }
    let lease = this.leases.get(key);
    if (!lease) {
      lease = { left: 0, drawn: 0, endsAt: 0, exhausted: false, waiting: 0 };
      this.leases.set(key, lease);
    } else if (lease.endsAt <= now && !lease.drawing) {
      Object.assign(lease, { left: 0, drawn: 0, exhausted: false });
    }
    return lease;
  }
}
