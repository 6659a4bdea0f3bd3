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
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => { await gw?.close(); });

describe("the README's first session", () => {
  it('works as written, step by step', async () => {
    const ops = await readmeOperations();
    expect([...ops.keys()]).toEqual(['Login', 'OpenAccounts', 'WatchAlice', 'Deposit', 'Hold', 'Capture', 'Alice']);
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
});
