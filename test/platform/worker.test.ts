import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PollingWorker, type PollingWorkerOptions } from '../../src/platform/worker.js';

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

/** Resolves once `condition` holds, failing the test after a second. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await tick();
  expect(condition()).toBe(true);
}

/** A worker whose passes each wait for the test: `passes` holds one deferred per pass begun. */
class ScriptedWorker extends PollingWorker {
  readonly passes: ReturnType<typeof deferred<boolean>>[] = [];
  constructor(options: Partial<PollingWorkerOptions> = {}) {
    super({ name: 'scripted', intervalMs: 60_000, ...options });
  }
  protected pass(): Promise<boolean> {
    const next = deferred<boolean>();
    this.passes.push(next);
    return next.promise;
  }
}

async function counted(registry: Registry, name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  const values = (await metric!.get()).values.filter((v) => v.labels.worker === 'scripted' && !('le' in v.labels));
  return values.reduce((sum, v) => sum + v.value, 0);
}

const workers: PollingWorker[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) {
    const stopping = worker.stop();
    for (const pass of (worker as ScriptedWorker).passes) pass.resolve(false);
    await stopping;
  }
});

function make(options?: Partial<PollingWorkerOptions>): ScriptedWorker {
  const worker = new ScriptedWorker(options);
  workers.push(worker);
  return worker;
}

describe('PollingWorker', () => {
  it('folds pokes during a pass into one more pass', async () => {
    const worker = make();
    worker.poke();
    expect(worker.passes).toHaveLength(1);
    worker.poke();
    worker.poke();
    worker.poke();
    worker.passes[0].resolve(false);
    await until(() => worker.passes.length === 2);
    worker.passes[1].resolve(false);
    await tick();
    expect(worker.passes).toHaveLength(2);
  });

  it('runs another pass at once when a pass says more work waits', async () => {
    const worker = make();
    worker.poke();
    worker.passes[0].resolve(true);
    await until(() => worker.passes.length === 2);
    worker.passes[1].resolve(false);
    await tick();
    expect(worker.passes).toHaveLength(2);
  });

  it('waits on stop for the running pass, and runs no more after it', async () => {
    const worker = make();
    worker.poke();
    worker.poke(); // would fold into one more pass, but stop comes first
    let stopped = false;
    const stopping = worker.stop().then(() => { stopped = true; });
    await tick();
    expect(stopped).toBe(false);
    worker.passes[0].resolve(true);
    await stopping;
    expect(worker.passes).toHaveLength(1);
    worker.poke();
    await tick();
    expect(worker.passes).toHaveLength(1);
  });

  it('with drainOnStop, keeps passing on stop while more work waits', async () => {
    const worker = make({ drainOnStop: true });
    worker.poke();
    const stopping = worker.stop();
    worker.passes[0].resolve(true);
    await until(() => worker.passes.length === 2);
    worker.passes[1].resolve(false);
    await stopping;
    expect(worker.passes).toHaveLength(2);
  });

  it('counts a failed pass and keeps working', async () => {
    const registry = new Registry();
    const worker = make({ registry });
    worker.poke();
    worker.passes[0].reject(new Error('database went away'));
    await tick();
    worker.poke();
    expect(worker.passes).toHaveLength(2);
    worker.passes[1].resolve(false);
    await tick();
    expect(await counted(registry, 'folio_worker_passes_total')).toBe(2);
    expect(await counted(registry, 'folio_worker_pass_failures_total')).toBe(1);
    const durations = (await registry.getSingleMetric('folio_worker_pass_duration_seconds')!.get()).values;
    expect(durations.find((v) => (v as { metricName?: string }).metricName === 'folio_worker_pass_duration_seconds_count' && v.labels.worker === 'scripted')?.value).toBe(2);
  });

  it('shares one set of metrics per registry among workers', () => {
    const registry = new Registry();
    make({ registry });
    make({ registry, name: 'other' });
    expect(registry.getMetricsAsArray().map((m) => m.name).sort()).toEqual([
      'folio_worker_pass_duration_seconds', 'folio_worker_pass_failures_total', 'folio_worker_passes_total',
    ]);
  });

  it('polls on its interval, with a first pass at start only when asked', async () => {
    const lazy = make({ intervalMs: 20 });
    const eager = make({ intervalMs: 60_000, passOnStart: true });
    lazy.start();
    eager.start();
    expect(lazy.passes).toHaveLength(0);
    expect(eager.passes).toHaveLength(1);
    await until(() => lazy.passes.length === 1);
  });

  it('folds a poll during a pass by default, and drops it with pollWhileBusy: skip', async () => {
    vi.useFakeTimers();
    try {
      const folding = make({ intervalMs: 10 });
      const skipping = make({ intervalMs: 10, pollWhileBusy: 'skip' });
      folding.start();
      skipping.start();
      await vi.advanceTimersByTimeAsync(10);
      expect([folding.passes.length, skipping.passes.length]).toEqual([1, 1]);
      await vi.advanceTimersByTimeAsync(50); // several polls while both passes run
      folding.passes[0].resolve(false);
      skipping.passes[0].resolve(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(folding.passes).toHaveLength(2); // straight after the first: the polls folded into it
      expect(skipping.passes).toHaveLength(1); // the polls were dropped: it waits for the next
      await vi.advanceTimersByTimeAsync(10);
      expect(skipping.passes).toHaveLength(2);
      for (const worker of workers.splice(0)) {
        const stopping = worker.stop();
        for (const pass of (worker as ScriptedWorker).passes) pass.resolve(false);
        await stopping;
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
