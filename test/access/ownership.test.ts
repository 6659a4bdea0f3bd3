import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { errorCode, openAccount, transfer, VerifyLedger } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';

const AccountView = graphql(`
  query AccountView($id: ID!) { account(id: $id) { id ownerId parent { id } balance { posted { amount } } } }
`);
const AccountByCodeView = graphql(`query AccountByCodeView($code: String!) { accountByCode(code: $code) { id } }`);
const MyAccounts = graphql(`query MyAccounts { accounts(first: 100) { edges { node { id ownerId } } } }`);
const MyEntries = graphql(`
  query MyEntries($accountId: ID) {
    entries(first: 100, filter: { accountId: $accountId }) { edges { node { id postings { accountId account { id } } } } }
  }
`);
const EntryView = graphql(`query EntryView($id: ID!) { entry(id: $id) { id } }`);
const NodeView = graphql(`query NodeView($id: ID!) { node(id: $id) { id } }`);
const WatchBalances = graphql(`
  subscription WatchBalances($accountIds: [ID!]!) { balanceChanged(accountIds: $accountIds, after: "0") { accountId balance { posted { amount } } } }
`);
const WatchEntries = graphql(`
  subscription WatchEntries($accountIds: [ID!]) { entryPosted(accountIds: $accountIds, after: "0") { entry { id } } }
`);

const toUserId = (caller: TestCaller) => `usr_${caller.userId}`;

describe('what a customer may see of the ledger', () => {
  let gw: TestGateway;
  let alice: TestCaller;
  let bob: TestCaller;
  let aliceWallet: { id: string; code: string };
  let bobWallet: { id: string; code: string };
  let bank: { id: string };
  let toAlice: string;
  let aliceToBob: string;
  let toBob: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    alice = await gw.user(Role.CUSTOMER, 'alice');
    bob = await gw.user(Role.CUSTOMER, 'bob');
    bank = await openAccount(gw, { type: 'ASSET', allowNegative: true, label: 'bank' });
    const parent = await openAccount(gw, { label: 'wallets' });
    aliceWallet = await openAccount(gw, { ownerId: toUserId(alice), label: 'alice' });
    bobWallet = await openAccount(gw, { ownerId: toUserId(bob), label: 'bob' });
    void parent;
    toAlice = (await transfer(gw, bank.id, aliceWallet.id, '1000')).data!.postEntry.id;
    aliceToBob = (await transfer(gw, aliceWallet.id, bobWallet.id, '300')).data!.postEntry.id;
    toBob = (await transfer(gw, bank.id, bobWallet.id, '50')).data!.postEntry.id;
  });
  afterAll(async () => { await gw?.close(); });

  it('shows a customer its own account, with its owner, and not another customer\'s', async () => {
    const own = await gw.as(alice).request(AccountView, { id: aliceWallet.id });
    expect(own.data?.account).toMatchObject({ id: aliceWallet.id, ownerId: toUserId(alice), balance: { posted: { amount: '700' } } });
    const other = await gw.as(alice).request(AccountView, { id: bobWallet.id });
    expect(other.errors).toBeUndefined();
    expect(other.data?.account).toBeNull();
    expect((await gw.as(alice).request(AccountByCodeView, { code: bobWallet.code })).data?.accountByCode).toBeNull();
    expect((await gw.as(alice).request(NodeView, { id: bobWallet.id })).data?.node).toBeNull();
    expect((await gw.as(alice).request(AccountView, { id: bank.id })).data?.account).toBeNull();
  });

  it('refetches users by node id: oneself and, for staff, anyone', async () => {
    expect((await gw.as(alice).request(NodeView, { id: toUserId(alice) })).data?.node?.id).toBe(toUserId(alice));
    expect((await gw.as(alice).request(NodeView, { id: toUserId(bob) })).data?.node).toBeNull();
    expect((await gw.request(NodeView, { id: toUserId(bob) })).data?.node?.id).toBe(toUserId(bob));
    expect(errorCode(await gw.as(alice).request(NodeView, { id: 'nonsense' }))).toBe('BAD_USER_INPUT');
  });

  it('lists only the customer\'s own accounts, while finance lists everyone\'s', async () => {
    const mine = await gw.as(alice).request(MyAccounts);
    expect(mine.data!.accounts.edges.map((e) => e.node.id)).toEqual([aliceWallet.id]);
    const all = await gw.request(MyAccounts);
    expect(all.data!.accounts.edges.length).toBeGreaterThan(1);
  });

  it('lists only entries that post to the customer\'s accounts, hiding other accounts behind their ids', async () => {
    const mine = await gw.as(alice).request(MyEntries, {});
    const ids = mine.data!.entries.edges.map((e) => e.node.id);
    expect(ids).toEqual([aliceToBob, toAlice]);
    const shared = mine.data!.entries.edges.find((e) => e.node.id === aliceToBob)!;
    expect(shared.node.postings).toEqual([
      { accountId: aliceWallet.id, account: { id: aliceWallet.id } },
      { accountId: bobWallet.id, account: null },
    ]);
    const filteredToBob = await gw.as(alice).request(MyEntries, { accountId: bobWallet.id });
    expect(filteredToBob.data!.entries.edges).toEqual([]);
    expect((await gw.as(alice).request(EntryView, { id: toBob })).data?.entry).toBeNull();
    expect((await gw.as(bob).request(EntryView, { id: aliceToBob })).data?.entry?.id).toBe(aliceToBob);
  });

  it('refuses ledger operations to a customer with FORBIDDEN and to anonymous callers with UNAUTHENTICATED', async () => {
    expect(errorCode(await gw.as(alice).request(VerifyLedger))).toBe('FORBIDDEN');
    const post = await transfer(gw.as(alice) as TestGateway, aliceWallet.id, bobWallet.id, '1');
    expect(errorCode(post)).toBe('FORBIDDEN');
    expect(errorCode(await gw.as(null).request(AccountView, { id: aliceWallet.id }))).toBe('UNAUTHENTICATED');
    const expired = await gw.as(null).request(AccountView, { id: aliceWallet.id }, { authorization: 'Bearer not-a-token' });
    expect(errorCode(expired)).toBe('UNAUTHENTICATED');
    expect(expired.errors![0].message).toMatch(/invalid/);
    const balance = await gw.as(alice).request(AccountView, { id: aliceWallet.id });
    expect(balance.data?.account?.balance.posted.amount).toBe('700');
  });

  it('streams a customer the balances of its own accounts and refuses to watch anyone else\'s', async () => {
    const own = collect(gw.as(alice).ws(), WatchBalances, { accountIds: [aliceWallet.id] });
    const foreign = collect(gw.as(alice).ws(), WatchBalances, { accountIds: [aliceWallet.id, bobWallet.id] });
    const everything = collect(gw.as(alice).ws(), WatchEntries, {});
    const anonymous = collect(gw.as(null).ws(), WatchBalances, { accountIds: [aliceWallet.id] });
    // Each replays from "0": the whole run's outbox when the suite shares one database.
    await expect.poll(() => own.items.length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => foreign.errors.length + anonymous.errors.length + everything.errors.length, { timeout: 10_000 }).toBe(3);
    expect((foreign.errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('FORBIDDEN');
    expect((anonymous.errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('UNAUTHENTICATED');
    expect((everything.errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.items).toEqual([]);
    const entries = collect(gw.as(bob).ws(), WatchEntries, { accountIds: [bobWallet.id] });
    await expect.poll(() => entries.items.map((i) => i.entryPosted.entry.id), { timeout: 10_000 }).toEqual([aliceToBob, toBob]);
    for (const sub of [own, foreign, everything, anonymous, entries]) sub.stop();
  });

  it('refuses a WebSocket whose connectionInit carries a bad token', async () => {
    const forged: TestCaller = { ...alice, headers: { authorization: `Bearer ${uniq('tampered')}` } };
    const refused = collect(gw.as(forged).ws(), WatchBalances, { accountIds: [aliceWallet.id] });
    await expect.poll(() => refused.errors.length).toBe(1);
    expect(refused.errors[0]).toMatchObject({ code: 4401, reason: 'Unauthorized: access token is invalid' });
  });
});
