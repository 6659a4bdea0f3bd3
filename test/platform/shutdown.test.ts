import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import pg from 'pg';
import { startTestGateway, testJwtSecret, uniq, type TestGateway } from '../testkit/gateway.js';
import { fundedWallet } from '../testkit/ledger-fixtures.js';
import { baseUrl, postGraphql, sample } from './http-helpers.js';

/**
 * SIGTERM drains a gateway process: requests in flight when the signal arrives all get complete
 * responses, new connections are refused, subscriptions are closed with 1001 (going away), and the
 * process exits 0. The requests are held in flight by a row lock this test takes on the account
 * they post to, so none can finish before the signal; the lock is released after it.
 */
let gw: TestGateway;
let child: ChildProcess | undefined;
const burstSize = 30;

function startGatewayProcess(): Promise<{ url: string; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: {
        ...process.env, DATABASE_URL: inject('databaseUrl'), PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'info',
        JWT_SECRET: testJwtSecret, RATE_LIMIT_IP_PER_MINUTE: '0', RATE_LIMIT_CALLER_PER_SECOND: '0', SHUTDOWN_TIMEOUT_MS: '30000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child!.on('exit', (code) => done(code)));
    let output = '';
    const timer = setTimeout(() => reject(new Error(`gateway process did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /Folio is up\. GraphiQL: (http:\/\/\S+\/graphql)/.exec(output);
      if (match) { clearTimeout(timer); resolve({ url: match[1], exited }); }
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk; });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`gateway process exited with ${code}:\n${output}`)); });
  });
}

beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await gw?.close();
});

const PostEntry = `mutation DrainPost($input: PostEntryInput!) { postEntry(input: $input) { id } }`;

describe('SIGTERM', () => {
  it('finishes in-flight requests, refuses new connections, closes subscriptions with 1001 and exits 0', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const { url, exited } = await startGatewayProcess();
    const headers = gw.finance.headers;
    const post = (amount: string) => postGraphql(url, PostEntry, {
      headers,
      variables: { input: { idempotencyKey: uniq('drain'), postings: [
        { accountId: bank.id, direction: 'DEBIT', amount, currency: 'USD' },
        { accountId: wallet.id, direction: 'CREDIT', amount, currency: 'USD' },
      ] } },
    });

    // A live subscription on the process, seen to deliver an event.
    let closeCode: number | undefined;
    const events: unknown[] = [];
    const client = createClient({
      url: url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: headers.authorization },
      on: { closed: (event) => { closeCode = (event as { code: number }).code; } },
    });
    client.subscribe({ query: `subscription DrainWatch { balanceChanged(accountIds: ["${wallet.id}"]) { sequence } }` }, {
      next: (value) => { events.push(value); }, error: () => undefined, complete: () => undefined,
    });
    await expect.poll(async () => {
      if (events.length === 0) await post('1');
      return events.length;
    }, { timeout: 15_000, interval: 300 }).toBeGreaterThan(0);

    // Hold the wallet's row so that a burst of postings cannot finish, and wait until all are in flight.
    const locker = new pg.Client({ connectionString: inject('databaseUrl') });
    await locker.connect();
    await locker.query('begin');
    await locker.query('select id from ledger_account where id = $1 for update', [wallet.id.replace('acc_', '')]);
    const burst = Array.from({ length: burstSize }, () => post('2').then((response) => response, (error: Error) => error));
    const metrics = async () => (await fetch(`${baseUrl(url)}/metrics`)).text();
    // The scrape itself is in flight while it is answered.
    await expect.poll(async () => sample(await metrics(), 'folio_http_requests_in_flight'), { timeout: 15_000 }).toBe(burstSize + 1);

    child!.kill('SIGTERM');
    await expect.poll(() => fetch(`${baseUrl(url)}/healthz`).then(() => 'accepted', () => 'refused'), { timeout: 5_000 }).toBe('refused');
    await locker.query('commit');
    await locker.end();

    const responses = await Promise.all(burst);
    for (const response of responses) {
      expect(response).not.toBeInstanceOf(Error);
      const { status, body } = response as Awaited<ReturnType<typeof post>>;
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect((body.data?.postEntry as { id: string }).id).toMatch(/^ent_\d+$/);
    }
    expect(await exited).toBe(0);
    await expect.poll(() => closeCode).toBe(1001);
    await client.dispose();
  });
});
