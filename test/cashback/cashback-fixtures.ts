import { expect } from 'vitest';
import { graphql } from '../gql/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type CallerClient, type TestCaller, type TestGateway } from '../testkit/gateway.js';

// Typed documents of the cashback tests (test/cashback/*.test.ts); every operation name starts with "Cb".

export const CbCreateMerchant = graphql(`
  mutation CbCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id name slug status defaultCurrency users { id } } }
`);
export const CbVerifyMerchant = graphql(`mutation CbVerifyMerchant($id: ID!) { verifyMerchant(input: { id: $id }) { id status verifiedAt } }`);
export const CbSuspendMerchant = graphql(`mutation CbSuspendMerchant($id: ID!) { suspendMerchant(input: { id: $id }) { id status } }`);
export const CbActivateMerchant = graphql(`mutation CbActivateMerchant($id: ID!) { activateMerchant(input: { id: $id }) { id status } }`);
export const CbCreateOffer = graphql(`
  mutation CbCreateOffer($input: CreateOfferInput!) {
    createOffer(input: $input) { id kind status basisPoints fixedAmount { amount } budget { amount } budgetUsed { amount } budgetLeft { amount } perUserCap { amount } }
  }
`);
export const CbSetOfferStatus = graphql(`mutation CbSetOfferStatus($input: SetOfferStatusInput!) { setOfferStatus(input: $input) { id status } }`);
export const CbOffer = graphql(`query CbOffer($id: ID!) { offer(id: $id) { id status budgetUsed { amount } budgetLeft { amount } } }`);
export const CbRecordPurchase = graphql(`
  mutation CbRecordPurchase($input: RecordPurchaseInput!) {
    recordPurchase(input: $input) { id externalId status merchantId customerId amount { amount currency } cashback { amount } cashbackGranted { amount }
      cashbackReversed { amount } clawedBack { amount } shortfall { amount } netted { amount } refunded { amount } cappedBy noCashbackReason
      pendingEntryId confirmationEntryId }
  }
`);
export const CbConfirm = graphql(`
  mutation CbConfirm($input: ConfirmPurchaseInput!) { confirmPurchase(input: $input) { id status cashback { amount } netted { amount } confirmationEntryId } }
`);
export const CbReverse = graphql(`
  mutation CbReverse($input: ReversePurchaseInput!) { reversePurchase(input: $input) { id status cashback { amount } clawedBack { amount } shortfall { amount } } }
`);
export const CbRefund = graphql(`
  mutation CbRefund($input: RefundPurchaseInput!) { refundPurchase(input: $input) { id status cashback { amount } cashbackReversed { amount } refunded { amount } clawedBack { amount } } }
`);
export const CbPurchase = graphql(`
  query CbPurchase($id: ID!) { purchase(id: $id) { id status cashback { amount } history { kind status reason } merchant { id } offer { id } } }
`);
export const CbPurchases = graphql(`
  query CbPurchases($filter: PurchaseFilterInput, $first: Int) { purchases(filter: $filter, first: $first) { edges { node { id status customerId merchantId } } } }
`);
export const CbSummary = graphql(`
  query CbSummary($userId: ID) { cashbackSummary(userId: $userId) { currency pending { amount } confirmed { amount } available { amount } paidOut { amount } clawedBack { amount } owed { amount } } }
`);
export const CbCashbackChanged = graphql(`
  subscription CbCashbackChanged($after: String) { cashbackChanged(after: $after) { sequence status purchase { id status cashback { amount } } } }
`);
export const CbPurchaseRecorded = graphql(`
  subscription CbPurchaseRecorded($after: String) { purchaseRecorded(after: $after) { sequence purchase { id externalId } } }
`);

export const CbWalletsOwed = graphql(`query CbWalletsOwed { wallets { currency cashbackOwed { amount currency } } }`);

export function ok<R>(result: { data?: R | null; errors?: readonly unknown[] }): R {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

export interface Shop { id: string; owner: TestCaller; client: CallerClient }

/** An ACTIVE merchant with one MERCHANT user of its own. */
export async function activeMerchant(gw: TestGateway, currency = 'USD'): Promise<Shop> {
  const owner = await gw.user(Role.MERCHANT, 'cb-shop');
  const created = ok(await gw.request(CbCreateMerchant, { input: { name: 'Shop', slug: uniq('shop').toLowerCase(), defaultCurrency: currency, userIds: [`usr_${owner.userId}`] } })).createMerchant;
  ok(await gw.request(CbVerifyMerchant, { id: created.id }));
  return { id: created.id, owner, client: gw.as(owner) };
}

type OfferTerms = { kind?: 'PERCENTAGE' | 'FIXED'; basisPoints?: number; fixedAmount?: string; budget?: string; perUserCap?: string; minimumPurchase?: string; currency?: string; startsAt?: string; endsAt?: string };

/** An ACTIVE offer whose window is open from an hour ago for a day, unless told otherwise. */
export async function activeOffer(shop: Shop, terms: OfferTerms = {}) {
  const kind = terms.kind ?? 'PERCENTAGE';
  return ok(await shop.client.request(CbCreateOffer, {
    input: {
      merchantId: shop.id, name: 'Offer', kind, basisPoints: kind === 'PERCENTAGE' ? terms.basisPoints ?? 500 : undefined,
      fixedAmount: kind === 'FIXED' ? terms.fixedAmount ?? '100' : undefined, currency: terms.currency ?? 'USD',
      startsAt: terms.startsAt ?? new Date(Date.now() - 3_600_000).toISOString(), endsAt: terms.endsAt ?? new Date(Date.now() + 86_400_000).toISOString(),
      budget: terms.budget ?? '1000000', perUserCap: terms.perUserCap, minimumPurchase: terms.minimumPurchase, activate: true,
    },
  })).createOffer;
}

/** Records a purchase through the merchant's own user and fails the test on any error. */
export async function record(shop: Shop, customer: TestCaller, amount: string, extra: { externalId?: string; currency?: string; occurredAt?: string } = {}) {
  return ok(await shop.client.request(CbRecordPurchase, { input: purchaseInput(shop, customer, amount, extra) })).recordPurchase;
}

export function purchaseInput(shop: Shop, customer: TestCaller, amount: string, extra: { externalId?: string; currency?: string; occurredAt?: string } = {}) {
  return {
    merchantId: shop.id, externalId: extra.externalId ?? uniq('ord'), customerId: `usr_${customer.userId}`, amount,
    currency: extra.currency ?? 'USD', occurredAt: extra.occurredAt ?? new Date(Date.now() - 60_000).toISOString(),
  };
}

export const confirm = (shop: Shop, id: string) => shop.client.request(CbConfirm, { input: { id, idempotencyKey: uniq('confirm') } });
export const reverse = (shop: Shop, id: string) => shop.client.request(CbReverse, { input: { id, idempotencyKey: uniq('reverse') } });
export const refund = (shop: Shop, id: string, amount: string) => shop.client.request(CbRefund, { input: { id, amount, idempotencyKey: uniq('refund') } });

/** The customer's cashback summary in the currency. */
export async function summaryOf(client: CallerClient, currency = 'USD') {
  const rows = ok(await client.request(CbSummary, {})).cashbackSummary;
  const row = rows.find((r) => r.currency === currency);
  return row && { pending: row.pending.amount, confirmed: row.confirmed.amount, available: row.available.amount, paidOut: row.paidOut.amount, clawedBack: row.clawedBack.amount, owed: row.owed.amount };
}
