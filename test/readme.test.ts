import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { Role } from '../src/platform/auth/roles.js';
import { startTestGateway, type TestCaller, type TestGateway } from './testkit/gateway.js';
import { recordSecret } from './testkit/secrets.js';
import { collect } from './testkit/subscriptions.js';

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

async function postAs(gw: TestGateway, query: string, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization && { authorization }) };
  const response = await fetch(gw.url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return response.json() as Promise<{ data?: any; errors?: { extensions?: { code?: string } }[] }>;
}

let gw: TestGateway;
// HUF is this file's own currency, for the README's payout run.
beforeAll(async () => { gw = await startTestGateway({ WALLET_CURRENCIES: 'USD,EUR,GBP,HUF' }); });
afterAll(async () => { await gw?.close(); });

describe("the README's first session", () => {
  it('works as written, step by step', async () => {
    const ops = await readmeOperations();
    expect([...ops.keys()].slice(0, 7)).toEqual(['Login', 'OpenAccounts', 'WatchAlice', 'Deposit', 'Hold', 'Capture', 'Alice']);
    // The test database is shared by the run, so the README's fixed codes get a suffix here.
    const suffix = `-${Date.now()}`;
    const local = (text: string) => text.replaceAll('bank:usd', `bank:usd${suffix}`).replaceAll('wallet:alice:usd', `wallet:alice:usd${suffix}`)
      .replaceAll('"deposit-0001"', `"deposit-0001${suffix}"`).replaceAll('"hold-0001"', `"hold-0001${suffix}"`).replaceAll('"capture-0001"', `"capture-0001${suffix}"`);

    // What `npm run admin:create` does (test/identity/create-admin.test.ts runs the command itself).
    const email = `admin${suffix}@example.com`;
    const password = `Readme-${suffix}-pw`;
    recordSecret(password);
    await gw.services.identity.createUser(email, password, Role.ADMIN, gw.finance.userId);
    expect((await postAs(gw, ops.get('OpenAccounts')!)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const login = await postAs(gw, ops.get('Login')!.replace('admin@example.com', email).replace('your password', password));
    expect(login.data.login.user.role).toBe('ADMIN');
    recordSecret(login.data.login.accessToken);
    recordSecret(login.data.login.refreshToken);
    const auth = `Bearer ${login.data.login.accessToken}`;
    const post = (gw: TestGateway, query: string) => postAs(gw, query, auth);

    const opened = await post(gw, local(ops.get('OpenAccounts')!));
    expect(opened.errors).toBeUndefined();
    const aliceId: string = opened.data.alice.id;
    const admin: TestCaller = { ...gw.finance, headers: { authorization: auth } };
    const watch = collect(gw.as(admin).ws(), parse(ops.get('WatchAlice')!.replace('"acc_2"', `"${aliceId}"`)) as never, {} as never);

    const deposit = await post(gw, local(ops.get('Deposit')!));
    expect(deposit.data.postEntry.status).toBe('POSTED');
    expect((await post(gw, local(ops.get('Deposit')!))).data.postEntry.id).toBe(deposit.data.postEntry.id);
    const changed = await post(gw, local(ops.get('Deposit')!).replaceAll('"2500"', '"2600"'));
    expect(changed.errors?.[0].extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const hold = await post(gw, local(ops.get('Hold')!));
    expect(hold.data.postEntry.status).toBe('PENDING');
    const capture = await post(gw, local(ops.get('Capture')!).replace('"ent_2"', `"${hold.data.postEntry.id}"`));
    expect(capture.data.commitPendingEntry.pendingEntry.status).toBe('COMMITTED');

    const alice = await post(gw, local(ops.get('Alice')!));
    expect(alice.data.accountByCode.balance).toEqual({ posted: { amount: '1700' }, available: { amount: '1700' } });
    expect(alice.data.accountByCode.lastMonth.posted.amount).toBe('0');
    expect(alice.data.verifyLedger.ok).toBe(true);

    // The subscription is live-only (no `after`), so it may start after the deposit; the capture,
    // two requests later, is the last change it must show.
    await expect.poll(() => (watch.items.at(-1) as any)?.balanceChanged.balance.posted.amount, { timeout: 10_000 }).toBe('1700');
    watch.stop();
  });

  it("runs the wallet session as written: sign up, top up, pay, cash out, look, pay everyone", async () => {
    const ops = await readmeOperations();
    expect([...ops.keys()].slice(7)).toEqual(['SignUp', 'TopUp', 'PayAdmin', 'CashOut', 'MyMoney', 'PayEveryone']);
    const suffix = `-${Date.now()}`;
    const carolEmail = `carol${suffix}@example.com`;
    const adminEmail = `admin-w${suffix}@example.com`;
    const local = (text: string) => text.replaceAll('carol@example.com', carolEmail).replaceAll('admin@example.com', adminEmail)
      .replace(/"(bank-ref|topup|pay|cashout)-0001"/g, `"$1-0001${suffix}"`);
    recordSecret(`Readme-${suffix}-pw`);
    await gw.services.identity.createUser(adminEmail, `Readme-${suffix}-pw`, Role.ADMIN, gw.finance.userId);

    expect((await postAs(gw, local(ops.get('SignUp')!))).data.register.email).toBe(carolEmail);
    const login = await gw.services.identity.login(carolEmail, 'correct horse battery', '127.0.0.1');
    recordSecret(login.accessToken);
    recordSecret(login.refreshToken);
    const carol = (query: string) => postAs(gw, local(query), `Bearer ${login.accessToken}`);

    expect((await carol(ops.get('TopUp')!)).data.deposit.wallet.balance.available).toEqual({ amount: '10000', currency: 'USD' });
    expect((await carol(ops.get('TopUp')!)).data.deposit.kind).toBe('DEPOSIT');
    expect((await carol(ops.get('PayAdmin')!)).data.transfer).toMatchObject({ kind: 'TRANSFER_OUT', counterparty: { email: adminEmail } });
    const cashOut = await carol(ops.get('CashOut')!);
    expect(cashOut.data.requestWithdrawal).toMatchObject({ status: 'PENDING', amount: { amount: '5000' }, fee: { amount: '0' } });
    await expect.poll(async () => (await carol(ops.get('MyMoney')!)).data.withdrawals.edges[0].node.status, { timeout: 10_000 }).toBe('COMPLETED');
    const money = (await carol(ops.get('MyMoney')!)).data;
    expect(money.wallets[0].balance).toEqual({ posted: { amount: '2500' }, pending: { amount: '0' }, available: { amount: '2500' } });
    expect(money.wallets[0].transactions.edges.map((e: any) => e.node.kind)).toEqual(['WITHDRAWAL', 'TRANSFER_OUT', 'DEPOSIT']);

    // A run over the currency pays every wallet above the threshold: here a currency of its own, so
    // the other tests' USD wallets are left alone.
    const admin = await gw.services.identity.login(adminEmail, `Readme-${suffix}-pw`, '127.0.0.1');
    recordSecret(admin.accessToken);
    recordSecret(admin.refreshToken);
    const run = await postAs(gw, local(ops.get('PayEveryone')!).replace('"USD"', '"HUF"'), `Bearer ${admin.accessToken}`);
    expect(run.errors).toBeUndefined();
    expect(run.data.startPayoutRun.status).toMatch(/^(RUNNING|COMPLETED)$/);
  });
});
