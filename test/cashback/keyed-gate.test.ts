import { describe, expect, it } from 'vitest';
import { KeyedGate } from '../../src/cashback/keyed-gate.js';

/** A task that runs until released, recording that it started. */
function heldTask(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => { release = resolve; });
  return { release, work: async () => { started.push(name); await done; return name; } };
}

describe('KeyedGate', () => {
  it('runs at most its width of one key at once, the rest in arrival order, other keys unhindered', async () => {
    const gate = new KeyedGate(2, 10);
    const started: string[] = [];
    const tasks = ['a1', 'a2', 'a3', 'a4'].map((name) => heldTask(started, name));
    const other = heldTask(started, 'b1');
    const runs = tasks.map((task) => gate.run('a', task.work));
    const otherRun = gate.run('b', other.work);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a1', 'a2', 'b1']);
    tasks[1].release();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    for (const task of [...tasks, other]) task.release();
    expect(await Promise.all([...runs, otherRun])).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
  });

  // Regression: the gate's queue had no bound (house rule: a limit on everything).
  it('refuses a task past its waiting bound at once with SERVICE_UNAVAILABLE and a retry time, and never runs it', async () => {
    const gate = new KeyedGate(1, 2, 'purchases of this merchant');
    const started: string[] = [];
    const tasks = ['t1', 't2', 't3', 't4'].map((name) => heldTask(started, name));
    const runs = tasks.slice(0, 3).map((task) => gate.run('m', task.work));
    const refused = gate.run('m', tasks[3].work);
    await expect(refused).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('too many purchases of this merchant are waiting') });
    await expect(refused).rejects.toHaveProperty('details.retryAfterSeconds');
    for (const task of tasks) task.release();
    expect(await Promise.all(runs)).toEqual(['t1', 't2', 't3']);
    expect(started).not.toContain('t4');
    // Once the queue drains, the key takes new work again.
    expect(await gate.run('m', async () => 'after')).toBe('after');
  });
});
