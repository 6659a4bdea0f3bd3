// The budget and per-user cap of an offer, taken and given back under row locks: the user's row
// first, then the offer's, in every transaction, so concurrent purchases queue instead of
// overspending and never deadlock each other.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { cutCashback } from './cashback-math.js';
import type { CappedBy } from './cashback.enums.js';

const db = (em: EntityManager) => em.getKysely() as Kysely<any>;

/** Takes what the cap and the budget leave of `cashback` for the user; returns what was granted and the cut. */
export async function takeFromOffer(em: EntityManager, offerId: string, userId: string, cashback: bigint): Promise<{ granted: bigint; cappedBy: CappedBy | null }> {
  await sql`insert into cashback_offer_user (offer_id, user_id) values (${offerId}::bigint, ${userId}::bigint) on conflict do nothing`.execute(db(em));
  const { rows: [held] } = await sql<{ earned: string }>`select earned::text from cashback_offer_user
    where offer_id = ${offerId}::bigint and user_id = ${userId}::bigint for update`.execute(db(em));
  const { rows: [offer] } = await sql<{ budget: string; used: string; cap: string | null }>`select budget::text, budget_used::text as used,
    per_user_cap::text as cap from cashback_offer where id = ${offerId}::bigint for update`.execute(db(em));
  const capLeft = offer.cap === null ? null : BigInt(offer.cap) - BigInt(held.earned);
  const cut = cutCashback(cashback, capLeft, BigInt(offer.budget) - BigInt(offer.used));
  if (cut.granted > 0n) await giveBack(em, offerId, userId, -cut.granted);
  return cut;
}

/** Returns cashback taken back (a refund, a reversal) to the user's cap and the offer's budget; a negative amount takes. */
export async function giveBack(em: EntityManager, offerId: string, userId: string, amount: bigint): Promise<void> {
  if (amount === 0n) return;
  await sql`update cashback_offer_user set earned = earned - ${String(amount)}::bigint
    where offer_id = ${offerId}::bigint and user_id = ${userId}::bigint`.execute(db(em));
  await sql`update cashback_offer set budget_used = budget_used - ${String(amount)}::bigint, updated_at = now()
    where id = ${offerId}::bigint`.execute(db(em));
}
