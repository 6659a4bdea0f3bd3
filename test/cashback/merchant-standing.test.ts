import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { errorCode, expectLedgerVerified } from '../testkit/ledger-fixtures.js';
import { answersWithin } from '../testkit/notify-latency.js';
import { countStatements } from '../testkit/statement-count.js';
import { CbActivateMerchant, CbCreateMerchant, CbRecordPurchase, CbSuspendMerchant, CbVerifyMerchant, ok } from './cashback-fixtures.js';

// A purchase reads its merchant's status, and whether the caller acts for it, from a cache each
// gateway keeps until the merchant's status or users change. Each change is NOTIFYed in its own
// transaction, so a user removed or a merchant suspended through gateway A is refused by gateway
// B on the next request once the notification has crossed (the tests allow 2 s, far below the
// cache's 60 s backstop, so only the invalidation can make them pass).

const CbAddMerchantUser = graphql(`mutation CbAddMerchantUser($input: AddMerchantUserInput!) { addMerchantUser(input: $input) { id users { id } } }`);
const CbRemoveMerchantUser = graphql(`mutation CbRemoveMerchantUser($input: RemoveMerchantUserInput!) { removeMerchantUser(input: $input) { id users { id } } }`);

let a: TestGateway;
let b: TestGateway;
beforeAll(async () => { [a, b] = await Promise.all([startTestGateway(), startTestGateway()]); });
afterAll(async () => {
  try { await expectLedgerVerified(a); } finally { await Promise.all([a?.close(), b?.close()]); }
});

const standingRead = (text: string) => /^select m\.status from merchant m/.test(text);

async function merchantWithOwner(): Promise<{ id: string; owner: TestCaller; customer: TestCaller }> {
  const owner = await a.user(Role.MERCHANT, 'standing-shop');
  const customer = await a.user(Role.CUSTOMER, 'standing-customer');
  const { id } = ok(await a.request(CbCreateMerchant, { input: { name: 'Standing', slug: uniq('standing').toLowerCase(), defaultCurrency: 'USD', userIds: [`usr_${owner.userId}`] } })).createMerchant;
  ok(await a.request(CbVerifyMerchant, { id }));
  return { id, owner, customer };
}

/** A purchase of the merchant recorded on B by its owner. */
const purchaseOnB = (shop: { id: string; owner: TestCaller; customer: TestCaller }) => b.as(shop.owner).request(CbRecordPurchase, {
  input: { merchantId: shop.id, externalId: uniq('ord'), customerId: `usr_${shop.customer.userId}`, amount: '1000', currency: 'USD', occurredAt: new Date(Date.now() - 1_000).toISOString() },
});

describe('a merchant’s standing, cached per gateway', () => {
  it('is read once, then served from the cache', async () => {
    const shop = await merchantWithOwner();
    ok(await purchaseOnB(shop));
    expect(await countStatements(async () => ok(await purchaseOnB(shop)), standingRead)).toBe(0);
  });

  it('refuses a user removed through A on B with NOT_FOUND, and takes it again once added back', async () => {
    const shop = await merchantWithOwner();
    ok(await purchaseOnB(shop));
    const removed = ok(await a.request(CbRemoveMerchantUser, { input: { merchantId: shop.id, userId: `usr_${shop.owner.userId}` } })).removeMerchantUser;
    expect(removed.users).toEqual([]);
    await answersWithin(() => purchaseOnB(shop), 'NOT_FOUND');
    // Removing one who no longer acts for it is a no-op.
    ok(await a.request(CbRemoveMerchantUser, { input: { merchantId: shop.id, userId: `usr_${shop.owner.userId}` } }));
    ok(await a.request(CbAddMerchantUser, { input: { merchantId: shop.id, userId: `usr_${shop.owner.userId}` } }));
    await answersWithin(() => purchaseOnB(shop), undefined);
  });

  it('refuses purchases of a merchant suspended through A on B with MERCHANT_NOT_ACTIVE, and takes them once it is active again', async () => {
    const shop = await merchantWithOwner();
    ok(await purchaseOnB(shop));
    ok(await a.request(CbSuspendMerchant, { id: shop.id }));
    await answersWithin(() => purchaseOnB(shop), 'MERCHANT_NOT_ACTIVE');
    ok(await a.request(CbActivateMerchant, { id: shop.id }));
    await answersWithin(() => purchaseOnB(shop), undefined);
  });

  // Each gateway batches its own purchases; the two batches meet on the purchase's unique key, and
  // the loser's transaction runs again and finds the purchase recorded.
  it('records a purchase sent 10 times at once to each of two gateways once, every answer the same purchase', async () => {
    const shop = await merchantWithOwner();
    const input = { merchantId: shop.id, externalId: uniq('ord'), customerId: `usr_${shop.customer.userId}`, amount: '1000', currency: 'USD', occurredAt: new Date(Date.now() - 1_000).toISOString() };
    const sends = [a, b].flatMap((gw) => Array.from({ length: 10 }, () => gw.as(shop.owner).request(CbRecordPurchase, { input })));
    const ids = (await Promise.all(sends)).map((result) => ok(result).recordPurchase.id);
    expect(new Set(ids).size).toBe(1);
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from cashback_purchase where external_id = ${input.externalId}`.execute(a.services.orm.em.fork().getKysely());
    expect(rows[0].n).toBe('1');
  });

  it('refuses removeMerchantUser to anyone but staff, and an unknown merchant with NOT_FOUND', async () => {
    const shop = await merchantWithOwner();
    const asOwner = await a.as(shop.owner).request(CbRemoveMerchantUser, { input: { merchantId: shop.id, userId: `usr_${shop.owner.userId}` } });
    expect(errorCode(asOwner)).toBe('FORBIDDEN');
    const unknown = await a.request(CbRemoveMerchantUser, { input: { merchantId: 'mer_999999999', userId: `usr_${shop.owner.userId}` } });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const malformed = await a.request(CbRemoveMerchantUser, { input: { merchantId: 'nope', userId: `usr_${shop.owner.userId}` } });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
  });
});
