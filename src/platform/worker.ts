import { Counter, Histogram, Registry } from 'prom-client';
import { logger } from './logger.js';

export interface PollingWorkerOptions {
  /** Names the worker in logs and in the `worker` label of its metrics: `outbox-relay`. */
  name: string;
  /** How often the worker polls for work (an unref'd timer: it never keeps the process alive). */
  intervalMs: number;
  /** Runs a pass at start instead of waiting for the first poll. Default false. */
  passOnStart?: boolean;
  /**
   * A poll that comes while a pass runs: `fold` (the default) asks for one more pass after it, as
   * a poke does; `skip` drops it, so a slow pass is followed by the next poll, not by another pass.
   */
  pollWhileBusy?: 'fold' | 'skip';
  /** On stop, keeps passing while more work waits (a full batch, or pokes before stop). Default: stop after the running pass. */
  drainOnStop?: boolean;
  /** Where the pass metrics are registered; without one they are kept in a registry of the worker's own. */
  registry?: Registry;
}

interface WorkerMetrics {
  passes: Counter<'worker'>;
  failures: Counter<'worker'>;
  duration: Histogram<'worker'>;
}

/** The worker metrics of a registry, made on first use: every worker of a gateway shares them, labelled by name. */
function workerMetrics(registry: Registry): WorkerMetrics {
  const registers = [registry];
  const existing = <M>(name: string) => registry.getSingleMetric(name) as M | undefined;
  return {
    passes: existing<Counter<'worker'>>('folio_worker_passes_total') ?? new Counter({
      name: 'folio_worker_passes_total', help: 'Passes run by a background worker, failed ones included, by worker.', labelNames: ['worker'], registers,
    }),
    failures: existing<Counter<'worker'>>('folio_worker_pass_failures_total') ?? new Counter({
      name: 'folio_worker_pass_failures_total', help: 'Passes of a background worker that threw (logged; the next poll retries), by worker.', labelNames: ['worker'], registers,
    }),
    duration: existing<Histogram<'worker'>>('folio_worker_pass_duration_seconds') ?? new Histogram({
      name: 'folio_worker_pass_duration_seconds', help: 'Time a background worker pass took, by worker.', labelNames: ['worker'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers,
    }),
  };
}

/**
 * A background worker that polls: a pass every `intervalMs`, and sooner when poked. At most one
 * pass runs at a time; pokes during a pass fold into one more pass after it, and a pass that
 * reports more work waiting is followed by another at once. A pass that throws is logged and
 * counted, and the next poll (or poke) tries again: the worker never stops on an error. `stop`
 * waits for the running pass.
 */
export abstract class PollingWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly metrics: WorkerMetrics;

  constructor(private readonly workerOptions: PollingWorkerOptions) {
    this.metrics = workerMetrics(workerOptions.registry ?? new Registry());
  }

  /** Names the worker in logs and metrics. */
  get name(): string {
    return this.workerOptions.name;
  }

  /** One pass over the waiting work; resolves true when more is waiting (a full batch) for another pass at once. */
  protected abstract pass(): Promise<boolean>;

  start(): void {
    this.timer = setInterval(() => this.poll(), this.workerOptions.intervalMs);
    this.timer.unref();
    if (this.workerOptions.passOnStart) this.poke();
  }

  /** Asks for a pass soon; pokes during a pass fold into one more pass. Does nothing once stopped. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    this.running = this.loop().finally(() => { this.running = undefined; });
  }

  /** Stops polling and waits for the running pass (with drainOnStop, until no more work waits). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private poll(): void {
    if (this.running && this.workerOptions.pollWhileBusy === 'skip') return;
    this.poke();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if (await this.runPass()) this.again = true;
    } while (this.again && (!this.stopped || this.workerOptions.drainOnStop));
  }

  /** Runs one pass, recording it; a failure is logged and reported as no more work. */
  private async runPass(): Promise<boolean> {
    const worker = this.workerOptions.name;
    const endTimer = this.metrics.duration.startTimer({ worker });
    try {
      return await this.pass();
    } catch (error) {
      this.metrics.failures.inc({ worker });
      logger.error({ err: error, worker }, `${worker} pass failed; the next poll retries`);
      return false;
    } finally {
      endTimer();
      this.metrics.passes.inc({ worker });
    }
  }
}
