import { describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type CallerClient, type TestGateway } from '../testkit/gateway.js';
import { privateDatabase } from '../testkit/private-database.js';
import { errorCode, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';
import { balanceOf, MyWallets, Transfer, WalletHistory } from '../wallets/wallet-fixtures.js';
import {
  activeMerchant, activeOffer, CbCashbackChanged, CbWalletsOwed, CbRecordPurchase, CbOffer, CbPurchase, CbPurchaseRecorded, CbSuspendMerchant, confirm, ok, record, refund, reverse, summaryOf,
} from './cashback-fixtures.js';

let gw: TestGateway;
gatewayForFile((g) => { gw = g; }, { CASHBACK_CONFIRMATION_DAYS: '7' });

describe('a purchase from record to confirmation', () => {
  it('holds 5% as pending, then confirmation makes it available; the offer’s budget shows it used', async () => {
    const shop = await activeMerchant(gw);
    const offer = await activeOffer(shop, { basisPoints: 500, budget: '100000' });
    const alice = await gw.user(Role.CUSTOMER, 'cb-alice');
    const bought = await record(shop, alice, '1999');
    // 5% of 1999 is 99.95: rounded down to 99.
    expect(bought).toMatchObject({ status: 'PENDING', cashback: { amount: '99' }, cappedBy: null, noCashbackReason: null });
    expect(await balanceOf(gw.as(alice))).toEqual({ posted: '0', pending: '99', available: '0' });
    expect(await summaryOf(gw.as(alice))).toMatchObject({ pending: '99', confirmed: '0', available: '0' });
    expect(ok(await shop.client.request(CbOffer, { id: offer.id })).offer).toMatchObject({ budgetUsed: { amount: '99' }, budgetLeft: { amount: '99901' } });

    const confirmed = ok(await confirm(shop, bought.id)).confirmPurchase;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', cashback: { amount: '99' } });
    expect(await balanceOf(gw.as(alice))).toEqual({ posted: '99', pending: '0', available: '99' });
    expect(await summaryOf(gw.as(alice))).toMatchObject({ pending: '0', confirmed: '99', available: '99', owed: '0' });
    const seen = ok(await gw.as(alice).request(CbPurchase, { id: bought.id })).purchase!;
    expect(seen.history.map((h) => h.kind)).toEqual(['RECORDED', 'CONFIRMED']);
    expect(seen.merchant, 'the customer does not see the merchant’s profile').toBeNull();
    expect(errorCode(await confirm(shop, bought.id))).toBe('PURCHASE_NOT_PENDING');
  });

  it('records zero cashback with the reason outside every window or below the minimum', async () => {
    const shop = await activeMerchant(gw);
    const bob = await gw.user(Role.CUSTOMER, 'cb-bob');
    expect(await record(shop, bob, '1000')).toMatchObject({ cashback: { amount: '0' }, noCashbackReason: 'NO_OFFER', pendingEntryId: null });
    await activeOffer(shop, { minimumPurchase: '5000' });
    expect(await record(shop, bob, '1000')).toMatchObject({ cashback: { amount: '0' }, noCashbackReason: 'BELOW_MINIMUM' });
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    expect(await record(shop, bob, '9000', { occurredAt: old })).toMatchObject({ cashback: { amount: '0' }, noCashbackReason: 'OUTSIDE_WINDOW' });
  });

  it('applies the offer that pays most: a 2% offer beats a fixed 50 on 10000, the fixed one wins on 1000', async () => {
    const shop = await activeMerchant(gw);
    const pct = await activeOffer(shop, { basisPoints: 200 });
    const fixed = await activeOffer(shop, { kind: 'FIXED', fixedAmount: '50' });
    const carol = await gw.user(Role.CUSTOMER, 'cb-carol');
    const big = await record(shop, carol, '10000');
    const small = await record(shop, carol, '1000');
    expect(big.cashback.amount).toBe('200');
    expect(small.cashback.amount).toBe('50');
    expect(ok(await shop.client.request(CbPurchase, { id: big.id })).purchase!.offer!.id).toBe(pct.id);
    expect(ok(await shop.client.request(CbPurchase, { id: small.id })).purchase!.offer!.id).toBe(fixed.id);
  });

  it('refuses a suspended merchant’s purchases with MERCHANT_NOT_ACTIVE, but replays one it recorded before', async () => {
    const shop = await activeMerchant(gw);
    const dan = await gw.user(Role.CUSTOMER, 'cb-dan');
    const externalId = uniq('ord');
    const occurredAt = new Date(Date.now() - 1_000).toISOString();
    const first = await record(shop, dan, '500', { externalId, occurredAt });
    ok(await gw.request(CbSuspendMerchant, { id: shop.id }));
    expect((await record(shop, dan, '500', { externalId, occurredAt })).id).toBe(first.id);
    const refused = await shop.client.request(CbRecordPurchase, { input: { merchantId: shop.id, externalId: uniq('ord'), customerId: `usr_${dan.userId}`, amount: '500', currency: 'USD', occurredAt } });
    expect(errorCode(refused)).toBe('MERCHANT_NOT_ACTIVE');
  });
});

/** The customer's USD wallet history, oldest first: kind, status, amount, description. */
async function historyOf(client: CallerClient) {
  const wallets = ok(await client.request(MyWallets, {})).wallets;
  const usd = wallets.find((w) => w.currency === 'USD')!;
  const edges = ok(await client.request(WalletHistory, { id: usd.id, first: 50 })).wallet!.transactions.edges;
  return edges.map(({ node }) => `${node.kind} ${node.direction} ${node.status} ${node.amount.amount} ${node.description}`).reverse();
}

describe('cashback in the wallet’s history', () => {
  it('shows cashback held, confirmed, refunded in part, clawed back and repaid, each line naming its purchase', async () => {
    const shop = await activeMerchant(gw);
    await activeOffer(shop, { basisPoints: 1000 });
    const gil = await gw.user(Role.CUSTOMER, 'cb-gil');
    const friend = await gw.user(Role.CUSTOMER, 'cb-gil-friend');
    const first = await record(shop, gil, '5000');
    expect(await historyOf(gw.as(gil))).toEqual([`CASHBACK IN PENDING 500 Cashback on purchase ${first.id} (pending)`]);
    ok(await confirm(shop, first.id));
    expect(await historyOf(gw.as(gil))).toEqual([`CASHBACK IN COMPLETED 500 Cashback on purchase ${first.id}`]);
    // She spends 300, then the purchase is reversed: 200 comes back from the wallet, 300 becomes owed.
    ok(await gw.as(gil).request(Transfer, { input: { toUserId: `usr_${friend.userId}`, currency: 'USD', amount: '300', idempotencyKey: uniq('t') } }));
    ok(await reverse(shop, first.id));
    const second = await record(shop, gil, '4000');
    // A partial refund while pending: the hold of 400 is cancelled and one of 200 held instead.
    ok(await refund(shop, second.id, '2000'));
    ok(await confirm(shop, second.id));
    const lines = await historyOf(gw.as(gil));
    expect(lines.slice(2)).toEqual([
      `CASHBACK_CLAWBACK OUT COMPLETED 200 Cashback taken back (purchase ${first.id})`,
      `CASHBACK IN CANCELLED 400 Cashback on purchase ${second.id} (cancelled)`,
      `CASHBACK IN COMPLETED 200 Cashback on purchase ${second.id}`,
      `CASHBACK_CLAWBACK OUT COMPLETED 200 Cashback taken back (purchase ${second.id})`,
    ]);
    expect(await balanceOf(gw.as(gil))).toEqual({ posted: '0', pending: '0', available: '0' });
  });

  it('cancels the held line when the purchase is reversed before confirmation', async () => {
    const shop = await activeMerchant(gw);
    await activeOffer(shop, { basisPoints: 1000 });
    const hal = await gw.user(Role.CUSTOMER, 'cb-hal');
    const bought = await record(shop, hal, '3000');
    ok(await reverse(shop, bought.id));
    expect(await historyOf(gw.as(hal))).toEqual([`CASHBACK IN CANCELLED 300 Cashback on purchase ${bought.id} (cancelled)`]);
  });
});

describe('reversal, refunds and clawback', () => {
  it('voids the hold when reversed before confirmation, and gives the budget back', async () => {
    const shop = await activeMerchant(gw);
    const offer = await activeOffer(shop, { basisPoints: 1000, budget: '5000' });
    const eve = await gw.user(Role.CUSTOMER, 'cb-eve');
    const bought = await record(shop, eve, '3000');
    const reversed = ok(await reverse(shop, bought.id)).reversePurchase;
    expect(reversed).toMatchObject({ status: 'REVERSED', cashback: { amount: '0' }, clawedBack: { amount: '0' } });
    expect(await balanceOf(gw.as(eve))).toEqual({ posted: '0', pending: '0', available: '0' });
    expect(ok(await shop.client.request(CbOffer, { id: offer.id })).offer!.budgetUsed.amount).toBe('0');
    expect(errorCode(await reverse(shop, bought.id))).toBe('PURCHASE_ALREADY_REVERSED');
  });

  it('claws back confirmed cashback; what the customer already spent becomes owed and is netted against the next cashback', async () => {
    const shop = await activeMerchant(gw);
    await activeOffer(shop, { basisPoints: 1000 });
    const fay = await gw.user(Role.CUSTOMER, 'cb-fay');
    const friend = await gw.user(Role.CUSTOMER, 'cb-friend');
    const first = await record(shop, fay, '5000');
    ok(await confirm(shop, first.id));
    // Fay spends 300 of her 500 cashback.
    ok(await gw.as(fay).request(Transfer, { input: { toUserId: `usr_${friend.userId}`, currency: 'USD', amount: '300', idempotencyKey: uniq('t') } }));
    const clawed = ok(await reverse(shop, first.id)).reversePurchase;
    expect(clawed).toMatchObject({ status: 'REVERSED', clawedBack: { amount: '500' }, shortfall: { amount: '300' } });
    expect(await balanceOf(gw.as(fay))).toEqual({ posted: '0', pending: '0', available: '0' });
    expect(await summaryOf(gw.as(fay))).toMatchObject({ owed: '300', clawedBack: '500' });
    // The debt shows on her wallet too, to her and to staff.
    expect(ok(await gw.as(fay).request(CbWalletsOwed, {})).wallets).toEqual([{ currency: 'USD', cashbackOwed: { amount: '300', currency: 'USD' } }]);
    const second = await record(shop, fay, '4000');
    const netted = ok(await confirm(shop, second.id)).confirmPurchase;
    expect(netted).toMatchObject({ status: 'CONFIRMED', netted: { amount: '300' } });
    expect(await balanceOf(gw.as(fay))).toEqual({ posted: '100', pending: '0', available: '100' });
    expect(await summaryOf(gw.as(fay))).toMatchObject({ owed: '0', confirmed: '400', available: '100' });
    expect(ok(await gw.as(fay).request(CbWalletsOwed, {})).wallets).toEqual([{ currency: 'USD', cashbackOwed: { amount: '0', currency: 'USD' } }]);
  });

  it('reverses a proportional part on partial refunds, pending or confirmed; a refund of the rest reverses the purchase', async () => {
    const shop = await activeMerchant(gw);
    await activeOffer(shop, { basisPoints: 333 });
    const gus = await gw.user(Role.CUSTOMER, 'cb-gus');
    const bought = await record(shop, gus, '10000');
    expect(bought.cashback.amount).toBe('333');
    // floor(333 × 1000 / 10000) = 33 taken back while PENDING: the hold is replaced by one of 300.
    expect(ok(await refund(shop, bought.id, '1000')).refundPurchase).toMatchObject({ status: 'PENDING', cashback: { amount: '300' }, refunded: { amount: '1000' } });
    expect(await balanceOf(gw.as(gus))).toEqual({ posted: '0', pending: '300', available: '0' });
    ok(await confirm(shop, bought.id));
    // floor(333 × 4000 / 10000) − 33 = 133 − 33 = 100, clawed back from the wallet.
    expect(ok(await refund(shop, bought.id, '3000')).refundPurchase).toMatchObject({ status: 'CONFIRMED', cashback: { amount: '200' }, clawedBack: { amount: '100' } });
    expect(await balanceOf(gw.as(gus))).toEqual({ posted: '200', pending: '0', available: '200' });
    expect(errorCode(await refund(shop, bought.id, '6001'))).toBe('REFUND_EXCEEDS_PURCHASE');
    expect(ok(await refund(shop, bought.id, '6000')).refundPurchase).toMatchObject({ status: 'REVERSED', cashback: { amount: '0' }, cashbackReversed: { amount: '333' } });
    expect(await balanceOf(gw.as(gus))).toEqual({ posted: '0', pending: '0', available: '0' });
  });
});

describe('the return window and live updates', () => {
  // On a database of its own: a clock moved eight days ahead confirms every purchase due by then,
  // and on the shared database it confirmed the purchases other test files were checking as PENDING.
  it('the worker confirms a purchase PENDING for CASHBACK_CONFIRMATION_DAYS, by the module’s clock, once', async () => {
    const db = await privateDatabase('cashback_clock');
    const own = await startTestGateway({ CASHBACK_CONFIRMATION_DAYS: '7', DATABASE_URL: db.url });
    try {
      const shop = await activeMerchant(own);
      await activeOffer(shop, { basisPoints: 100 });
      const hal = await own.user(Role.CUSTOMER, 'cb-hal');
      const bought = await record(shop, hal, '10000');
      const { clock, worker } = own.services.cashback;
      const real = clock.now;
      try {
        clock.now = () => new Date(Date.now() + 6 * 86_400_000);
        worker.poke();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(ok(await own.as(hal).request(CbPurchase, { id: bought.id })).purchase!.status, 'six days in: still in the window').toBe('PENDING');
        clock.now = () => new Date(Date.now() + 8 * 86_400_000);
        worker.poke();
        await expect.poll(async () => ok(await own.as(hal).request(CbPurchase, { id: bought.id })).purchase!.status, { timeout: 10_000 }).toBe('CONFIRMED');
        worker.poke();
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        clock.now = real;
      }
      const history = ok(await own.as(hal).request(CbPurchase, { id: bought.id })).purchase!.history;
      expect(history.map((h) => h.kind)).toEqual(['RECORDED', 'CONFIRMED']);
      expect(await balanceOf(own.as(hal))).toEqual({ posted: '100', pending: '0', available: '100' });
    } finally {
      await own.close();
      await db.drop();
    }
  });

  it('streams cashbackChanged to the customer and purchaseRecorded to the merchant, resumable with after', async () => {
    const shop = await activeMerchant(gw);
    await activeOffer(shop, { basisPoints: 100 });
    const ivy = await gw.user(Role.CUSTOMER, 'cb-ivy');
    const mine = collect(gw.as(ivy).ws(), CbCashbackChanged, { after: '0' });
    const theirs = collect(shop.client.ws(), CbPurchaseRecorded, { after: '0' });
    const bought = await record(shop, ivy, '10000');
    ok(await confirm(shop, bought.id));
    await expect.poll(() => mine.items.length, { timeout: 10_000 }).toBe(2);
    expect(mine.items.map((i) => i.cashbackChanged.status)).toEqual(['PENDING', 'CONFIRMED']);
    await expect.poll(() => theirs.items.length, { timeout: 10_000 }).toBe(1);
    expect(theirs.items[0].purchaseRecorded.purchase.id).toBe(bought.id);
    mine.stop();
    const resumed = collect(gw.as(ivy).ws(), CbCashbackChanged, { after: mine.items[0].cashbackChanged.sequence });
    await expect.poll(() => resumed.items.length, { timeout: 10_000 }).toBe(1);
    expect(resumed.items[0].cashbackChanged.status).toBe('CONFIRMED');
    resumed.stop();
    theirs.stop();
  });
});
