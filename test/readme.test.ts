import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { privateDatabase, type PrivateDatabase } from './testkit/private-database.js';
import { startTestGateway, type TestCaller, type TestGateway } from './testkit/gateway.js';
import { recordSecret } from './testkit/secrets.js';
import { collect } from './testkit/subscriptions.js';

// Regression (issue 10, item 8): the walkthrough named ids (`acc_2`, `ent_2`) that a fresh install
// gives to other things, and this test hid it by substituting the ids it got. It now runs every
// block exactly as written, on a database of its own, fresh as a new install's.

/** The README's GraphQL blocks, by operation name, exactly as a reader would copy them. */
async function readmeOperations(): Promise<Map<string, string>> {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const operations = new Map<string, string>();
  for (const [, block] of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    for (const definition of parse(block).definitions) {
      if (definition.kind === 'OperationDefinition' && definition.name && definition.loc) {
        operations.set(definition.name.value, block.slice(definition.loc.start, definition.loc.end));
      }
    }
  }
  return operations;
}

/** The README's `npm run admin:create -- --email admin@example.com`, the password typed as "your password". */
function createAdmin(databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, FOLIO_ADMIN_PASSWORD: 'your password' };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', '@swc-node/register/esm-register', 'scripts/create-admin.ts', '--email', 'admin@example.com'],
      { env, timeout: 60_000 }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }));
    child.stdin?.end();
  });
}

async function postAs(gw: TestGateway, query: string, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization && { authorization }) };
  const response = await fetch(gw.url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return response.json() as Promise<{ data?: any; errors?: { message: string; extensions?: { code?: string } }[] }>;
}

/** Logs in with the README's Login block, as the reader does (their own email and password typed in). */
async function login(gw: TestGateway, ops: Map<string, string>, email: string, password: string): Promise<string> {
  const answer = await postAs(gw, ops.get('Login')!.replace('admin@example.com', email).replace('your password', password));
  expect(answer.errors).toBeUndefined();
  recordSecret(answer.data.login.accessToken);
  recordSecret(answer.data.login.refreshToken);
  return `Bearer ${answer.data.login.accessToken}`;
}

let gw: TestGateway;
let database: PrivateDatabase;
let created: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  database = await privateDatabase('readme');
  // A new install: the gateway applies the migrations and opens its system accounts on start.
  gw = await startTestGateway({ DATABASE_URL: database.url });
  recordSecret('your password');
  // Both sessions start from the README's first step.
  created = await createAdmin(database.url);
});
afterAll(async () => {
  await gw?.close();
  await database?.drop();
});

describe("the README's first session, exactly as written, on a fresh install", () => {
  it('creates the admin, logs in, opens accounts, watches, deposits, replays, holds, captures and reads', async () => {
    const ops = await readmeOperations();
    expect([...ops.keys()].slice(0, 7)).toEqual(['Login', 'OpenAccounts', 'WatchAlice', 'Deposit', 'Hold', 'Capture', 'Alice']);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^Created the admin admin@example\.com \(usr_\d+\)/);

    expect((await postAs(gw, ops.get('OpenAccounts')!)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const auth = await login(gw, ops, 'admin@example.com', 'your password');
    const post = (query: string) => postAs(gw, query, auth);

    expect((await post(ops.get('OpenAccounts')!)).errors).toBeUndefined();
    const admin: TestCaller = { ...gw.finance, headers: { authorization: auth } };
    const watch = collect(gw.as(admin).ws(), parse(ops.get('WatchAlice')!) as never, {} as never);

    const deposit = await post(ops.get('Deposit')!);
    expect(deposit.errors).toBeUndefined();
    expect(deposit.data.postEntry.status).toBe('POSTED');
    // "Run the mutation again": the same entry. "Change the amount and run it again": refused.
    expect((await post(ops.get('Deposit')!)).data.postEntry.id).toBe(deposit.data.postEntry.id);
    expect((await post(ops.get('Deposit')!.replaceAll('"2500"', '"2600"'))).errors?.[0].extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    expect((await post(ops.get('Hold')!)).data.postEntry.status).toBe('PENDING');
    const capture = await post(ops.get('Capture')!);
    expect(capture.errors).toBeUndefined();
    expect(capture.data.commitPendingEntry.pendingEntry.status).toBe('COMMITTED');

    const alice = await post(ops.get('Alice')!);
    expect(alice.errors).toBeUndefined();
    expect(alice.data.accountByCode.balance).toEqual({ posted: { amount: '1700' }, available: { amount: '1700' } });
    expect(alice.data.accountByCode.lastMonth.posted.amount).toBe('0');
    expect(alice.data.accountByCode.recentEntries.map((e: { status: string }) => e.status)).toEqual(['POSTED', 'COMMITTED', 'POSTED']);
    expect(alice.data.verifyLedger.ok).toBe(true);

    // The subscription is live-only (no `after`), so it may start after the deposit; the capture,
    // two requests later, is the last change it must show.
    await expect.poll(() => (watch.items.at(-1) as any)?.balanceChanged.balance.posted.amount, { timeout: 10_000 }).toBe('1700');
    expect(watch.errors).toEqual([]);
    watch.stop();
  });

  it('runs the wallet session as written: sign up, top up, pay, cash out, look, pay everyone', async () => {
    const ops = await readmeOperations();
    expect([...ops.keys()].slice(7, 13)).toEqual(['SignUp', 'TopUp', 'PayAdmin', 'CashOut', 'MyMoney', 'PayEveryone']);
    expect((await postAs(gw, ops.get('SignUp')!)).data.register.email).toBe('carol@example.com');
    recordSecret('correct horse battery');
    const carolAuth = await login(gw, ops, 'carol@example.com', 'correct horse battery');
    const carol = (query: string) => postAs(gw, query, carolAuth);

    expect((await carol(ops.get('TopUp')!)).data.deposit.wallet.balance.available).toEqual({ amount: '10000', currency: 'USD' });
    expect((await carol(ops.get('TopUp')!)).data.deposit.kind).toBe('DEPOSIT');
    expect((await carol(ops.get('PayAdmin')!)).data.transfer).toMatchObject({ kind: 'TRANSFER_OUT', counterparty: { email: 'admin@example.com' } });
    const cashOut = await carol(ops.get('CashOut')!);
    expect(cashOut.data.requestWithdrawal).toMatchObject({ status: 'PENDING', amount: { amount: '5000' }, fee: { amount: '0' } });
    await expect.poll(async () => (await carol(ops.get('MyMoney')!)).data.withdrawals.edges[0].node.status, { timeout: 10_000 }).toBe('COMPLETED');
    const money = (await carol(ops.get('MyMoney')!)).data;
    expect(money.wallets[0].balance).toEqual({ posted: { amount: '2500' }, pending: { amount: '0' }, available: { amount: '2500' } });
    expect(money.wallets[0].transactions.edges.map((e: any) => e.node.kind)).toEqual(['WITHDRAWAL', 'TRANSFER_OUT', 'DEPOSIT']);

    // "use an admin or finance token": the admin's. Carol's 2,500 is below the threshold; nothing else holds USD.
    const run = await postAs(gw, ops.get('PayEveryone')!, await login(gw, ops, 'admin@example.com', 'your password'));
    expect(run.errors).toBeUndefined();
    expect(run.data.startPayoutRun.status).toMatch(/^(RUNNING|COMPLETED)$/);
  });

  it('runs the cashback path as written: a merchant, its offer, Carol’s purchase, confirmation and payout', async () => {
    const ops = await readmeOperations();
    expect([...ops.keys()].slice(13, 20)).toEqual(['OpenShop', 'VerifyShop', 'FivePercentBack', 'BuyBooks', 'MyCashback', 'ConfirmBooks', 'CashbackOut']);
    const admin = await login(gw, ops, 'admin@example.com', 'your password');
    const carol = await login(gw, ops, 'carol@example.com', 'correct horse battery');
    const as = async (auth: string, name: string) => {
      const answer = await postAs(gw, ops.get(name)!, auth);
      expect(answer.errors, `${name}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
      return answer.data;
    };

    expect((await as(admin, 'OpenShop')).createMerchant).toEqual({ id: 'mer_1', status: 'PENDING_VERIFICATION' });
    expect((await as(admin, 'VerifyShop')).verifyMerchant.status).toBe('ACTIVE');
    expect((await as(admin, 'FivePercentBack')).createOffer).toMatchObject({ status: 'ACTIVE', budgetLeft: { amount: '10000' } });
    const bought = (await as(admin, 'BuyBooks')).recordPurchase;
    expect(bought).toEqual({ id: 'pur_1', status: 'PENDING', cashback: { amount: '1000' }, cappedBy: null, noCashbackReason: null });
    // "sent again, the same purchase comes back".
    expect((await as(admin, 'BuyBooks')).recordPurchase.id).toBe('pur_1');

    const pending = await as(carol, 'MyCashback');
    expect(pending.cashbackSummary).toEqual([{ currency: 'USD', pending: { amount: '1000' }, confirmed: { amount: '0' }, available: { amount: '2500' }, paidOut: { amount: '0' } }]);
    expect(pending.purchases.edges.map((e: any) => e.node)).toEqual([{ id: 'pur_1', externalId: 'order-0001', status: 'PENDING', cashback: { amount: '1000' } }]);

    expect((await as(admin, 'ConfirmBooks')).confirmPurchase).toEqual({ id: 'pur_1', status: 'CONFIRMED', cashback: { amount: '1000' } });
    expect((await as(carol, 'MyCashback')).cashbackSummary[0]).toMatchObject({ pending: { amount: '0' }, confirmed: { amount: '1000' }, available: { amount: '3500' } });
    expect((await as(carol, 'CashbackOut')).requestPayout).toMatchObject({ status: 'REQUESTED', amount: { amount: '1000' } });
    expect((await as(carol, 'MyCashback')).cashbackSummary[0].available).toEqual({ amount: '2500' });
  });
});
