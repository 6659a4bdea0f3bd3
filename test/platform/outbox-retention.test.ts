import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { graphql } from '../gql/index.js';
import { privateDatabase, type PrivateDatabase } from '../testkit/private-database.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { expectLedgerVerified, fundedWallet, transfer } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';
import { PayoutRunProgress, PayoutUpdates } from '../payouts/payout-fixtures.js';
import { Role } from '../../src/platform/auth/roles.js';
import { limits } from '../../src/platform/limits.js';
import { OutboxRetention } from '../../src/platform/events/outbox-retention.js';

// Issue 11, lever 7: the outbox `ledger_event` grew without bound. The retention deletes events
// past a window (time and count) in bounded batches, keeps a durable floor (the highest sequence
// deleted), and a subscription `after` a sequence below the floor is refused with EVENTS_EXPIRED
// instead of replaying with a gap. Deleting events would break other files' replays in the run's
// shared database, so this file makes a database of its own; the gateways elsewhere keep the
// default window (7 days, 10 million events), which a test run never reaches.

const BalanceChanged = graphql(`
  subscription RetentionBalanceChanged($accountIds: [ID!]!, $after: String) {
    balanceChanged(accountIds: $accountIds, after: $after) { sequence balance { posted { amount } } }
  }
`);
const EntryPosted = graphql(`
  subscription RetentionEntryPosted($after: String) { entryPosted(after: $after) { sequence } }
`);
const WalletBalances = graphql(`
  subscription RetentionWalletBalances($after: String) { walletBalanceChanged(after: $after) { sequence } }
`);
const Withdrawals = graphql(`
  subscription RetentionWithdrawals($after: String) { withdrawalUpdated(after: $after) { sequence } }
`);

let databaseUrl: string;
let privateDb: PrivateDatabase;
let db: pg.Client;
let gw: TestGateway;

beforeAll(async () => {
  privateDb = await privateDatabase('retention');
  databaseUrl = privateDb.url;
  // The gateway's own retention keeps the default window and waits an hour between passes: in
  // this file, events are deleted only by the workers the tests run, with the windows they name.
  gw = await startTestGateway({ DATABASE_URL: databaseUrl, EVENT_RETENTION_INTERVAL_MS: '3600000' });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  if (gw) await expectLedgerVerified(gw).finally(() => gw.close());
  await db?.end();
  await privateDb?.drop();
});

const hour = 3_600;
const forever = { eventRetentionSeconds: 10 * 365 * 86_400, eventRetentionEvents: 1e12 };

/** A retention worker on the test's database with its own window (never started: the test runs its passes). */
const retention = (window: { eventRetentionSeconds?: number; eventRetentionEvents?: number }) =>
  new OutboxRetention(gw.services.orm, { ...forever, ...window, eventRetentionIntervalMs: 3_600_000 });

/** Runs passes until one deletes nothing; what each deleted. */
async function drain(worker: OutboxRetention): Promise<number[]> {
  const runs: number[] = [];
  do runs.push(await worker.runOnce()); while (runs.at(-1)! > 0);
  return runs;
}

const one = async (query: string, values: unknown[] = []) => (await db.query(query, values)).rows[0];
const floor = async () => BigInt((await one('select deleted_through::text as f from ledger_event_retention')).f);
const top = async () => BigInt((await one('select coalesce(max(seq), 0)::text as t from ledger_event')).t);
const numbered = async () => (await db.query('select e.seq::text as seq from ledger_event e where e.seq is not null order by e.seq')).rows.map((r) => BigInt(r.seq));
const unnumbered = async () => Number((await one('select count(*)::int as n from ledger_event where seq is null')).n);

/** Adds `n` events no subscription shows (a type none reads) and waits until the relay numbered them; the newest sequence. */
async function fillers(n: number): Promise<bigint> {
  await db.query(`insert into ledger_event (type, payload) select 'test.filler', '{}'::jsonb from generate_series(1, $1)`, [n]);
  await expect.poll(unnumbered, { timeout: 10_000 }).toBe(0);
  return top();
}

const range = (from: bigint, to: bigint) => Array.from({ length: Number(to - from + 1n) }, (_, i) => from + BigInt(i));
type Ended = { message: string; extensions: Record<string, unknown> };
/** The error a subscription ended with (graphql-ws hands the sink an array of them). */
const endedWith = (errors: unknown[]) => (errors[0] as Ended[])[0];

describe('the outbox retention', () => {
  it('deletes only events past the count window, oldest first, at most eventRetentionBatchMax per transaction', async () => {
    const newest = await fillers(2_500);
    const before = await floor();
    const runs = await drain(retention({ eventRetentionEvents: 100 }));

    const expired = Number(newest - 100n - before);
    const batch = limits.eventRetentionBatchMax;
    expect(runs).toEqual([...Array(Math.floor(expired / batch)).fill(batch), ...(expired % batch ? [expired % batch] : []), 0]);
    expect(await floor()).toBe(newest - 100n);
    expect(await numbered()).toEqual(range(newest - 99n, newest));
  });

  it('deletes by age only a prefix: an old event after one still inside the time window stays', async () => {
    const newest = await fillers(10);
    // Everything up to newest-5 is two hours old; so is newest-3, but newest-4 is not.
    await db.query(`update ledger_event set created_at = now() - interval '2 hours' where seq <= $1 or seq = $2`, [String(newest - 5n), String(newest - 3n)]);
    const before = await floor();
    expect(await drain(retention({ eventRetentionSeconds: hour }))).toEqual([Number(newest - 5n - before), 0]);
    expect(await floor()).toBe(newest - 5n);
    expect(await numbered()).toEqual(range(newest - 4n, newest));
  });

  it('regression: finds the first event inside the time window by number, not as text, across a digit boundary', async () => {
    // Up to the next power of ten and a few past it: 9999 and 10000 sort the other way as text.
    const boundary = 10n ** BigInt(String(await top()).length);
    const newest = await fillers(Number(boundary - (await top())) + 5);
    await db.query(`update ledger_event set created_at = now() - interval '2 hours' where seq <= $1`, [String(boundary - 2n)]);
    await drain(retention({ eventRetentionSeconds: hour }));
    expect(await floor()).toBe(boundary - 2n);
    expect(await numbered()).toEqual(range(boundary - 1n, newest));
  });

  it('never deletes an event the relay has not numbered, and the relay numbers above the floor once all are deleted', async () => {
    const relayLock = new pg.Client({ connectionString: databaseUrl });
    await relayLock.connect();
    try {
      // The relay's advisory lock, held here: events inserted meanwhile stay unnumbered.
      await relayLock.query('select pg_advisory_lock($1)', [0x666f6c696f]);
      await db.query(`insert into ledger_event (type, payload) select 'test.filler', '{}'::jsonb from generate_series(1, 3)`);
      await db.query(`update ledger_event set created_at = now() - interval '1 year'`);
      const newest = await top();
      await drain(retention({ eventRetentionSeconds: 60 }));
      expect(await numbered()).toEqual([]);
      expect(await floor()).toBe(newest);
      expect(await unnumbered()).toBe(3);
      await relayLock.query('select pg_advisory_unlock($1)', [0x666f6c696f]);
      await expect.poll(unnumbered, { timeout: 10_000 }).toBe(0);
      // Not 1, 2, 3 again: a client resuming after the floor must still receive them.
      expect(await numbered()).toEqual(range(newest + 1n, newest + 3n));
    } finally {
      await relayLock.end();
    }
  });
});

describe('a subscription after a sequence older than the window', () => {
  let sequences: bigint[];
  let wallet: { id: string };
  let bank: { id: string };

  beforeAll(async () => {
    ({ bank, wallet } = await fundedWallet(gw, '0'));
    const live = collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id] });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscription is live
    for (const amount of ['1', '2', '3', '4', '5']) await transfer(gw, bank.id, wallet.id, amount);
    await vi.waitFor(() => { if (live.items.length < 5) throw new Error(`${live.items.length} of 5 changes so far`); }, { timeout: 10_000 });
    sequences = live.items.map((item) => BigInt(item.balanceChanged.sequence));
    live.stop();
    // The floor goes to the second transfer's event: the count window keeps what came after it.
    await drain(retention({ eventRetentionEvents: Number((await top()) - sequences[1]) }));
    expect(await floor()).toBe(sequences[1]);
  });

  it('replays everything after the floor to a subscription right at it, then continues live', async () => {
    const resumed = collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after: String(sequences[1]) });
    await expect.poll(() => resumed.items.map((i) => i.balanceChanged.sequence), { timeout: 10_000 }).toEqual(sequences.slice(2).map(String));
    await transfer(gw, bank.id, wallet.id, '6');
    await expect.poll(() => resumed.items.map((i) => i.balanceChanged.balance.posted.amount), { timeout: 10_000 }).toEqual(['6', '10', '15', '21']);
    expect(resumed.errors).toEqual([]);
    resumed.stop();
  });

  it('is refused with EVENTS_EXPIRED, the floor and the oldest event kept, on every resumable subscription', async () => {
    const customer = await gw.user(Role.CUSTOMER, 'retention');
    const after = String(sequences[1] - 1n);
    const subscriptions = [
      collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after }),
      collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after: '0' }),
      collect(gw.ws(), EntryPosted, { after }),
      collect(gw.as(customer).ws(), WalletBalances, { after }),
      collect(gw.as(customer).ws(), Withdrawals, { after }),
      collect(gw.as(customer).ws(), PayoutUpdates, { after }),
      collect(gw.ws(), PayoutRunProgress, { runId: 'prun_1', after }),
    ];
    for (const sub of subscriptions) await expect.poll(() => sub.errors.length, { timeout: 10_000 }).toBe(1);
    const oldest = String((await numbered())[0]);
    expect(oldest).toBe(String(sequences[2]));
    for (const [i, sub] of subscriptions.entries()) {
      expect(sub.items).toEqual([]);
      expect(endedWith(sub.errors).extensions).toMatchObject({
        code: 'EVENTS_EXPIRED', after: i === 1 ? '0' : after, earliestAfter: String(sequences[1]), oldestSequence: oldest,
      });
    }
    expect(endedWith(subscriptions[0].errors).message).toContain(`after: "${sequences[1]}"`);
  });
});

describe('a live subscription on a gateway that fell behind the floor', () => {
  // The lagging gateway connects as a role of this test whose SELECT on ledger_event is revoked
  // while events arrive and are deleted, so its event hub reads nothing until it is granted again.
  const role = `folio_retention_${process.pid}_${Date.now().toString(36)}`;
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  let lagging: TestGateway;
  beforeAll(async () => {
    await db.query(`create role ${role} login password '${password}'`);
    await db.query(`grant usage, create on schema public to ${role}`);
    await db.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
    await db.query(`grant usage, select, update on all sequences in schema public to ${role}`);
    const url = Object.assign(new URL(databaseUrl), { username: role, password });
    lagging = await startTestGateway({ DATABASE_URL: url.toString(), EVENT_RETENTION_INTERVAL_MS: '3600000' });
  });
  afterAll(async () => {
    await lagging?.close();
    await db.query(`drop owned by ${role}`).catch(() => undefined);
    await db.query(`drop role if exists ${role}`).catch(() => undefined);
  });

  it('ends it with EVENTS_EXPIRED instead of going on after a gap', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const live = collect(lagging.ws(), BalanceChanged, { accountIds: [wallet.id] });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscription is live
    await db.query(`revoke select on ledger_event from ${role}`);
    for (const amount of ['1', '2', '3']) await transfer(gw, bank.id, wallet.id, amount);
    await expect.poll(unnumbered, { timeout: 10_000 }).toBe(0);
    // Only the newest event is kept: the first two transfers' are gone before the hub read them.
    await drain(retention({ eventRetentionEvents: 1 }));
    await db.query(`grant select on ledger_event to ${role}`);

    await expect.poll(() => live.errors.length, { timeout: 10_000 }).toBe(1);
    expect(live.items).toEqual([]);
    expect(endedWith(live.errors).extensions).toMatchObject({ code: 'EVENTS_EXPIRED', earliestAfter: String(await floor()) });
  });
});

describe('a gateway configured with a small window', () => {
  let small: TestGateway;
  let before: bigint;
  beforeAll(async () => {
    before = await floor();
    small = await startTestGateway({ DATABASE_URL: databaseUrl, EVENT_RETENTION_EVENTS: '50', EVENT_RETENTION_INTERVAL_MS: '100' });
  });
  afterAll(async () => { await small?.close(); });

  it('keeps the newest 50 events by itself and reports what it deleted and the oldest kept in /metrics', async () => {
    const newest = await fillers(300);
    await expect.poll(floor, { timeout: 10_000 }).toBe(newest - 50n);
    expect(await numbered()).toEqual(range(newest - 49n, newest));
    const metric = async (name: string) => {
      const text = await (await fetch(small.url.replace(/\/graphql$/, '/metrics'))).text();
      return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    };
    await expect.poll(() => metric('folio_events_oldest_sequence'), { timeout: 5_000 }).toBe(Number(newest - 49n));
    expect(await metric('folio_events_deleted_total')).toBe(Number(newest - 50n - before));
  });
});
