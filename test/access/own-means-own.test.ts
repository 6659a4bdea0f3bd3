import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type CallerClient, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { accessMatrix, type CallerKind } from './access-matrix.js';

// The matrix test shows that an `own` cell is not refused. This one shows that `own` means own: for
// every query a customer or merchant may call on its own things, the caller reads its own object
// and never another user's, by id, by code or in a list, even when it names the other user.
// A new query with an `own` row and no check here fails the completeness test below.

const doc = (text: string) => parse(text) as TypedDocumentNode<any, any>;

interface Things { userId: string; accountId: string; accountCode: string; entryId: string; walletId: string; withdrawalId: string; payoutId: string }

/** What a query answers for the caller: the ids it shows (empty when refused or null). */
type Probe = (client: CallerClient, target: Things, mine: boolean) => Promise<string[]>;

async function ids(client: CallerClient, text: string, variables: Record<string, unknown>, pick: (data: any) => (string | undefined | null)[]): Promise<string[]> {
  const result = await client.request(doc(text), variables);
  if (result.errors) return [];
  return pick(result.data).filter((id): id is string => typeof id === 'string');
}

const edges = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);

/** Each probe asks for the target user's thing of one kind, and returns the ids the caller was shown. */
const probes: Record<string, { probe: Probe; thing: keyof Things }> = {
  account: { thing: 'accountId', probe: (c, t) => ids(c, 'query Own($id: ID!) { account(id: $id) { id } }', { id: t.accountId }, (d) => [d.account?.id]) },
  accountByCode: { thing: 'accountId', probe: (c, t) => ids(c, 'query Own($code: String!) { accountByCode(code: $code) { id } }', { code: t.accountCode }, (d) => [d.accountByCode?.id]) },
  accounts: { thing: 'accountId', probe: (c, t) => ids(c, 'query Own($owner: ID) { accounts(first: 100, filter: { ownerId: $owner }) { edges { node { id } } } }', { owner: `usr_${t.userId}` }, (d) => edges(d.accounts)) },
  entry: { thing: 'entryId', probe: (c, t) => ids(c, 'query Own($id: ID!) { entry(id: $id) { id } }', { id: t.entryId }, (d) => [d.entry?.id]) },
  entries: { thing: 'entryId', probe: (c, t) => ids(c, 'query Own($account: ID) { entries(first: 100, filter: { accountId: $account }) { edges { node { id } } } }', { account: t.accountId }, (d) => edges(d.entries)) },
  node: { thing: 'walletId', probe: (c, t) => ids(c, 'query Own($id: ID!) { node(id: $id) { id } }', { id: t.walletId }, (d) => [d.node?.id]) },
  wallet: { thing: 'walletId', probe: (c, t) => ids(c, 'query Own($id: ID!) { wallet(id: $id) { id } }', { id: t.walletId }, (d) => [d.wallet?.id]) },
  // Naming a user is for staff (FORBIDDEN even for oneself): a caller lists its own with no userId.
  wallets: { thing: 'walletId', probe: (c, t, mine) => ids(c, 'query Own($user: ID) { wallets(userId: $user) { id } }', { user: mine ? undefined : `usr_${t.userId}` }, (d) => d.wallets.map((w: { id: string }) => w.id)) },
  withdrawal: { thing: 'withdrawalId', probe: (c, t) => ids(c, 'query Own($id: ID!) { withdrawal(id: $id) { id } }', { id: t.withdrawalId }, (d) => [d.withdrawal?.id]) },
  withdrawals: { thing: 'withdrawalId', probe: (c, t) => ids(c, 'query Own($user: ID) { withdrawals(first: 100, filter: { userId: $user }) { edges { node { id } } } }', { user: `usr_${t.userId}` }, (d) => edges(d.withdrawals)) },
  payout: { thing: 'payoutId', probe: (c, t) => ids(c, 'query Own($id: ID!) { payout(id: $id) { id } }', { id: t.payoutId }, (d) => [d.payout?.id]) },
  payouts: { thing: 'payoutId', probe: (c, t) => ids(c, 'query Own($user: ID) { payouts(first: 100, filter: { userId: $user }) { edges { node { id } } } }', { user: `usr_${t.userId}` }, (d) => edges(d.payouts)) },
};

const Mine = doc(`query Mine {
  wallets { id account { id code entries(first: 1) { edges { node { id } } } } }
  withdrawals(first: 1) { edges { node { id } } }
  payouts(first: 1) { edges { node { id } } }
}`);

let gw: TestGateway;
const people: Partial<Record<CallerKind, { caller: TestCaller; things: Things }[]>> = {};

/** A user with an account (its wallet's), an entry on it, a withdrawal and a payout, read back as the user sees them. */
async function owner(role: Role): Promise<{ caller: TestCaller; things: Things }> {
  const caller = await gw.user(role, `own-${role.toLowerCase()}`);
  const { wallets, payouts } = gw.services;
  await wallets.service.deposit({ userId: caller.userId, currency: 'USD', amount: '5000', reference: uniq('own-ref'), idempotencyKey: uniq('own-dep') });
  await wallets.withdrawals.request({ userId: caller.userId, currency: 'USD', amount: '10', destination: 'sim:succeed', idempotencyKey: uniq('own-wd') });
  await payouts.service.request({ userId: caller.userId, currency: 'USD', amount: '1000', idempotencyKey: uniq('own-po') });
  const mine = await gw.as(caller).request(Mine, {});
  expect(mine.errors, JSON.stringify(mine.errors)).toBeUndefined();
  const wallet = mine.data.wallets[0];
  return {
    caller,
    things: {
      userId: caller.userId, accountId: wallet.account.id, accountCode: wallet.account.code, entryId: wallet.account.entries.edges[0].node.id,
      walletId: wallet.id, withdrawalId: mine.data.withdrawals.edges[0].node.id, payoutId: mine.data.payouts.edges[0].node.id,
    },
  };
}

beforeAll(async () => {
  gw = await startTestGateway({ PAYOUT_CANCEL_WINDOW_SECONDS: '0' });
  for (const kind of ['CUSTOMER', 'MERCHANT'] as const) people[kind] = [await owner(Role[kind]), await owner(Role[kind])];
});
afterAll(async () => { await gw?.close(); });

describe('own means own', () => {
  const ownRows = Object.entries(accessMatrix.Query).filter(([, row]) => row.CUSTOMER === 'own' || row.MERCHANT === 'own').map(([name]) => name);

  it('has a probe for every query a customer or merchant may call on its own things', () => {
    expect(Object.keys(probes).sort()).toEqual(ownRows.sort());
  });

  for (const name of ownRows) {
    it(`Query.${name}: shows a customer and a merchant their own, never another user's`, async () => {
      const { probe, thing } = probes[name];
      for (const kind of ['CUSTOMER', 'MERCHANT'] as const) {
        const [me, other] = people[kind]!;
        const client = gw.as(me.caller);
        expect(await probe(client, me.things, true), `${name} as ${kind}: its own`).toContain(me.things[thing]);
        const shown = await probe(client, other.things, false);
        expect(shown, `${name} as ${kind}: another ${kind.toLowerCase()}'s`).not.toContain(other.things[thing]);
        // And whatever it does show when it names the other user is its own.
        for (const id of shown) expect(id, `${name} as ${kind} shows only its own`).toBe(me.things[thing]);
      }
    });
  }
});
