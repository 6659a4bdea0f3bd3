// The budget and per-user cap of an offer, taken and given back under row locks. Every transaction
// that touches them has locked the purchase's ledger accounts first (the merchant's receivable is
// one of them), then takes the user's row, then the offer's: one order everywhere, so concurrent
// purchases queue instead of overspending and never deadlock each other or a refund.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { cutCashback } from './cashback-math.js';
import type { OfferRow } from './cashback.entity.js';
import type { CappedBy } from './cashback.enums.js';

const db = (em: EntityManager) => em.getKysely() as Kysely<any>;

type OfferLimits = Pick<OfferRow, 'id' | 'perUserCap'>;

/**
 * What the user's cap and the offer's budget leave, read without a lock (the offer's row as the
 * caller loaded it). A purchase they leave nothing for takes no lock at all: it is ordered at this
 * read, before any refund that commits after it.
 */
export async function peekCut(em: EntityManager, offer: OfferLimits & Pick<OfferRow, 'budget' | 'budgetUsed'>, userId: string, cashback: bigint): Promise<{ granted: bigint; cappedBy: CappedBy | null }> {
  let capLeft: bigint | null = null;
  if (offer.perUserCap != null) {
    const { rows } = await sql<{ earned: string }>`select earned::text from cashback_offer_user
      where offer_id = ${offer.id}::bigint and user_id = ${userId}::bigint`.execute(db(em));
    capLeft = BigInt(offer.perUserCap) - BigInt(rows[0]?.earned ?? 0);
  }
  return cutCashback(cashback, capLeft, BigInt(offer.budget) - BigInt(offer.budgetUsed));
}

/**
 * Takes what the cap and the budget leave of `cashback` for the user; returns what was granted and
 * the cut. The caller has locked the purchase's accounts. An offer with a cap locks the user's row
 * first (created on first use); then one statement locks the offer's row, cuts to what its budget
 * has left and takes the grant from both, so the offer's row is held for as short a time as the
 * rest of the transaction allows.
 */
export async function takeFromOffer(em: EntityManager, offer: OfferLimits, userId: string, cashback: bigint): Promise<{ granted: bigint; cappedBy: CappedBy | null }> {
  let capLeft: bigint | null = null;
  if (offer.perUserCap != null) {
    const { rows: [held] } = await sql<{ earned: string }>`insert into cashback_offer_user (offer_id, user_id) values (${offer.id}::bigint, ${userId}::bigint)
      on conflict (offer_id, user_id) do update set earned = cashback_offer_user.earned returning earned::text`.execute(db(em));
    capLeft = BigInt(offer.perUserCap) - BigInt(held.earned);
  }
  const want = capLeft === null ? cashback : capLeft <= 0n ? 0n : capLeft < cashback ? capLeft : cashback;
  // The data-modifying CTEs run to completion whatever the final select reads; `locked` holds the
  // offer's row (its latest version, once a concurrent taker commits) for the updates that follow.
  const { rows: [taken] } = await sql<{ left: string; granted: string }>`
    with locked as (select id, budget - budget_used as budget_left from cashback_offer where id = ${offer.id}::bigint for update),
    take as (select id, budget_left, least(${String(want)}::bigint, budget_left) as granted from locked),
    from_cap as (update cashback_offer_user u set earned = u.earned + take.granted from take
      where ${capLeft !== null}::boolean and take.granted > 0 and u.offer_id = take.id and u.user_id = ${userId}::bigint returning u.id),
    from_budget as (update cashback_offer o set budget_used = o.budget_used + take.granted, updated_at = now() from take
      where take.granted > 0 and o.id = take.id returning o.id)
    select budget_left::text as left, granted::text from take`.execute(db(em));
  const cut = cutCashback(cashback, capLeft, BigInt(taken.left));
  if (cut.granted !== BigInt(taken.granted)) throw new Error(`cashback invariant broken: offer ${offer.id} took ${taken.granted}, the cut says ${cut.granted}`);
  return cut;
}

/** Returns cashback taken back (a refund, a reversal) to the user's cap and the offer's budget, in that order. */
export async function giveBack(em: EntityManager, offerId: string, userId: string, amount: bigint): Promise<void> {
  if (amount === 0n) return;
  // No row: the offer has no cap, and nothing counts what each user holds of it.
  await sql`update cashback_offer_user set earned = earned - ${String(amount)}::bigint
    where offer_id = ${offerId}::bigint and user_id = ${userId}::bigint`.execute(db(em));
  await sql`update cashback_offer set budget_used = budget_used - ${String(amount)}::bigint, updated_at = now()
    where id = ${offerId}::bigint`.execute(db(em));
}
