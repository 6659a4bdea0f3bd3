import { describe, expect, inject, it } from 'vitest';
import { print } from 'graphql';
import { graphql } from '../gql/index.js';
import { EventHub, type OutboxEvent } from '../../src/platform/events/event-hub.js';
import { PgListener } from '../../src/platform/events/pg-listener.js';
import { byAccount } from '../../src/ledger/ledger-batch.js';
import { countStatements } from '../testkit/statement-count.js';
import { fundedWallet, gatewayForFile, transfer } from '../testkit/ledger-fixtures.js';
import type { TestGateway } from '../testkit/gateway.js';

// Issue 11, item 8: fan-out cost grew with the subscribers. An event's fields were resolved once
// per subscriber (its `entry` loaded per subscriber), every event woke every subscriber, and a slow
// subscriber was cut off with an error that did not say where to resume.
const Dashboard = graphql(`
  subscription FanoutDashboard($accountIds: [ID!]) {
    entryPosted(accountIds: $accountIds) { sequence entry { id description postings { amount { amount } account { code } } } }
  }
`);

let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

const entryReads = (text: string) => /^select\b/i.test(text) && /from "ledger_(entry|posting)"/.test(text) && !/for update/i.test(text);

/** `count` subscribers with one document; the statements that read entries and postings while one event reaches them all. */
async function readsToDeliverOne(count: number): Promise<number> {
  const { bank, wallet } = await fundedWallet(gw, '0');
  const received: string[] = [];
  const stops = Array.from({ length: count }, () => gw.ws().subscribe<{ entryPosted: { entry: { id: string } } }>(
    { query: print(Dashboard), variables: { accountIds: [wallet.id] } },
    { next: (message) => { if (message.data) received.push(message.data.entryPosted.entry.id); }, error: () => {}, complete: () => {} },
  ));
  await new Promise((resolve) => setTimeout(resolve, 500)); // every subscription live
  const reads = await countStatements(async () => {
    await transfer(gw, bank.id, wallet.id, '3');
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(count);
  }, entryReads);
  stops.forEach((stop) => stop());
  return reads;
}

describe('fan-out', () => {
  it('resolves an event once for every subscriber with the same selection, not once each', { retry: 2 }, async () => {
    const one = await readsToDeliverOne(1);
    const twenty = await readsToDeliverOne(20);
    expect(one).toBeGreaterThan(0);
    expect(twenty).toBeLessThanOrEqual(one + 1);
  });

  it('wakes a subscriber routed by account only for events that touch its accounts', async () => {
    const watched = await fundedWallet(gw, '0');
    const other = await fundedWallet(gw, '0');
    const seen: bigint[] = [];
    const stream = gw.services.events.stream(undefined, (event: OutboxEvent) => { seen.push(event.seq); return byAccount(event).includes(watched.wallet.id.slice(4)) ? [event.seq] : []; },
      { route: { by: byAccount, keys: [watched.wallet.id.slice(4)] } });
    for (let i = 0; i < 5; i += 1) await transfer(gw, other.bank.id, other.wallet.id, '1');
    await transfer(gw, watched.bank.id, watched.wallet.id, '1');
    const first = await stream.next();
    expect(seen).toEqual([first.value]);
    await stream.return!();
  });

  // Regression (issue 11, lever 9): a stream returned to (the client gone) kept its backlog and
  // handed it, event by event, to a consumer still in the middle of an earlier one: after a soak
  // whose whole-stream subscribers had all disconnected, 20 streams still held 197,000 events.
  it('drops what a subscriber had waiting when it goes away, and ends at once', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const mine = (event: OutboxEvent) => (byAccount(event).includes(wallet.id.slice(4)) ? [event.seq] : []);
    const stream = gw.services.events.stream(undefined, mine);
    const probe = gw.services.events.stream(undefined, mine);
    for (let i = 0; i < 3; i += 1) await transfer(gw, bank.id, wallet.id, '1');
    expect((await stream.next()).done).toBe(false);
    // Once the probe has all three, the hub has handed all three to the stream too: two are waiting.
    for (let i = 0; i < 3; i += 1) expect((await probe.next()).done).toBe(false);
    await probe.return!();
    await stream.return!();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('cuts off a subscriber that falls behind with SUBSCRIPTION_INTERRUPTED and where to resume, and the others go on', async () => {
    const listener = new PgListener(inject('databaseUrl'));
    const hub = new EventHub(gw.services.orm, listener, { subscriberBufferMax: 5 });
    await hub.start();
    await listener.start();
    try {
      const { bank, wallet } = await fundedWallet(gw, '0');
      const mine = (event: OutboxEvent) => (byAccount(event).includes(wallet.id.slice(4)) ? [event.seq] : []);
      const slow = hub.stream(undefined, mine);
      const fast = hub.stream(undefined, mine);
      const fastSeen: bigint[] = [];
      // One at a time, the fast one taking each before the next: only the slow one falls 6 behind.
      for (let i = 0; i < 6; i += 1) {
        await transfer(gw, bank.id, wallet.id, '1');
        fastSeen.push((await fast.next()).value);
      }
      const error = await slow.next().then(() => undefined, (e: { code: string; details: { resumeAfter: string } }) => e);
      expect(error).toMatchObject({ code: 'SUBSCRIPTION_INTERRUPTED', details: { resumeAfter: expect.stringMatching(/^\d+$/) } });
      // From where it was cut off, it gets everything it missed.
      const resumed = hub.stream(BigInt(error!.details.resumeAfter), mine);
      const again: bigint[] = [];
      for await (const seq of resumed) { again.push(seq); if (again.length === 6) break; }
      expect(again).toEqual(fastSeen);
      await fast.return!();
    } finally {
      await hub.stop();
      await listener.stop();
    }
  });
});
