import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { AccountType, balanceOf } from '../ledger/index.js';
import { pageOf, type Page } from '../platform/db/page.js';
import { DisbursementKind } from '../wallets/index.js';
import { PayoutRunEntity, type PayoutRunRow } from './payout-run.entity.js';

/** A wallet's ledger totals as PostgreSQL returns them (bigints as text, so they never pass through a JS number). */
interface TotalsDb {
  type: AccountType;
  posted_debits: string;
  posted_credits: string;
  pending_debits: string;
  pending_credits: string;
}

const totalsColumns = sql`a.type, a.posted_debits::text, a.posted_credits::text, a.pending_debits::text, a.pending_credits::text`;

function availableOf(row: TotalsDb): bigint {
  return balanceOf({
    type: row.type, postedDebits: BigInt(row.posted_debits), postedCredits: BigInt(row.posted_credits),
    pendingDebits: BigInt(row.pending_debits), pendingCredits: BigInt(row.pending_credits),
  }).available;
}

function db(em: EntityManager): Kysely<any> {
  return em.getKysely() as Kysely<any>;
}

/**
 * The available balance of a user's wallet in the currency; 0 when the user has no wallet yet.
 * Read without a lock: it only sizes a payout, and the hold that follows is what refuses
 * (INSUFFICIENT_FUNDS) if the balance moved in between.
 */
export async function availableBalanceOf(em: EntityManager, userId: string, currency: string): Promise<bigint> {
  const { rows } = await sql<TotalsDb>`select ${totalsColumns} from wallet w join ledger_account a on a.id = w.account_id
    where w.user_id = ${userId}::bigint and w.currency = ${currency}`.execute(db(em));
  return rows.length === 0 ? 0n : availableOf(rows[0]);
}

/** A wallet a payout run looks at: its owner, its available balance, and whether this run already paid it. */
export interface PayableWallet { walletId: string; userId: string; available: bigint; paidByRun: boolean }

export interface PayableCriteria { runId: string; currency: string; threshold: bigint; afterWalletId: string; limit: number }

/**
 * The next page of a run's wallets, in id order after `afterWalletId`: those whose available
 * balance is at least the threshold, and those this run already paid. The latter matter after a
 * restart in the middle of a page: their hold took them below the threshold, yet the page is
 * redone from its start and must count them again. Wallet accounts are liabilities, whose
 * available balance is credits - debits - pending debits (what balanceOf computes for them).
 */
export async function payableWallets(em: EntityManager, criteria: PayableCriteria): Promise<PayableWallet[]> {
  const { rows } = await sql<TotalsDb & { wallet_id: string; user_id: string; paid_by_run: boolean }>`
    select w.id::text as wallet_id, w.user_id::text as user_id, ${totalsColumns},
      exists (select 1 from disbursement d where d.run_id = ${criteria.runId}::bigint and d.wallet_id = w.id) as paid_by_run
    from wallet w join ledger_account a on a.id = w.account_id
    where w.currency = ${criteria.currency} and w.id > ${criteria.afterWalletId}::bigint and a.type = ${AccountType.LIABILITY}::account_type
      and (a.posted_credits - a.posted_debits - a.pending_debits >= ${String(criteria.threshold)}::bigint
        or exists (select 1 from disbursement d where d.run_id = ${criteria.runId}::bigint and d.wallet_id = w.id))
    order by w.id limit ${criteria.limit}`.execute(db(em));
  return rows.map((row) => ({ walletId: row.wallet_id, userId: row.user_id, available: availableOf(row), paidByRun: row.paid_by_run }));
}

/** The amount of the payout the user already asked for with this idempotency key, or null. */
export async function payoutAmountByKey(em: EntityManager, userId: string, idempotencyKey: string): Promise<bigint | null> {
  const { rows } = await sql<{ amount: string }>`select amount::text from disbursement
    where user_id = ${userId}::bigint and kind = ${DisbursementKind.PAYOUT}::disbursement_kind and idempotency_key = ${idempotencyKey}`.execute(db(em));
  return rows.length === 0 ? null : BigInt(rows[0].amount);
}

/**
 * The payouts a run made and their sum, in any state (a payout cancelled later was still made).
 * Counted from the payouts themselves rather than added up in memory, so a page redone after a
 * restart, or a run executed by two gateways at once, never counts a payout twice or not at all.
 */
export async function runTotals(em: EntityManager, runId: string): Promise<{ count: number; total: bigint }> {
  const { rows } = await sql<{ count: number; total: string }>`select count(*)::int as count, coalesce(sum(amount), 0)::text as total
    from disbursement where run_id = ${runId}::bigint`.execute(db(em));
  return { count: rows[0].count, total: BigInt(rows[0].total) };
}

/** Reads of payout runs for the GraphQL layer; each forks its own EntityManager (runs change in the background). */
export class PayoutQueries {
  constructor(private readonly orm: MikroORM) {}

  /** The runs with these ids, in no particular order; unknown ids are left out. */
  payoutRunsByIds(ids: readonly string[]): Promise<PayoutRunRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.orm.em.fork().find(PayoutRunEntity, { id: { $in: [...ids] } });
  }

  /** Runs, newest first, before the cursor `afterId` (the id of the last run of the previous page). */
  async listPayoutRuns(first: number, afterId?: string): Promise<Page<PayoutRunRow>> {
    const where = afterId === undefined ? {} : { id: { $lt: afterId } };
    return pageOf(await this.orm.em.fork().find(PayoutRunEntity, where, { orderBy: { id: 'desc' }, limit: first + 1 }), first);
  }
}
