import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { graphql } from '../gql/index.js';
import { startTestGateway, testJwtSecret, uniq, type TestGateway } from '../testkit/gateway.js';
import { fundedWallet, openAccount, transfer } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';
import { Direction } from '../../src/ledger/ledger.enums.js';

const BalanceChanged = graphql(`
  subscription BalanceChanged($accountIds: [ID!]!, $after: String) {
    balanceChanged(accountIds: $accountIds, after: $after) {
      sequence type accountId balance { posted { amount currency } available { amount } } entry { id }
    }
  }
`);
const EntryPosted = graphql(`
  subscription EntryPosted($accountIds: [ID!], $after: String) {
    entryPosted(accountIds: $accountIds, after: $after) { sequence type entry { id status } }
  }
`);

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => { await gw?.close(); });

const amounts = (items: { balanceChanged: { balance: { posted: { amount: string } } } }[]) => items.map((i) => i.balanceChanged.balance.posted.amount);

describe('balanceChanged over a real WebSocket', () => {
  it('streams each committed change of the watched account with its new balance, in order', async () => {
    const { bank, wallet } = await fundedWallet(gw, '100');
    const sub = collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after: '0' });
    await expect.poll(() => sub.items.length).toBe(1); // the funding, replayed
    await transfer(gw, bank.id, wallet.id, '20');
    await transfer(gw, bank.id, wallet.id, '3');
    await expect.poll(() => amounts(sub.items)).toEqual(['100', '120', '123']);
    const seqs = sub.items.map((i) => BigInt(i.balanceChanged.sequence));
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    expect(sub.items.every((i) => i.balanceChanged.accountId === wallet.id && i.balanceChanged.entry.id.startsWith('ent_'))).toBe(true);
    sub.stop();
  });

  it('resumes after the last sequence seen and misses nothing that happened while away', async () => {
    const { bank, wallet } = await fundedWallet(gw, '10');
    const first = collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after: '0' });
    await expect.poll(() => first.items.length).toBe(1);
    const last = first.items[0].balanceChanged.sequence;
    first.stop();
    await transfer(gw, bank.id, wallet.id, '1');
    await transfer(gw, bank.id, wallet.id, '2');
    const resumed = collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after: last });
    await expect.poll(() => amounts(resumed.items)).toEqual(['11', '13']);
    await transfer(gw, bank.id, wallet.id, '4');
    await expect.poll(() => amounts(resumed.items)).toEqual(['11', '13', '17']);
    resumed.stop();
  });

  it('publishes nothing for rolled-back work', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const sub = collect(gw.ws(), EntryPosted, { accountIds: [wallet.id], after: '0' });
    const command = {
      idempotencyKey: uniq('rollback'), description: 'rolled back', postings: [
        { accountId: wallet.id.slice(4), direction: Direction.CREDIT, amount: '5', currency: 'USD' },
        { accountId: bank.id.slice(4), direction: Direction.DEBIT, amount: '5', currency: 'USD' },
      ],
    };
    // A module's transaction posts through the ledger, then fails: everything it wrote rolls back.
    await expect(gw.services.ledger.transaction(gw.services.orm.em, async (tx) => {
      const result = await tx.post(command);
      expect(result.entryId).toMatch(/^\d+$/);
      throw new Error('the module failed after posting');
    })).rejects.toThrow('the module failed');
    const committed = await transfer(gw, bank.id, wallet.id, '7');
    await expect.poll(() => sub.items.map((i) => i.entryPosted.entry.id)).toEqual([committed.data!.postEntry.id]);
    sub.stop();
  });

  // Regression: the relay once numbered only events below the snapshot's xmin, so any open
  // transaction in the cluster (even in another database) held back every subscriber.
  it('delivers a committed event while an older transaction is still open', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const elsewhere = await fundedWallet(gw, '0');
    const sub = collect(gw.ws(), EntryPosted, { accountIds: [wallet.id], after: '0' });
    let release!: () => void;
    let opened!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const isOpen = new Promise<void>((resolve) => { opened = resolve; });
    const older = gw.services.ledger.transaction(gw.services.orm.em, async (tx) => {
      await tx.post({
        idempotencyKey: uniq('older'), description: 'held open', postings: [
          { accountId: elsewhere.wallet.id.slice(4), direction: Direction.CREDIT, amount: '1', currency: 'USD' },
          { accountId: elsewhere.bank.id.slice(4), direction: Direction.DEBIT, amount: '1', currency: 'USD' },
        ],
      });
      opened();
      await held;
    });
    try {
      await isOpen;
      const committed = await transfer(gw, bank.id, wallet.id, '3');
      await expect.poll(() => sub.items.map((i) => i.entryPosted.entry.id), { timeout: 5_000 }).toEqual([committed.data!.postEntry.id]);
    } finally {
      release();
      await older;
      sub.stop();
    }
  });

  // Regression: `select seq::text ... order by seq` sorted by the text output column, so events
  // after 95 came back as 100, 1000, ... and 96-99 were skipped.
  it('reads and replays events in numeric sequence order across digit boundaries', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    for (let i = 0; i < 12; i += 1) await transfer(gw, bank.id, wallet.id, '1');
    await expect.poll(async () => (await gw.services.events.readAfter(0n, 10_000)).length).toBeGreaterThan(12);
    const seqs = (await gw.services.events.readAfter(0n, 10_000)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => BigInt(i + 1)));
    const sub = collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after: '0' });
    await expect.poll(() => sub.items.length).toBe(12);
    expect(amounts(sub.items)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    sub.stop();
  });

  it('refuses a subscription without accounts or with a malformed cursor', async () => {
    const none = collect(gw.ws(), BalanceChanged, { accountIds: [] });
    await expect.poll(() => none.errors.length).toBeGreaterThan(0);
    const { wallet } = await fundedWallet(gw, '0');
    const bad = collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after: 'yesterday' });
    await expect.poll(() => bad.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(bad.errors)).toContain('BAD_USER_INPUT');
  });

  // Regression: `after` took any 19 digits, and one past PostgreSQL's bigint failed in the database
  // as an INTERNAL error. Every module's subscriptions now parse it in one place (platform/events/after.ts).
  it('refuses an after past the sequence range as BAD_USER_INPUT, on the ledger and on the wallets', async () => {
    const { wallet } = await fundedWallet(gw, '0');
    const past = '9999999999999999999';
    const ledger = collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after: past });
    const wallets = collect(gw.ws(), graphql(`subscription AfterPastRange($after: String) { withdrawalUpdated(after: $after) { sequence } }`), { after: past });
    await expect.poll(() => ledger.errors.length + wallets.errors.length).toBe(2);
    for (const sub of [ledger, wallets]) expect((sub.errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

/** Starts a second gateway as its own OS process on the same database; resolves with its ws URL. */
function startGatewayProcess(): Promise<{ child: ChildProcess; wsUrl: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'test', JWT_SECRET: testJwtSecret, RATE_LIMIT_IP_PER_MINUTE: '0', RATE_LIMIT_CALLER_PER_SECOND: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`second gateway did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      // The log goes to the run's LOG_FILE; main.ts prints this line on stdout whatever the log's destination.
      const match = /Folio is up\. GraphiQL: http:\/\/[^:\s]+:(\d+)\//.exec(output);
      if (match) { clearTimeout(timer); resolve({ child, wsUrl: `ws://127.0.0.1:${match[1]}/graphql` }); }
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`second gateway exited with ${code}:\n${output}`)); });
  });
}

describe('two gateway processes on one database', () => {
  let other: { child: ChildProcess; wsUrl: string };
  beforeAll(async () => { other = await startGatewayProcess(); });
  afterAll(() => { other?.child.kill('SIGTERM'); });

  it('delivers an entry posted through one process to subscribers of both', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const remote = createClient({ url: other.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: gw.finance.headers.authorization } });
    const here = collect(gw.ws(), BalanceChanged, { accountIds: [wallet.id], after: '0' });
    const there = collect(remote, BalanceChanged, { accountIds: [wallet.id], after: '0' });
    await transfer(gw, bank.id, wallet.id, '31');
    await transfer(gw, bank.id, wallet.id, '11');
    await expect.poll(() => amounts(here.items), { timeout: 15_000 }).toEqual(['31', '42']);
    await expect.poll(() => amounts(there.items), { timeout: 15_000 }).toEqual(['31', '42']);
    expect(there.items.map((i) => i.balanceChanged.sequence)).toEqual(here.items.map((i) => i.balanceChanged.sequence));
    here.stop();
    there.stop();
    await remote.dispose();
  });

  it('delivers live events (not only replays) across processes', async () => {
    const account = await openAccount(gw, { type: 'ASSET', allowNegative: true });
    const { wallet } = await fundedWallet(gw, '0');
    const remote = createClient({ url: other.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: gw.finance.headers.authorization } });
    const there = collect(remote, BalanceChanged, { accountIds: [wallet.id] });
    await expect.poll(async () => {
      await transfer(gw, account.id, wallet.id, '1');
      return there.items.length;
    }, { timeout: 15_000, interval: 300 }).toBeGreaterThan(0);
    there.stop();
    await remote.dispose();
  });
});
