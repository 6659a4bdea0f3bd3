import { describe, expect, it } from 'vitest';
import { cashbackErrorCodes } from '../../src/cashback/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { errorCode, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { balanceOf } from '../wallets/wallet-fixtures.js';
import {
  activeMerchant, activeOffer, CbCreateMerchant, CbCreateOffer, CbPurchases, CbRecordPurchase, CbSuspendMerchant, confirm, ok, purchaseInput, record, refund, reverse, type Shop,
} from './cashback-fixtures.js';

let gw: TestGateway;
gatewayForFile((g) => { gw = g; });

/** How many purchases and how much pending cashback the customer has: equal before and after a refusal, nothing was written. */
async function written(customer: TestCaller) {
  const list = ok(await gw.as(customer).request(CbPurchases, { first: 100 })).purchases.edges.length;
  return { list, balance: await balanceOf(gw.as(customer)) };
}

type Row = [code: string, what: string, send: (shop: Shop, customer: TestCaller) => Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] }>];

const at = () => new Date(Date.now() - 1000).toISOString();
const rows: Row[] = [
  ['BAD_USER_INPUT', 'an empty external id', (s, c) => s.client.request(CbRecordPurchase, { input: { ...purchaseInput(s, c, '100'), externalId: ' ' } })],
  ['BAD_USER_INPUT', 'a NUL-free but too long external id', (s, c) => s.client.request(CbRecordPurchase, { input: { ...purchaseInput(s, c, '100'), externalId: 'x'.repeat(201) } })],
  ['BAD_USER_INPUT', 'both customer id and email', (s, c) => s.client.request(CbRecordPurchase, { input: { ...purchaseInput(s, c, '100'), customerEmail: c.email } })],
  ['BAD_USER_INPUT', 'a purchase in the future', (s, c) => s.client.request(CbRecordPurchase, { input: { ...purchaseInput(s, c, '100'), occurredAt: new Date(Date.now() + 86_400_000).toISOString() } })],
  ['BAD_USER_INPUT', 'a malformed merchant id', (s, c) => s.client.request(CbRecordPurchase, { input: { ...purchaseInput(s, c, '100'), merchantId: 'usr_1' } })],
  ['INVALID_AMOUNT', 'an amount that is not a number', (s, c) => s.client.request(CbRecordPurchase, { input: purchaseInput(s, c, '12.5') })],
  ['AMOUNT_NOT_POSITIVE', 'a zero amount', (s, c) => s.client.request(CbRecordPurchase, { input: purchaseInput(s, c, '0') })],
  ['INVALID_CURRENCY', 'a currency that is not ISO 4217', (s, c) => s.client.request(CbRecordPurchase, { input: purchaseInput(s, c, '100', { currency: 'usd1' }) })],
  ['CURRENCY_NOT_SUPPORTED', 'a currency wallets are not kept in', (s, c) => s.client.request(CbRecordPurchase, { input: purchaseInput(s, c, '100', { currency: 'JPY' }) })],
  ['NOT_FOUND', 'another merchant', async (s, c) => s.client.request(CbRecordPurchase, { input: { ...purchaseInput(s, c, '100'), merchantId: (await activeMerchant(gw)).id } })],
  ['CUSTOMER_NOT_FOUND', 'an unknown customer', (s, c) => s.client.request(CbRecordPurchase, { input: { ...purchaseInput(s, c, '100'), customerId: 'usr_999999999' } })],
  ['MERCHANT_NOT_ACTIVE', 'a suspended merchant', async (s, c) => {
    const other = await activeMerchant(gw);
    ok(await gw.request(CbSuspendMerchant, { id: other.id }));
    return other.client.request(CbRecordPurchase, { input: purchaseInput(other, c, '100') });
  }],
];

describe('recordPurchase refuses bad input with one code each, and writes nothing', () => {
  it('every code is one of the module’s, the ledger’s or the wallets’', () => {
    for (const [code] of rows) expect([...cashbackErrorCodes, 'INVALID_AMOUNT', 'AMOUNT_NOT_POSITIVE', 'INVALID_CURRENCY', 'CURRENCY_NOT_SUPPORTED']).toContain(code);
  });

  it.each(rows)('%s: %s', async (code, _what, send) => {
    const shop = await activeMerchant(gw);
    await activeOffer(shop);
    const customer = await gw.user(Role.CUSTOMER, 'cb-bad');
    const before = await written(customer);
    const result = await send(shop, customer);
    expect(errorCode(result), JSON.stringify(result.errors)).toBe(code);
    expect(await written(customer)).toEqual(before);
  });
});

describe('the other operations refuse with their codes', () => {
  it('offers, changes and merchants', async () => {
    const shop = await activeMerchant(gw);
    const customer = await gw.user(Role.CUSTOMER, 'cb-bad2');
    const bad = (input: Record<string, unknown>) => shop.client.request(CbCreateOffer, { input: { merchantId: shop.id, name: 'x', kind: 'PERCENTAGE', basisPoints: 100, currency: 'USD', startsAt: at(), endsAt: new Date(Date.now() + 1e6).toISOString(), budget: '100', ...input } as never });
    expect(errorCode(await bad({ basisPoints: 10_001 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await bad({ endsAt: at() }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await bad({ budget: '-1' }))).toBe('AMOUNT_NOT_POSITIVE');
    expect(errorCode(await bad({ kind: 'FIXED', basisPoints: null }))).toBe('BAD_USER_INPUT');
    await activeOffer(shop);
    const bought = await record(shop, customer, '1000');
    expect(errorCode(await refund(shop, bought.id, 'abc'))).toBe('INVALID_AMOUNT');
    expect(errorCode(await confirm(shop, 'pur_999999999'))).toBe('NOT_FOUND');
    const stranger = await activeMerchant(gw);
    expect(errorCode(await reverse(stranger, bought.id)), 'another merchant’s purchase').toBe('NOT_FOUND');
    const key = uniq('k');
    ok(await shop.client.request((await import('./cashback-fixtures.js')).CbConfirm, { input: { id: bought.id, idempotencyKey: key } }));
    expect(errorCode(await shop.client.request((await import('./cashback-fixtures.js')).CbReverse, { input: { id: bought.id, idempotencyKey: key } }))).toBe('IDEMPOTENCY_KEY_REUSED');
    const slug = uniq('dup').toLowerCase();
    ok(await gw.request(CbCreateMerchant, { input: { name: 'A', slug, defaultCurrency: 'USD' } }));
    expect(errorCode(await gw.request(CbCreateMerchant, { input: { name: 'B', slug, defaultCurrency: 'USD' } }))).toBe('MERCHANT_SLUG_TAKEN');
    expect(errorCode(await gw.request(CbCreateMerchant, { input: { name: 'C', slug: 'Not A Slug', defaultCurrency: 'USD' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gw.request(CbCreateMerchant, { input: { name: 'C', slug: uniq('s').toLowerCase(), defaultCurrency: 'USD', userIds: [`usr_${customer.userId}`] } }))).toBe('USER_NOT_MERCHANT');
  });
});
