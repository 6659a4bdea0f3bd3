import { describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { errorCode, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { balanceOf, openWallet } from '../wallets/wallet-fixtures.js';
import { activeMerchant, activeOffer, CbOffer, CbPurchase, CbRecordPurchase, confirm, ok, purchaseInput, reverse } from './cashback-fixtures.js';

let gw: TestGateway;
gatewayForFile((g) => { gw = g; });

describe('concurrent purchases never overspend', () => {
  it('100 purchases at once against a budget that covers 10: exactly the budget is granted', async () => {
    const shop = await activeMerchant(gw);
    const offer = await activeOffer(shop, { kind: 'FIXED', fixedAmount: '100', budget: '1000' });
    const customers = await Promise.all(Array.from({ length: 10 }, () => gw.user(Role.CUSTOMER, 'cb-race')));
    await Promise.all(customers.map((c) => openWallet(gw.as(c))));
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => shop.client.request(CbRecordPurchase, { input: purchaseInput(shop, customers[i % 10], '1000') })));
    const purchases = results.map((r) => ok(r).recordPurchase);
    const granted = purchases.reduce((sum, p) => sum + BigInt(p.cashback.amount), 0n);
    expect(granted).toBe(1000n);
    expect(purchases.filter((p) => p.cashback.amount === '100')).toHaveLength(10);
    expect(purchases.filter((p) => p.cashback.amount === '0').every((p) => p.cappedBy === 'BUDGET')).toBe(true);
    expect(ok(await gw.request(CbOffer, { id: offer.id })).offer).toMatchObject({ budgetUsed: { amount: '1000' }, budgetLeft: { amount: '0' } });
    const pending = await Promise.all(customers.map(async (c) => BigInt((await balanceOf(gw.as(c))).pending)));
    expect(pending.reduce((a, b) => a + b, 0n)).toBe(1000n);
  });

  it('100 purchases at once by one user against a cap of 250 (budget ample): 250 granted, the last cut by USER_CAP', async () => {
    const shop = await activeMerchant(gw);
    await activeOffer(shop, { kind: 'FIXED', fixedAmount: '30', perUserCap: '250' });
    const kim = await gw.user(Role.CUSTOMER, 'cb-cap');
    await openWallet(gw.as(kim));
    const results = await Promise.all(Array.from({ length: 100 }, () => shop.client.request(CbRecordPurchase, { input: purchaseInput(shop, kim, '500') })));
    const purchases = results.map((r) => ok(r).recordPurchase);
    expect(purchases.reduce((sum, p) => sum + BigInt(p.cashback.amount), 0n)).toBe(250n);
    expect(purchases.filter((p) => p.cashback.amount === '10')).toEqual([expect.objectContaining({ cappedBy: 'USER_CAP' })]);
    expect((await balanceOf(gw.as(kim))).pending).toBe('250');
  });

  it('the same purchase sent 20 times at once records once; every answer is that purchase', async () => {
    const shop = await activeMerchant(gw);
    await activeOffer(shop, { basisPoints: 1000 });
    const lee = await gw.user(Role.CUSTOMER, 'cb-idem');
    await openWallet(gw.as(lee));
    const input = purchaseInput(shop, lee, '2000', { externalId: uniq('same') });
    const results = await Promise.all(Array.from({ length: 20 }, () => shop.client.request(CbRecordPurchase, { input })));
    const ids = new Set(results.map((r) => ok(r).recordPurchase.id));
    expect(ids.size).toBe(1);
    expect(await balanceOf(gw.as(lee))).toEqual({ posted: '0', pending: '200', available: '0' });
    expect(errorCode(await shop.client.request(CbRecordPurchase, { input: { ...input, amount: '2001' } }))).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a confirm racing a reversal ends in one state, with postings to match', async () => {
    const shop = await activeMerchant(gw);
    await activeOffer(shop, { basisPoints: 1000 });
    for (let round = 0; round < 5; round += 1) {
      const max = await gw.user(Role.CUSTOMER, 'cb-cvr');
      const bought = ok(await shop.client.request(CbRecordPurchase, { input: purchaseInput(shop, max, '1000') })).recordPurchase;
      const [confirmed, reversed] = await Promise.all([confirm(shop, bought.id), reverse(shop, bought.id)]);
      expect(reversed.errors, JSON.stringify(reversed.errors)).toBeUndefined();
      const final = ok(await shop.client.request(CbPurchase, { id: bought.id })).purchase!;
      expect(final.status).toBe('REVERSED');
      const kinds = final.history.map((h) => h.kind);
      if (confirmed.errors) {
        expect(errorCode(confirmed)).toBe('PURCHASE_ALREADY_REVERSED');
        expect(kinds).toEqual(['RECORDED', 'REVERSED']);
      } else {
        expect(kinds).toEqual(['RECORDED', 'CONFIRMED', 'REVERSED']);
      }
      expect(await balanceOf(gw.as(max))).toEqual({ posted: '0', pending: '0', available: '0' });
    }
  });
});
