import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { freePort } from '../../src/platform/db/embedded-postgres.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { fundedWallet, transfer } from '../testkit/ledger-fixtures.js';
import { privateDatabase, type PrivateDatabase } from '../testkit/private-database.js';
import { appUser, chromiumPath, launchChromium, logIn } from './app-testkit.js';
import { spawnGateway, type GatewayProcess } from '../platform/abuse-testkit.js';

// The app's live feed across a lost WebSocket: the gateway serving it is killed and started again
// on the same port while entries keep posting through another gateway. The feed reconnects by
// itself and catches up with `after`: every entry once, none missed. A private database, so the
// feed holds only this file's entries. (app.test.ts warns and fails under CI without Chromium.)

let db: PrivateDatabase;
let producer: TestGateway;
let server: GatewayProcess | undefined;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) return;
  db = await privateDatabase('app_reconnect');
  producer = await startTestGateway({ DATABASE_URL: db.url });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.kill();
  await producer?.close();
  await db?.drop();
});

async function entrySequences(): Promise<string[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<{ seq: string }>(`select e.seq::text as seq from ledger_event e where e.seq is not null and e.type like 'ENTRY_%' order by e.seq`)).rows.map((r) => r.seq);
  } finally {
    await client.end();
  }
}

describe.runIf(existsSync(chromiumPath))('the app across a gateway restart', () => {
  it('regression: the live feed reconnects by itself and catches up with after, no entry missed or shown twice', async () => {
    const port = await freePort();
    const env = { DATABASE_URL: db.url, PORT: String(port) };
    server = await spawnGateway(env);
    const { email } = await appUser(producer, Role.FINANCE);
    const { bank, wallet } = await fundedWallet(producer, '0');

    const page = await (await browser.newContext()).newPage();
    // What the page saw of its sockets, for the failure message.
    const seen: string[] = [];
    const started = Date.now();
    const note = (what: string) => seen.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${what}`);
    page.on('console', (message) => note(`console ${message.type()}: ${message.text().slice(0, 160)}`));
    page.on('websocket', (socket) => { note('socket opened'); socket.on('close', () => note('socket closed')); socket.on('socketerror', (error) => note(`socket error ${error}`)); });
    await logIn(page, `http://127.0.0.1:${port}`, email);
    await page.getByText('Waiting for entries…').waitFor();
    const shown = () => page.locator('[data-testid="activity-feed"] li').evaluateAll((items) => items.map((item) => item.getAttribute('data-sequence')!));

    for (let i = 0; i < 3; i++) expect((await transfer(producer, bank.id, wallet.id, '1')).errors).toBeUndefined();
    await expect.poll(async () => (await shown()).length, { timeout: 10_000 }).toBe(3);

    await server.kill();
    note('gateway killed');
    for (let i = 0; i < 4; i++) expect((await transfer(producer, bank.id, wallet.id, '1')).errors).toBeUndefined();
    server = await spawnGateway(env);
    note('gateway up again');
    for (let i = 0; i < 2; i++) expect((await transfer(producer, bank.id, wallet.id, '1')).errors).toBeUndefined();

    // The relay numbers events just after they commit: wait for the ninth.
    await expect.poll(async () => (await entrySequences()).length, { timeout: 10_000 }).toBe(9);
    const expected = await entrySequences();
    try {
      await expect.poll(async () => (await shown()).length, { timeout: 45_000 }).toBe(9);
    } catch (error) {
      throw new Error(`the feed did not catch up (${(await shown()).length} of 9); what the page saw:\n${seen.join('\n')}`, { cause: error });
    }
    // Newest first, each once: exactly the outbox's entry events.
    expect([...(await shown())].reverse()).toEqual(expected);
  }, 90_000);
});
