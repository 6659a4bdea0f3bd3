import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chooseOffer, cutCashback, nettedAgainst, offerCashback, offerStatusAt, refundTakesBack, splitClawback, type OfferTerms,
} from '../../src/cashback/index.js';
import { CappedBy, NoCashbackReason, OfferKind, OfferStatus } from '../../src/cashback/index.js';

const day = 86_400_000;
const now = new Date('2026-06-01T12:00:00Z');
const offer = (id: string, kind: OfferKind, rate: bigint, extra: Partial<OfferTerms> = {}): OfferTerms => ({
  id, kind, rate, currency: 'USD', status: OfferStatus.ACTIVE, startsAt: new Date(now.getTime() - day), endsAt: new Date(now.getTime() + day), minimumPurchase: 0n, ...extra,
});

describe('what an offer pays', () => {
  it.each([
    ['5% of 1999 rounds down', OfferKind.PERCENTAGE, 500n, 1999n, 99n],
    ['1 bp of 9999 is 0', OfferKind.PERCENTAGE, 1n, 9999n, 0n],
    ['100% of 1', OfferKind.PERCENTAGE, 10_000n, 1n, 1n],
    ['3.33% of 10000', OfferKind.PERCENTAGE, 333n, 10_000n, 333n],
    ['above 2^53, exact', OfferKind.PERCENTAGE, 250n, 2n ** 60n, (2n ** 60n * 250n) / 10_000n],
    ['fixed, whatever the amount', OfferKind.FIXED, 150n, 7n, 150n],
  ])('%s', (_what, kind, rate, amount, expected) => {
    expect(offerCashback({ kind, rate }, amount)).toBe(expected);
  });
});

describe('the cap and the budget', () => {
  it.each([
    ['no cut', 100n, null, 1000n, 100n, null],
    ['the user cap cuts', 100n, 40n, 1000n, 40n, CappedBy.USER_CAP],
    ['the budget cuts', 100n, null, 30n, 30n, CappedBy.BUDGET],
    ['both cut: the budget last', 100n, 40n, 10n, 10n, CappedBy.BUDGET],
    ['the cap cuts, the budget has enough for what is left', 100n, 40n, 50n, 40n, CappedBy.USER_CAP],
    ['an exhausted cap grants 0', 100n, 0n, 1000n, 0n, CappedBy.USER_CAP],
    ['an exhausted budget grants 0', 100n, null, 0n, 0n, CappedBy.BUDGET],
    ['exactly the budget is no cut', 100n, null, 100n, 100n, null],
  ])('%s', (_what, cashback, cap, budget, granted, cappedBy) => {
    expect(cutCashback(cashback, cap, budget)).toEqual({ granted, cappedBy });
  });
});

describe('which offer applies', () => {
  const at = { amount: 10_000n, currency: 'USD', occurredAt: now };
  it.each([
    ['none active', [offer('1', OfferKind.PERCENTAGE, 100n, { status: OfferStatus.PAUSED })], NoCashbackReason.NO_OFFER],
    ['another currency only', [offer('1', OfferKind.PERCENTAGE, 100n, { currency: 'EUR' })], NoCashbackReason.NO_OFFER],
    ['outside the window', [offer('1', OfferKind.PERCENTAGE, 100n, { endsAt: now })], NoCashbackReason.OUTSIDE_WINDOW],
    ['below the minimum', [offer('1', OfferKind.PERCENTAGE, 100n, { minimumPurchase: 10_001n })], NoCashbackReason.BELOW_MINIMUM],
  ])('%s: no cashback, with the reason', (_what, offers, reason) => {
    expect(chooseOffer(offers, at)).toEqual({ reason });
  });

  it('the one that pays most, the oldest among equals; the window includes its start', () => {
    const offers = [offer('2', OfferKind.FIXED, 100n), offer('3', OfferKind.PERCENTAGE, 200n), offer('1', OfferKind.PERCENTAGE, 200n), offer('4', OfferKind.FIXED, 150n, { startsAt: now })];
    expect(chooseOffer(offers, at)).toMatchObject({ offer: { id: '1' }, cashback: 200n });
    expect(chooseOffer(offers, { ...at, amount: 1000n })).toMatchObject({ offer: { id: '4' }, cashback: 150n });
  });

  it('an offer shows ENDED once its window has closed', () => {
    expect(offerStatusAt(OfferStatus.ACTIVE, now, now)).toBe(OfferStatus.ENDED);
    expect(offerStatusAt(OfferStatus.PAUSED, new Date(now.getTime() + 1), now)).toBe(OfferStatus.PAUSED);
  });
});

describe('refunds, clawbacks and netting', () => {
  it.each([
    ['a tenth of 333', 333n, 10_000n, 0n, 1_000n, 33n],
    ['then three tenths more', 333n, 10_000n, 1_000n, 3_000n, 100n],
    ['then the rest takes the remainder', 333n, 10_000n, 4_000n, 6_000n, 200n],
    ['1 of 3 on 1 cashback', 1n, 3n, 0n, 1n, 0n],
    ['a full refund takes all', 99n, 1999n, 0n, 1999n, 99n],
  ])('%s', (_what, cashback, amount, before, now_, expected) => {
    expect(refundTakesBack(cashback, amount, before, now_)).toBe(expected);
  });

  it('partial refunds in any split take back exactly what one refund of their sum takes', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (cashback, amount, weights) => {
      const total = weights.reduce((a, b) => a + b, 0) || 1;
      let before = 0n;
      let taken = 0n;
      for (const w of weights) {
        const part = (amount * BigInt(w)) / BigInt(total);
        taken += refundTakesBack(cashback, amount, before, part);
        before += part;
      }
      expect(taken).toBe((cashback * before) / amount);
      expect(refundTakesBack(cashback, amount, before, amount - before) + taken).toBe(cashback);
    }));
  });

  it.each([
    ['covered', 100n, 500n, { fromWallet: 100n, shortfall: 0n }],
    ['partly covered', 500n, 200n, { fromWallet: 200n, shortfall: 300n }],
    ['empty wallet', 500n, 0n, { fromWallet: 0n, shortfall: 500n }],
    ['overdrawn (held) wallet', 500n, -10n, { fromWallet: 0n, shortfall: 500n }],
  ])('clawback %s', (_what, amount, available, expected) => {
    expect(splitClawback(amount, available)).toEqual(expected);
  });

  it.each([[0n, 100n, 0n], [30n, 100n, 30n], [300n, 100n, 100n]])('netting a debt of %s against %s repays %s', (debt, cashback, expected) => {
    expect(nettedAgainst(debt, cashback)).toBe(expected);
  });
});
