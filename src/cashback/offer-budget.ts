// The budget and per-user cap of an offer, taken and given back under row locks. Every transaction
// that touches them has locked the purchase's ledger accounts first (the merchant's receivable is
// one of them), then takes the user's row, then the offer's: one order everywhere, so concurrent
// purchases queue instead of overspending and never deadlock each other or a refund.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { cutCashback } from './cashback-math.js';
import type { CappedBy } from './cashback.enums.js';

const db = (em: EntityManager) => em.getKysely() as Kysely<any>;

/** What one purchase of a batch asks of an offer: the cashback the offer pays before any cut. */
export interface Want { offerId: string; perUserCap: string | null; userId: string; cashback: bigint }

/**
 * Takes what the caps and the budgets leave of each want, in the wants' order (a batch of one
 * merchant's purchases in arrival order); returns what each was granted and the cut. The caller
 * has locked the purchases' accounts (the merchant's receivable is one of them). Then the users'
 * rows of the capped offers are locked (created on first use), then the offers' rows, each set in
 * one id-ordered statement; the cuts are computed here on what those locks read, and written back
 * in one statement per table, so a batch holds an offer's row for three statements whatever its size.
 */
export async function takeFromOffers(em: EntityManager, wants: readonly Want[]): Promise<{ granted: bigint; cappedBy: CappedBy | null }[]> {
  if (wants.length === 0) return [];
  const earned = await lockCaps(em, wants.filter((w) => w.perUserCap != null));
  const budgetLeft = await lockBudgets(em, [...new Set(wants.map((w) => w.offerId))]);
  const cuts = wants.map((want) => {
    const userKey = `${want.offerId}:${want.userId}`;
    const capLeft = want.perUserCap == null ? null : BigInt(want.perUserCap) - earned.get(userKey)!;
    const cut = cutCashback(want.cashback, capLeft, budgetLeft.get(want.offerId)!);
    if (capLeft !== null) earned.set(userKey, earned.get(userKey)! + cut.granted);
    budgetLeft.set(want.offerId, budgetLeft.get(want.offerId)! - cut.granted);
    return cut;
  });
  await writeTakes(em, wants, cuts.map((cut) => cut.granted));
  return cuts;
}

/**
 * What the users have earned of capped offers, by `offer:user`, read without a lock: for the
 * purchases whose offer's budget, also read without one, is spent (they take no lock at all and
 * are ordered at this read, before any refund that commits after it).
 */
export async function earnedWithoutLock(em: EntityManager, pairs: readonly { offerId: string; userId: string }[]): Promise<Map<string, bigint>> {
  if (pairs.length === 0) return new Map();
  const { rows } = await sql<{ offer_id: string; user_id: string; earned: string }>`select u.offer_id::text, u.user_id::text, u.earned::text
    from cashback_offer_user u join unnest(${pairs.map((x) => x.offerId)}::bigint[], ${pairs.map((x) => x.userId)}::bigint[]) as v(offer_id, user_id)
      on u.offer_id = v.offer_id and u.user_id = v.user_id`.execute(db(em));
  return new Map(rows.map((r) => [`${r.offer_id}:${r.user_id}`, BigInt(r.earned)]));
}

/** Locks (creating) each capped user's row, ordered by offer then user; what each has earned, by `offer:user`. */
async function lockCaps(em: EntityManager, wants: readonly Want[]): Promise<Map<string, bigint>> {
  const pairs = [...new Map(wants.map((w) => [`${w.offerId}:${w.userId}`, w])).values()]
    .sort((a, b) => compareIds(a.offerId, b.offerId) || compareIds(a.userId, b.userId));
  if (pairs.length === 0) return new Map();
  const { rows } = await sql<{ offer_id: string; user_id: string; earned: string }>`
    insert into cashback_offer_user (offer_id, user_id)
    select o, u from unnest(${pairs.map((w) => w.offerId)}::bigint[], ${pairs.map((w) => w.userId)}::bigint[]) with ordinality as v(o, u, n) order by n
    on conflict (offer_id, user_id) do update set earned = cashback_offer_user.earned
    returning offer_id::text, user_id::text, earned::text`.execute(db(em));
  return new Map(rows.map((r) => [`${r.offer_id}:${r.user_id}`, BigInt(r.earned)]));
}

/** Locks the offers' rows in id order; what each budget has left. */
async function lockBudgets(em: EntityManager, offerIds: readonly string[]): Promise<Map<string, bigint>> {
  const { rows } = await sql<{ id: string; left: string }>`select o.id::text as id, (o.budget - o.budget_used)::text as left from cashback_offer o
    where o.id = any(${offerIds}::bigint[]) order by o.id for update`.execute(db(em));
  return new Map(rows.map((r) => [r.id, BigInt(r.left)]));
}

/** Adds what was granted to the capped users' rows and to the offers' budgets used. */
async function writeTakes(em: EntityManager, wants: readonly Want[], granted: readonly bigint[]): Promise<void> {
  const perUser = new Map<string, { offerId: string; userId: string; amount: bigint }>();
  const perOffer = new Map<string, bigint>();
  wants.forEach((want, index) => {
    if (granted[index] === 0n) return;
    perOffer.set(want.offerId, (perOffer.get(want.offerId) ?? 0n) + granted[index]);
    if (want.perUserCap == null) return;
    const key = `${want.offerId}:${want.userId}`;
    const sum = perUser.get(key) ?? { offerId: want.offerId, userId: want.userId, amount: 0n };
    perUser.set(key, { ...sum, amount: sum.amount + granted[index] });
  });
  const users = [...perUser.values()];
  if (users.length > 0) {
    await sql`update cashback_offer_user u set earned = u.earned + v.amount
      from unnest(${users.map((x) => x.offerId)}::bigint[], ${users.map((x) => x.userId)}::bigint[], ${users.map((x) => String(x.amount))}::bigint[]) as v(offer_id, user_id, amount)
      where u.offer_id = v.offer_id and u.user_id = v.user_id`.execute(db(em));
  }
  if (perOffer.size > 0) {
    await sql`update cashback_offer o set budget_used = o.budget_used + v.amount, updated_at = now()
      from unnest(${[...perOffer.keys()]}::bigint[], ${[...perOffer.values()].map(String)}::bigint[]) as v(id, amount)
      where o.id = v.id`.execute(db(em));
  }
}

const compareIds = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/** Returns cashback taken back (a refund, a reversal) to the user's cap and the offer's budget, in that order. */
export async function giveBack(em: EntityManager, offerId: string, userId: string, amount: bigint): Promise<void> {
  if (amount === 0n) return;
  // No row: the offer has no cap, and nothing counts what each user holds of it.
  await sql`update cashback_offer_user set earned = earned - ${String(amount)}::bigint
    where offer_id = ${offerId}::bigint and user_id = ${userId}::bigint`.execute(db(em));
  await sql`update cashback_offer set budget_used = budget_used - ${String(amount)}::bigint, updated_at = now()
    where id = ${offerId}::bigint`.execute(db(em));
}
