import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { OfferKind } from '../../src/cashback/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type CallerClient, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { events, linkMerchant, registerProcessor, send } from '../testkit/processor.js';
import { accessMatrix, type CallerKind } from './access-matrix.js';

// The matrix test shows that an `own` cell is not refused. This one shows that `own` means own: for
// every query a customer or merchant may call on its own things, the caller reads its own object
// and never another user's, by id, by code or in a list, even when it names the other user.
// Each role is probed by its own cell: where it is `own` the caller must own such a thing (a
// customer owns no merchant, so its `merchant` row cannot be `own`), and where it is not, the
// caller is shown nothing of anyone's. A new query with an `own` row and no probe here fails the
// completeness test below.

const doc = (text: string) => parse(text) as TypedDocumentNode<any, any>;

interface Things {
  userId: string; accountId: string; accountCode: string; entryId: string; walletId: string; withdrawalId: string; payoutId: string;
  /** A purchase of its own: a customer's as the buyer, a merchant user's as its merchant's sale. */
  purchaseId: string;
  /** Its cashback summary as the probe renders it ("USD:<pending>"), unique to each user. */
  cashbackSummary: string;
  /** A merchant it acts for and that merchant's offer: MERCHANT users only. */
  merchantId?: string; offerId?: string;
  /** A settlement payout of that merchant's: MERCHANT users only. */
  settlementPayoutId?: string;
  /** A payer and its invoice: a customer's as its guardian, a merchant user's at its merchant; and the payer's organisation. */
  payerId: string; invoiceId: string; payerMerchantId: string;
}

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
  merchant: { thing: 'merchantId', probe: (c, t) => ids(c, 'query Own($id: ID!) { merchant(id: $id) { id } }', { id: t.merchantId }, (d) => [d.merchant?.id]) },
  merchants: { thing: 'merchantId', probe: (c) => ids(c, 'query Own { merchants(first: 100) { edges { node { id } } } }', {}, (d) => edges(d.merchants)) },
  offer: { thing: 'offerId', probe: (c, t) => ids(c, 'query Own($id: ID!) { offer(id: $id) { id } }', { id: t.offerId }, (d) => [d.offer?.id]) },
  offers: { thing: 'offerId', probe: (c, t) => ids(c, 'query Own($merchant: ID) { offers(first: 100, merchantId: $merchant) { edges { node { id } } } }', { merchant: t.merchantId }, (d) => edges(d.offers)) },
  purchase: { thing: 'purchaseId', probe: (c, t) => ids(c, 'query Own($id: ID!) { purchase(id: $id) { id } }', { id: t.purchaseId }, (d) => [d.purchase?.id]) },
  // Naming the other's merchant (a merchant user's sale) or the other customer (FORBIDDEN but for staff).
  purchases: {
    thing: 'purchaseId',
    probe: (c, t, mine) => ids(c, 'query Own($filter: PurchaseFilterInput) { purchases(first: 100, filter: $filter) { edges { node { id } } } }',
      { filter: mine ? undefined : t.merchantId ? { merchantId: t.merchantId } : { customerId: `usr_${t.userId}` } }, (d) => edges(d.purchases)),
  },
  // Naming the other's merchant, or none (its own merchants').
  settlementPayouts: {
    thing: 'settlementPayoutId',
    probe: (c, t, mine) => ids(c, 'query Own($merchant: ID) { settlementPayouts(first: 100, filter: { merchantId: $merchant }) { edges { node { id } } } }',
      { merchant: mine ? undefined : t.merchantId }, (d) => edges(d.settlementPayouts)),
  },
  payer: { thing: 'payerId', probe: (c, t) => ids(c, 'query Own($id: ID!) { payer(id: $id) { id } }', { id: t.payerId }, (d) => [d.payer?.id]) },
  // Naming the other's organisation, or none.
  payers: {
    thing: 'payerId',
    probe: (c, t, mine) => ids(c, 'query Own($m: ID) { payers(first: 100, filter: { merchantId: $m }) { edges { node { id } } } }', { m: mine ? undefined : t.payerMerchantId }, (d) => edges(d.payers)),
  },
  invoice: { thing: 'invoiceId', probe: (c, t) => ids(c, 'query Own($id: ID!) { invoice(id: $id) { id } }', { id: t.invoiceId }, (d) => [d.invoice?.id]) },
  // Naming the other's payer, or none.
  invoices: {
    thing: 'invoiceId',
    probe: (c, t, mine) => ids(c, 'query Own($p: ID) { invoices(first: 100, filter: { payerId: $p }) { edges { node { id } } } }', { p: mine ? undefined : t.payerId }, (d) => edges(d.invoices)),
  },
  // A statement has no id: the probe shows the payer or organisation it is of.
  payerStatement: {
    thing: 'payerId',
    probe: (c, t) => ids(c, 'query Own($p: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { payerStatement(payerId: $p, currency: "USD", from: $from, to: $to) { payerId } }',
      { p: t.payerId, from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() }, (d) => [d.payerStatement?.payerId]),
  },
  organisationStatement: {
    thing: 'payerMerchantId',
    probe: (c, t) => ids(c, 'query Own($m: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { organisationStatement(merchantId: $m, currency: "USD", from: $from, to: $to) { merchantId } }',
      { m: t.payerMerchantId, from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() }, (d) => [d.organisationStatement?.merchantId]),
  },
  cashbackSummary: {
    thing: 'cashbackSummary',
    probe: (c, t, mine) => ids(c, 'query Own($user: ID) { cashbackSummary(userId: $user) { currency pending { amount } } }', { user: mine ? undefined : `usr_${t.userId}` },
      (d) => d.cashbackSummary.map((row: { currency: string; pending: { amount: string } }) => `${row.currency}:${row.pending.amount}`)),
  },
};

const Mine = doc(`query Mine {
  wallets { id account { id code entries(first: 1) { edges { node { id } } } } }
  withdrawals(first: 1) { edges { node { id } } }
  payouts(first: 1) { edges { node { id } } }
}`);

let gw: TestGateway;
const people: Partial<Record<CallerKind, { caller: TestCaller; things: Things }[]>> = {};
/** The shop every person buys at (staff's, no users): its purchases give each a summary of its own. */
let shopId: string;
/** Each person's purchase at the shop is a different amount, so each summary is told apart. */
let purchases = 0;

async function activeMerchantWithOffer(userIds: string[]): Promise<{ merchantId: string; offerId: string }> {
  const { merchants, cashback } = gw.services;
  const merchant = await merchants.service.create({ name: 'Own shop', slug: uniq('own-shop').toLowerCase(), defaultCurrency: 'USD', userIds });
  await merchants.service.transition(merchant.id, 'verify');
  const offer = await cashback.offers.create({
    merchantId: merchant.id, name: 'Own offer', kind: OfferKind.PERCENTAGE, basisPoints: 1000, currency: 'USD', startsAt: new Date(Date.now() - 60_000),
    endsAt: new Date(Date.now() + 3_600_000), budget: '1000000', activate: true, memberScope: undefined,
  });
  return { merchantId: merchant.id, offerId: offer.id };
}

async function buy(merchantId: string, customerId: string, amount: string): Promise<string> {
  const { row } = await gw.services.cashback.purchases.record({
    merchantId, externalId: uniq('own-ord'), customerId, amount, currency: 'USD', occurredAt: new Date(Date.now() - 1_000), memberScope: undefined,
  });
  return row.id;
}

/**
 * What a user owns of cashback: a purchase at the shop (its summary); a MERCHANT user also a
 * merchant of its own, its offer, and a sale to a customer of its own.
 */
async function cashbackThings(caller: TestCaller): Promise<Pick<Things, 'purchaseId' | 'cashbackSummary' | 'merchantId' | 'offerId' | 'settlementPayoutId'>> {
  purchases += 1;
  const amount = 1000 + purchases * 10;
  const bought = await buy(shopId, caller.userId, String(amount));
  const cashbackSummary = `USD:${amount / 10}`;
  if (caller.role !== Role.MERCHANT) return { purchaseId: `pur_${bought}`, cashbackSummary };
  const { merchantId, offerId } = await activeMerchantWithOffer([caller.userId]);
  const sold = await buy(merchantId, (await gw.user(Role.CUSTOMER, 'own-buyer')).userId, '500');
  return { purchaseId: `pur_${sold}`, cashbackSummary, merchantId: `mer_${merchantId}`, offerId: `off_${offerId}`, settlementPayoutId: await settlementPayout(`mer_${merchantId}`) };
}

/** A settlement payout of the merchant's: a matured charge at a processor of its own, paid out by a run. */
async function settlementPayout(merchantId: string): Promise<string> {
  const p = await registerProcessor(gw);
  const externalId = uniq('own-acct');
  await linkMerchant(gw, p, merchantId, externalId);
  await send(gw, p, 'charge.succeeded', events.charge(externalId, { occurred_at: events.hoursAgo(72) }));
  const { maturity, runs } = gw.services.settlement;
  for (const id of await maturity.due(10_000)) await maturity.mature(id);
  await runs.run({ runKey: uniq('own-run'), processorId: p.rowId, currency: 'USD', startedById: null });
  const [payout] = edges((await gw.request(doc('query Paid($m: ID) { settlementPayouts(filter: { merchantId: $m }) { edges { node { id } } } }'), { m: merchantId })).data.settlementPayouts);
  return payout;
}

/** A payer with an invoice: at a school of the staff's with the customer as its guardian, or at the merchant user's own merchant. */
async function billingThings(caller: TestCaller, merchantId: string | undefined): Promise<Pick<Things, 'payerId' | 'invoiceId' | 'payerMerchantId'>> {
  const { merchants, billing } = gw.services;
  const schoolId = merchantId?.replace('mer_', '') ?? (await merchants.service.create({ name: 'Own school', slug: uniq('own-school').toLowerCase(), defaultCurrency: 'USD' })).id;
  const payer = await billing.payers.create({ merchantId: schoolId, name: 'Own pupil', guardianIds: caller.role === Role.CUSTOMER ? [caller.userId] : [] }, {});
  const { row } = await billing.invoices.issue({
    payerId: payer.id, number: uniq('own-inv'), currency: 'USD', dueAt: new Date(Date.now() + 86_400_000), lines: [{ description: 'Fee', quantity: 1, unitAmount: '100' }],
  }, {});
  return { payerId: `pyr_${payer.id}`, invoiceId: `inv_${row.id}`, payerMerchantId: `mer_${schoolId}` };
}

/** A user with an account (its wallet's), an entry on it, a withdrawal, a payout and its cashback things, read back as the user sees them. */
async function owner(role: Role): Promise<{ caller: TestCaller; things: Things }> {
  const caller = await gw.user(role, `own-${role.toLowerCase()}`);
  const { wallets, payouts } = gw.services;
  await wallets.service.deposit({ userId: caller.userId, currency: 'USD', amount: '5000', reference: uniq('own-ref'), idempotencyKey: uniq('own-dep') });
  await wallets.withdrawals.request({ userId: caller.userId, currency: 'USD', amount: '10', destination: 'sim:succeed', idempotencyKey: uniq('own-wd') });
  await payouts.service.request({ userId: caller.userId, currency: 'USD', amount: '1000', idempotencyKey: uniq('own-po') });
  const mine = await gw.as(caller).request(Mine, {});
  expect(mine.errors, JSON.stringify(mine.errors)).toBeUndefined();
  const wallet = mine.data.wallets[0];
  const cashback = await cashbackThings(caller);
  return {
    caller,
    things: {
      userId: caller.userId, accountId: wallet.account.id, accountCode: wallet.account.code, entryId: wallet.account.entries.edges[0].node.id,
      walletId: wallet.id, withdrawalId: mine.data.withdrawals.edges[0].node.id, payoutId: mine.data.payouts.edges[0].node.id,
      ...cashback, ...(await billingThings(caller, cashback.merchantId)),
    },
  };
}

beforeAll(async () => {
  gw = await startTestGateway({ PAYOUT_CANCEL_WINDOW_SECONDS: '0' });
  shopId = (await activeMerchantWithOffer([])).merchantId;
  for (const kind of ['CUSTOMER', 'MERCHANT'] as const) people[kind] = [await owner(Role[kind]), await owner(Role[kind])];
});
afterAll(async () => { await gw?.close(); });

describe('own means own', () => {
  const kinds = ['CUSTOMER', 'MERCHANT'] as const;
  const ownRows = Object.entries(accessMatrix.Query).filter(([, row]) => kinds.some((kind) => row[kind] === 'own')).map(([name]) => name);

  it('has a probe for every query a customer or merchant may call on its own things', () => {
    expect(Object.keys(probes).sort()).toEqual(ownRows.sort());
  });

  for (const name of ownRows) {
    const row = accessMatrix.Query[name];
    it(`Query.${name}: ${kinds.map((kind) => `${kind} ${row[kind]}`).join(', ')}: each sees its own, never another user's`, async () => {
      const { probe, thing } = probes[name];
      for (const kind of kinds) {
        const client = gw.as(people[kind]![0].caller);
        // `allow` sees everyone's: there is no bound to check (the matrix test checks it is not refused).
        if (row[kind] === 'allow') continue;
        if (row[kind] === 'deny') {
          // Refused: nothing of anyone who owns such a thing (the matrix test checks the code is FORBIDDEN).
          for (const other of Object.values(people).flatMap((p) => p ?? []).filter((p) => p.things[thing] !== undefined)) {
            expect(await probe(client, other.things, false), `${name} as ${kind} (${row[kind]}): ${other.caller.role.toLowerCase()}'s`).toEqual([]);
          }
          continue;
        }
        const [me, other] = people[kind]!;
        expect(me.things[thing], `${name} is own for ${kind}, but a ${kind.toLowerCase()} owns no ${thing}: change its row or its fixture`).toBeDefined();
        expect(await probe(client, me.things, true), `${name} as ${kind}: its own`).toContain(me.things[thing]);
        const shown = await probe(client, other.things, false);
        expect(shown, `${name} as ${kind}: another ${kind.toLowerCase()}'s`).not.toContain(other.things[thing]);
        // And whatever it does show when it names the other user is its own.
        for (const id of shown) expect(id, `${name} as ${kind} shows only its own`).toBe(me.things[thing]);
      }
    });
  }
});
