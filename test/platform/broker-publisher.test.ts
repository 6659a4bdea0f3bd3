import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { freePort } from '../../src/platform/db/embedded-postgres.js';
import { sequenceHeader } from '../../src/platform/events/broker-publisher.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { fundedWallet, transfer } from '../testkit/ledger-fixtures.js';
import { privateDatabase, type PrivateDatabase } from '../testkit/private-database.js';
import { spawnGateway, type GatewayProcess } from './abuse-testkit.js';
import { renderBrokerEvents } from './broker-events.js';
import { readFileSync } from 'node:fs';

// The outbox to NATS JetStream, with a real consumer: a NATS server of the test's own (JetStream
// on, its store in a temporary directory, restarted mid-run), two gateway processes that may
// publish (one at a time), the one publishing SIGKILLed mid-run, and a third in-process gateway
// that only makes events. At the end every outbox event is in the stream exactly once after
// deduplication by sequence, in order.
const natsServer = '/usr/sbin/nats-server';
const hasNats = existsSync(natsServer);
if (!hasNats) {
  console.warn(`broker test did not run: ${natsServer} not found (apt-get install nats-server)`);
  if (process.env.CI === 'true') test('nats-server is installed (required when CI=true)', () => expect.fail(`${natsServer} not found: apt-get install nats-server`));
}

interface Nats { url: string; stop(): Promise<void>; start(): Promise<void> }

/** A NATS server with JetStream on a free port, its store kept across restarts. */
async function ownNats(): Promise<Nats> {
  const port = await freePort();
  const store = mkdtempSync(path.join(tmpdir(), 'folio-nats-'));
  let child: ChildProcess | undefined;
  const url = `nats://127.0.0.1:${port}`;
  const nats: Nats = {
    url,
    async start() {
      child = spawn(natsServer, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        try { await (await connect({ servers: url, reconnect: false, timeout: 500 })).close(); return; } catch { await sleep(100); }
      }
      throw new Error('nats-server did not start');
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  await nats.start();
  return Object.assign(nats, { store });
}

const stream = 'FOLIO_TEST';
let nats: Nats & { store?: string };
let db: PrivateDatabase;
let producer: TestGateway;
const publishers: GatewayProcess[] = [];

beforeAll(async () => {
  if (!hasNats) return;
  nats = await ownNats();
  db = await privateDatabase('broker');
  producer = await startTestGateway({ DATABASE_URL: db.url });
}, 120_000);
afterAll(async () => {
  for (const gateway of publishers) await gateway.kill().catch(() => undefined);
  await producer?.close();
  await nats?.stop();
  if (nats?.store) rmSync(nats.store, { recursive: true, force: true });
  await db?.drop();
});

const metricsOf = async (gateway: GatewayProcess) => (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
const isPublisher = async (gateway: GatewayProcess) => /^folio_broker_publisher 1$/m.test(await metricsOf(gateway));

async function outboxSequences(): Promise<string[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<{ seq: string }>('select e.seq::text as seq from ledger_event e where e.seq is not null order by e.seq')).rows.map((row) => row.seq);
  } finally {
    await client.end();
  }
}

/** Every message of the stream, in stream order: its subject, its sequence header and its body. */
async function consumeAll(): Promise<{ subject: string; sequence: string; body: Record<string, unknown> }[]> {
  const nc = await connect({ servers: nats.url });
  try {
    const total = (await (await jetstreamManager(nc)).streams.info(stream)).state.messages;
    const consumer = await jetstream(nc).consumers.get(stream);
    const seen: { subject: string; sequence: string; body: Record<string, unknown> }[] = [];
    while (seen.length < total) {
      for await (const message of await consumer.fetch({ max_messages: 500, expires: 2_000 })) {
        seen.push({ subject: message.subject, sequence: message.headers!.get(sequenceHeader), body: message.json() });
        if (seen.length === total) break;
      }
    }
    return seen;
  } finally {
    await nc.close();
  }
}

describe.runIf(hasNats)('events to NATS JetStream', () => {
  it('arrive exactly once after dedup and in order, across a gateway SIGKILL and a NATS restart during publishing', async () => {
    const env = { DATABASE_URL: db.url, NATS_URL: nats.url, NATS_STREAM: stream };
    publishers.push(await spawnGateway(env), await spawnGateway(env));
    const { bank, wallet } = await fundedWallet(producer, '0');
    let stop = false;
    let posted = 0;
    const making = (async () => {
      while (!stop) {
        const answer = await transfer(producer, bank.id, wallet.id, '1');
        expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
        posted++;
      }
    })();
    const waitFor = async (count: number) => { while (posted < count) await sleep(20); };

    await waitFor(60);
    // The one publishing dies mid-run; the other takes the lock over.
    let leader = -1;
    for (let i = 0; i < 100 && leader < 0; i++) {
      for (const [index, gateway] of publishers.entries()) if (await isPublisher(gateway)) leader = index;
      if (leader < 0) await sleep(100);
    }
    expect(leader).toBeGreaterThanOrEqual(0);
    await publishers[leader].kill();
    const survivor = publishers[1 - leader];
    await waitFor(140);
    // NATS goes away during publishing and comes back with its store.
    await nats.stop();
    await waitFor(200);
    await nats.start();
    await waitFor(260);
    stop = true;
    await making;

    const expected = await outboxSequences();
    expect(expected.length).toBeGreaterThanOrEqual(260);
    // Wait for the survivor to publish the rest.
    for (let i = 0; i < 300; i++) {
      const nc = await connect({ servers: nats.url, reconnect: false }).catch(() => undefined);
      const info = nc && await (await jetstreamManager(nc)).streams.info(stream).catch(() => undefined);
      const last = info && info.state.last_seq > 0 ? (await (await jetstreamManager(nc!)).streams.getMessage(stream, { seq: info.state.last_seq }))?.header?.get(sequenceHeader) : undefined;
      await nc?.close();
      if (last === expected[expected.length - 1]) break;
      await sleep(100);
    }
    expect(await isPublisher(survivor)).toBe(true);

    const messages = await consumeAll();
    const order: string[] = [];
    for (const message of messages) if (!order.includes(message.sequence)) order.push(message.sequence);
    expect(order).toEqual(expected);
    // Each in its subject, with its schema and the outbox sequence in the body too.
    for (const message of messages) {
      expect(message.body).toMatchObject({ sequence: message.sequence, schema: `${message.subject}/v1` });
      expect(message.subject).toMatch(/^folio\.[a-z]+\.[a-z]+\.[a-z]+$/);
    }
    expect(new Set(messages.map((m) => m.subject))).toContain('folio.ledger.entry.posted');
  }, 180_000);
});

describe('the README', () => {
  it('documents every event type the modules send to the broker, with its subject, schema version and payload', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.split('<!-- broker-events:start -->')[1]?.split('<!-- broker-events:end -->')[0]?.trim();
    expect(table, 'README.md has the table between <!-- broker-events:start --> and <!-- broker-events:end -->').toBe(renderBrokerEvents());
  });
});
