import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../ledger/index.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { Node } from '../platform/graphql/node.type.js';
import { offerStatusAt } from './cashback-math.js';
import type { OfferRow, PurchaseChangeRow, PurchaseRow } from './cashback.entity.js';
import { CappedBy, NoCashbackReason, OfferKind, OfferStatus, PurchaseChangeKind, PurchaseStatus } from './cashback.enums.js';
import type { CashbackTotals } from './cashback.queries.js';
import { toGlobalId } from './cashback.ids.js';

registerEnumType(OfferKind, { name: 'OfferKind', description: 'PERCENTAGE (basis points of the purchase, rounded down) or FIXED (minor units).' });
registerEnumType(OfferStatus, { name: 'OfferStatus', description: 'DRAFT → ACTIVE ⇄ PAUSED → ENDED (by hand, or once the window has closed). Only ACTIVE offers apply.' });
registerEnumType(PurchaseStatus, { name: 'PurchaseStatus', description: 'PENDING (cashback held) → CONFIRMED (cashback available) → REVERSED, or PENDING → REVERSED.' });
registerEnumType(CappedBy, { name: 'CappedBy', description: 'What cut the cashback: the per-user cap or the offer’s remaining budget.' });
registerEnumType(NoCashbackReason, { name: 'NoCashbackReason', description: 'Why no offer applied: NO_OFFER (none ACTIVE in the currency), OUTSIDE_WINDOW, BELOW_MINIMUM.' });
registerEnumType(PurchaseChangeKind, { name: 'PurchaseChangeKind', description: 'RECORDED, CONFIRMED, REFUNDED or REVERSED.' });

@ObjectType({ implements: Node, description: 'A merchant’s cashback offer, with its budget used and left.' })
export class Offer extends Node {
  row!: OfferRow;
  @Field(() => ID, { description: 'Global id, e.g. "off_4".' }) override id!: string;
  @Field({ description: 'Its name, as the merchant gave it.' }) name!: string;
  @Field(() => OfferKind, { description: 'PERCENTAGE or FIXED.' }) kind!: OfferKind;
  @Field(() => Int, { nullable: true, description: 'PERCENTAGE: basis points (100 = 1%).' }) basisPoints!: number | null;
  @Field(() => Money, { nullable: true, description: 'FIXED: the cashback per purchase.' }) fixedAmount!: Money | null;
  @Field({ description: 'ISO 4217 code of the purchases it applies to.' }) currency!: string;
  @Field({ description: 'The window opens (purchases at or after it apply).' }) startsAt!: Date;
  @Field({ description: 'The window closes (purchases before it apply).' }) endsAt!: Date;
  @Field(() => Money, { nullable: true, description: 'The most cashback one user can hold from this offer; null: no cap.' }) perUserCap!: Money | null;
  @Field(() => Money, { description: 'The total cashback the offer can grant.' }) budget!: Money;
  @Field(() => Money, { description: 'Cashback its purchases grant now (refunds and reversals give it back).' }) budgetUsed!: Money;
  @Field(() => Money, { description: 'What the budget has left.' }) budgetLeft!: Money;
  @Field(() => Money, { description: 'Purchases below this earn nothing from it.' }) minimumPurchase!: Money;
  @Field(() => OfferStatus, { description: 'ENDED once the window has closed, whatever it was set to.' }) status!: OfferStatus;
  @Field({ description: 'When it was created.' }) createdAt!: Date;

  static from(row: OfferRow, now = new Date()): Offer {
    const currency = row.currency.trim();
    const m = (v: string | bigint) => Money.of(BigInt(v), currency);
    return Object.assign(new Offer(), {
      row, id: toGlobalId('Offer', row.id), name: row.name, kind: row.kind,
      basisPoints: row.kind === OfferKind.PERCENTAGE ? Number(row.rate) : null, fixedAmount: row.kind === OfferKind.FIXED ? m(row.rate) : null,
      currency, startsAt: row.startsAt, endsAt: row.endsAt, perUserCap: row.perUserCap == null ? null : m(row.perUserCap),
      budget: m(row.budget), budgetUsed: m(row.budgetUsed), budgetLeft: m(BigInt(row.budget) - BigInt(row.budgetUsed)),
      minimumPurchase: m(row.minimumPurchase), status: offerStatusAt(row.status, row.endsAt, now), createdAt: row.createdAt,
    });
  }
}

@ObjectType({ description: 'One change of a purchase: the audit trail.' })
export class PurchaseChange {
  @Field(() => PurchaseChangeKind, { description: 'What happened.' }) kind!: PurchaseChangeKind;
  @Field(() => PurchaseStatus, { description: 'The status it left the purchase in.' }) status!: PurchaseStatus;
  @Field(() => Money, { description: 'A refund’s amount; the purchase amount for RECORDED; 0 otherwise.' }) amount!: Money;
  @Field(() => Money, { description: 'The cashback this change took back.' }) cashbackTaken!: Money;
  @Field({ description: 'Why, in words.' }) reason!: string;
  @Field({ description: 'When.' }) at!: Date;

  static from(row: PurchaseChangeRow, currency: string): PurchaseChange {
    return Object.assign(new PurchaseChange(), {
      kind: row.kind, status: row.toState, amount: Money.of(BigInt(row.amount), currency), cashbackTaken: Money.of(BigInt(row.cashbackTaken), currency), reason: row.reason, at: row.at,
    });
  }
}

@ObjectType({ implements: Node, description: 'A purchase a merchant recorded, and the cashback it earned its customer. Seen by the customer, the merchant’s users and staff.' })
export class Purchase extends Node {
  row!: PurchaseRow;
  @Field(() => ID, { description: 'Global id, e.g. "pur_9".' }) override id!: string;
  @Field({ description: 'The merchant’s id of the purchase (unique per merchant).' }) externalId!: string;
  @Field(() => ID, { description: 'The merchant’s global id.' }) merchantId!: string;
  @Field(() => ID, { description: 'The customer’s user id.' }) customerId!: string;
  @Field(() => Money, { description: 'What the customer paid.' }) amount!: Money;
  @Field({ description: 'When it happened, as the merchant reported it.' }) occurredAt!: Date;
  @Field(() => PurchaseStatus, { description: 'PENDING, CONFIRMED or REVERSED.' }) status!: PurchaseStatus;
  @Field(() => Money, { description: 'The cashback it grants now: granted minus what refunds and the reversal took back.' }) cashback!: Money;
  @Field(() => Money, { description: 'The cashback granted when it was recorded, after any cut.' }) cashbackGranted!: Money;
  @Field(() => Money, { description: 'What refunds and the reversal took back.' }) cashbackReversed!: Money;
  @Field(() => Money, { description: 'Of that, what was clawed back after confirmation.' }) clawedBack!: Money;
  @Field(() => Money, { description: 'Of the clawbacks, what the wallet could not cover: owed by the customer.' }) shortfall!: Money;
  @Field(() => Money, { description: 'What of its cashback repaid the customer’s earlier debt on confirmation.' }) netted!: Money;
  @Field(() => Money, { description: 'What has been refunded of the amount.' }) refunded!: Money;
  @Field(() => CappedBy, { nullable: true, description: 'What cut the cashback, if anything did.' }) cappedBy!: CappedBy | null;
  @Field(() => NoCashbackReason, { nullable: true, description: 'Why no offer applied, if none did.' }) noCashbackReason!: NoCashbackReason | null;
  @Field(() => ID, { nullable: true, description: 'The pending ledger entry holding its cashback while PENDING.' }) pendingEntryId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The ledger entry of its confirmation.' }) confirmationEntryId!: string | null;
  @Field({ description: 'When it was recorded.' }) recordedAt!: Date;
  @Field({ description: 'When the worker confirms it if it is still PENDING.' }) confirmsAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was confirmed.' }) confirmedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was reversed.' }) reversedAt!: Date | null;

  static from(row: PurchaseRow): Purchase {
    const currency = row.currency.trim();
    const m = (v: string | bigint) => Money.of(BigInt(v), currency);
    return Object.assign(new Purchase(), {
      row, id: toGlobalId('Purchase', row.id), externalId: row.externalId, merchantId: `mer_${row.merchantId}`, customerId: `usr_${row.customerId}`,
      amount: m(row.amount), occurredAt: row.occurredAt, status: row.state, cashback: m(BigInt(row.cashback) - BigInt(row.cashbackReversed)),
      cashbackGranted: m(row.cashback), cashbackReversed: m(row.cashbackReversed), clawedBack: m(row.clawedBack), shortfall: m(row.shortfall),
      netted: m(row.netted), refunded: m(row.refundedAmount), cappedBy: row.cappedBy ?? null, noCashbackReason: row.noCashbackReason ?? null,
      pendingEntryId: row.pendingEntryId ? `ent_${row.pendingEntryId}` : null, confirmationEntryId: row.commitEntryId ? `ent_${row.commitEntryId}` : null,
      recordedAt: row.recordedAt, confirmsAt: row.confirmsAt, confirmedAt: row.confirmedAt ?? null, reversedAt: row.reversedAt ?? null,
    });
  }
}

@ObjectType({ description: 'A customer’s cashback in one currency.' })
export class CashbackSummary {
  @Field({ description: 'ISO 4217 code.' }) currency!: string;
  @Field(() => Money, { description: 'Cashback held on PENDING purchases (in the wallet’s pending balance).' }) pending!: Money;
  @Field(() => Money, { description: 'Cashback of CONFIRMED purchases, net of what was taken back.' }) confirmed!: Money;
  @Field(() => Money, { description: 'The wallet’s available balance: what a payout can take.' }) available!: Money;
  @Field(() => Money, { description: 'What payouts from the wallet have paid, in total.' }) paidOut!: Money;
  @Field(() => Money, { description: 'Cashback clawed back after confirmation, in total.' }) clawedBack!: Money;
  @Field(() => Money, { description: 'What the customer owes from clawbacks the wallet could not cover; netted against the next cashback.' }) owed!: Money;

  static from(t: CashbackTotals): CashbackSummary {
    const m = (v: bigint) => Money.of(v, t.currency);
    return Object.assign(new CashbackSummary(), {
      currency: t.currency, pending: m(t.pending), confirmed: m(t.confirmed), available: m(t.available), paidOut: m(t.paidOut), clawedBack: m(t.clawedBack), owed: m(t.owed),
    });
  }
}

@ObjectType({ description: 'A purchase’s cashback changed (recorded, confirmed, refunded, reversed).' })
export class CashbackChange {
  purchaseRowId!: string;
  @Field({ description: 'The event’s sequence number: pass it as `after` to resume from here.' }) sequence!: string;
  @Field(() => PurchaseStatus, { description: 'The purchase’s status as of this event.' }) status!: PurchaseStatus;
}

@ObjectType({ description: 'A merchant recorded a purchase.' })
export class PurchaseRecorded {
  purchaseRowId!: string;
  @Field({ description: 'The event’s sequence number: pass it as `after` to resume from here.' }) sequence!: string;
}

export const OfferConnection = connectionOf(Offer, 'Offer', { one: 'offer', many: 'offers' }, 'A page of offers, newest first.');
export type OfferConnection = ConnectionOf<Offer>;
export const PurchaseConnection = connectionOf(Purchase, 'Purchase', { one: 'purchase', many: 'purchases' }, 'A page of purchases, newest first.');
export type PurchaseConnection = ConnectionOf<Purchase>;
