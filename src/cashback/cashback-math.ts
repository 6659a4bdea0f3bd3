// The cashback arithmetic, pure and in integers (bigint minor units): which offer applies, what it
// pays, how the cap and the budget cut it, and what a partial refund takes back. Table-tested.
import { CappedBy, NoCashbackReason, OfferKind, OfferStatus } from './cashback.enums.js';

export interface OfferTerms {
  id: string;
  kind: OfferKind;
  /** Basis points for PERCENTAGE (1 to 10,000), minor units for FIXED. */
  rate: bigint;
  currency: string;
  status: OfferStatus;
  startsAt: Date;
  endsAt: Date;
  minimumPurchase: bigint;
}

export interface PurchaseFacts { amount: bigint; currency: string; occurredAt: Date }

export type OfferChoice<T extends OfferTerms> = { offer: T; cashback: bigint } | { reason: NoCashbackReason };

/** What an offer pays on a purchase before any cut: a percentage rounds down to the minor unit. */
export function offerCashback(offer: Pick<OfferTerms, 'kind' | 'rate'>, amount: bigint): bigint {
  return offer.kind === OfferKind.PERCENTAGE ? (amount * offer.rate) / 10_000n : offer.rate;
}

/** Whether the offer's window contains the instant: from `startsAt` (included) to `endsAt` (excluded). */
export function inWindow(offer: Pick<OfferTerms, 'startsAt' | 'endsAt'>, at: Date): boolean {
  return offer.startsAt.getTime() <= at.getTime() && at.getTime() < offer.endsAt.getTime();
}

/**
 * The offer that applies to a purchase. Candidates are the merchant's ACTIVE offers in the purchase's
 * currency whose window contains `occurredAt` and whose minimum the amount meets; of those, the one
 * that pays the customer most before the cap and the budget cut it, and among equals the oldest
 * (lowest id). With no candidate, the reason names the first test every offer failed.
 */
export function chooseOffer<T extends OfferTerms>(offers: readonly T[], purchase: PurchaseFacts): OfferChoice<T> {
  const active = offers.filter((o) => o.status === OfferStatus.ACTIVE && o.currency === purchase.currency);
  if (active.length === 0) return { reason: NoCashbackReason.NO_OFFER };
  const open = active.filter((o) => inWindow(o, purchase.occurredAt));
  if (open.length === 0) return { reason: NoCashbackReason.OUTSIDE_WINDOW };
  const eligible = open.filter((o) => purchase.amount >= o.minimumPurchase);
  if (eligible.length === 0) return { reason: NoCashbackReason.BELOW_MINIMUM };
  let best = { offer: eligible[0], cashback: offerCashback(eligible[0], purchase.amount) };
  for (const offer of eligible.slice(1)) {
    const cashback = offerCashback(offer, purchase.amount);
    if (cashback > best.cashback || (cashback === best.cashback && BigInt(offer.id) < BigInt(best.offer.id))) best = { offer, cashback };
  }
  return best;
}

/**
 * Cuts cashback to what the user's cap has left (null: no cap), then to what the budget has left;
 * `cappedBy` names the last cut that took something off.
 */
export function cutCashback(cashback: bigint, capLeft: bigint | null, budgetLeft: bigint): { granted: bigint; cappedBy: CappedBy | null } {
  let granted = cashback;
  let cappedBy: CappedBy | null = null;
  if (capLeft !== null && granted > capLeft) { granted = capLeft < 0n ? 0n : capLeft; cappedBy = CappedBy.USER_CAP; }
  if (granted > budgetLeft) { granted = budgetLeft < 0n ? 0n : budgetLeft; cappedBy = CappedBy.BUDGET; }
  return { granted, cappedBy };
}

/**
 * The cashback a refund takes back. Computed from cumulative totals: after refunds totalling R of
 * an amount A, floor(cashback × R / A) has been taken back in all, so several partial refunds take
 * back exactly what one refund of their sum would, and a full refund takes back everything. The
 * rounding down favours the customer by less than one minor unit until the purchase is refunded in full.
 */
export function refundTakesBack(cashback: bigint, amount: bigint, refundedBefore: bigint, refundNow: bigint): bigint {
  return (cashback * (refundedBefore + refundNow)) / amount - (cashback * refundedBefore) / amount;
}

/** How a clawback is met: from what the wallet has available first, the rest becomes the customer's debt. */
export function splitClawback(amount: bigint, walletAvailable: bigint): { fromWallet: bigint; shortfall: bigint } {
  const fromWallet = walletAvailable <= 0n ? 0n : walletAvailable < amount ? walletAvailable : amount;
  return { fromWallet, shortfall: amount - fromWallet };
}

/** What of newly available cashback repays the customer's earlier debt (a clawback's shortfall). */
export function nettedAgainst(debt: bigint, cashback: bigint): bigint {
  return debt <= 0n ? 0n : debt < cashback ? debt : cashback;
}

/** The status an offer shows: ENDED once its window has closed, whatever it was set to. */
export function offerStatusAt(status: OfferStatus, endsAt: Date, now: Date): OfferStatus {
  return now.getTime() >= endsAt.getTime() ? OfferStatus.ENDED : status;
}
