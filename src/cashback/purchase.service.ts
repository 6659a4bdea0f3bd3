import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { normaliseEmail, UserStatus, type IdentityQueries, type UserRow } from '../identity/index.js';
import { parseAmount, requestHash, type LedgerService, type LedgerTransaction } from '../ledger/index.js';
import { MerchantStatus, type MerchantModule } from '../merchants/index.js';
import { publishAllWithin } from '../platform/events/outbox.js';
import { KeyedBatcher } from '../platform/keyed-batcher.js';
import { replayOf } from '../platform/idempotency.js';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import { WalletTransactionKind, WalletTransactionStatus, type WalletService } from '../wallets/index.js';
import { accountsOf, cashbackLine, holdCashback } from './cashback-ledger.js';
import { chooseOffer, cutCashback } from './cashback-math.js';
import { cashbackLimits } from './cashback.config.js';
import { OfferEntity, PurchaseEntity, type OfferRow, type PurchaseRow } from './cashback.entity.js';
import { PurchaseChangeKind, PurchaseStatus, OfferStatus, type CappedBy, type NoCashbackReason } from './cashback.enums.js';
import { CashbackError } from './cashback.errors.js';
import { termsOf } from './offer.service.js';
import { earnedWithoutLock, takeFromOffers } from './offer-budget.js';
import { checkInstant, type Clock } from './clock.js';

export interface RecordPurchaseCommand {
  merchantId: string; externalId: string; customerId?: string | null; customerEmail?: string | null;
  amount: string; currency: string; occurredAt: Date;
  /** The caller's user for a MERCHANT (it must act for the merchant); undefined for staff. */
  memberScope: string | undefined;
}

/** The outbox events of cashback; subscriptions route them by merchant and by customer. */
export const purchaseRecordedType = 'CASHBACK_PURCHASE_RECORDED';
export const cashbackChangedType = 'CASHBACK_CHANGED';

export interface CashbackEventPayload { purchaseId: string; merchantId: string; userId: string; currency: string; state: PurchaseStatus; [key: string]: unknown }

const db = (tx: LedgerTransaction) => tx.em.getKysely() as Kysely<any>;

/** The events of a purchase's change (and of its recording), for the outbox of its transaction. */
function changeEvents(row: PurchaseRow, recorded: boolean): { type: string; payload: CashbackEventPayload }[] {
  const payload: CashbackEventPayload = {
    purchaseId: row.id, merchantId: String(row.merchantId), userId: String(row.customerId), currency: row.currency.trim(), state: row.state,
  };
  return recorded ? [{ type: purchaseRecordedType, payload }, { type: cashbackChangedType, payload }] : [{ type: cashbackChangedType, payload }];
}

/** Writes the purchase's change event into the outbox of its transaction (published only if it commits). */
export async function publishChange(em: EntityManager, row: PurchaseRow): Promise<void> {
  await publishAllWithin(em, changeEvents(row, false));
}

/** A purchase's facts as the recording checked them. */
type Customer = { id: string } | { email: string };

/** A purchase's facts as the recording checked them; the customer as given, found by the batch. */
interface PurchaseFacts { merchantId: string; externalId: string; hash: string; customer: Customer; amount: bigint; currency: string; occurredAt: Date }

/** A purchase whose customer was found: one the batch inserts. */
interface Found extends PurchaseFacts { customerId: string }

interface Grant { offerId: string | null; cashback: bigint; cappedBy: CappedBy | null; reason: NoCashbackReason | null }

type Recorded = { row: PurchaseRow; replayed: boolean };

/**
 * Purchases as merchants report them: recorded once per external id, with the cashback of the
 * offer that applies held for the customer as a pending ledger entry.
 */
export class PurchaseService {
  /**
   * Every purchase of a merchant locks its cashback receivable and its offer's budget, so the
   * recordings of one merchant and currency are coalesced (README: concurrent purchases): those
   * that arrive while a batch is being recorded wait here, in memory, and go in the next one.
   */
  private readonly batcher = new KeyedBatcher<PurchaseFacts, Recorded>({
    lanes: cashbackLimits.recordingLanesPerMerchant, batchMax: cashbackLimits.recordingBatchMax,
    waitingMax: cashbackLimits.recordingsWaitingPerMerchant, what: 'purchases of this merchant',
    run: (_key, batch) => this.ledger.transaction(this.orm.em, (tx) => this.recordBatch(tx, batch)),
  });

  constructor(
    private readonly orm: MikroORM,
    private readonly ledger: LedgerService,
    private readonly merchants: MerchantModule,
    private readonly wallets: WalletService,
    private readonly users: IdentityQueries,
    private readonly clock: Clock,
    private readonly confirmationDays: () => number,
  ) {}

  /**
   * Records a purchase and holds its cashback; the same external id with the same payload returns
   * the first purchase (`replayed`), even after the merchant was suspended.
   * Errors, in precedence: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY,
   * CURRENCY_NOT_SUPPORTED, NOT_FOUND (merchant), IDEMPOTENCY_KEY_REUSED, CUSTOMER_NOT_FOUND, MERCHANT_NOT_ACTIVE.
   */
  async record(command: RecordPurchaseCommand): Promise<Recorded> {
    const externalId = checkText(command.externalId, { max: cashbackLimits.externalIdLengthMax, field: 'externalId', allowEmpty: false });
    const customer = this.customerGiven(command);
    const occurredAt = checkInstant(command.occurredAt, 'occurredAt', this.clock.now());
    const amount = parseAmount(command.amount, 'amount');
    const currency = this.wallets.currency(command.currency);
    const status = await this.merchants.queries.statusFor(this.orm.em.fork(), command.merchantId, command.memberScope);
    if (!status) throw CashbackError.notFound('Merchant', `mer_${command.merchantId}`);
    const facts: PurchaseFacts = { merchantId: command.merchantId, externalId, hash: requestHash('purchase', { customer, amount, currency, occurredAt }), customer, amount, currency, occurredAt };
    if (status !== MerchantStatus.ACTIVE) return this.replayOrRefuse(facts, CashbackError.merchantNotActive(status));
    return this.batcher.submit(`${facts.merchantId}:${currency}`, facts);
  }

  /**
   * A purchase the merchant's state refuses: a replay still returns the first purchase (after a
   * suspension), in the errors' precedence: IDEMPOTENCY_KEY_REUSED, CUSTOMER_NOT_FOUND, then `refusal`.
   */
  private async replayOrRefuse(p: PurchaseFacts, refusal: Error): Promise<Recorded> {
    const earlier = await this.orm.em.fork().findOne(PurchaseEntity, { merchantId: p.merchantId, externalId: p.externalId });
    const row = replayOf(earlier, p.hash, () => CashbackError.keyReused(p.externalId));
    if (row) return { row, replayed: true };
    if (!(await this.customerIds([p.customer]))[0]) throw CashbackError.customerNotFound();
    throw refusal;
  }

  /**
   * One transaction for a batch of one merchant's purchases in one currency, in arrival order. It
   * is ordered so that the rows every purchase of the merchant shares (its cashback receivable, the
   * offer's budget) are locked as late and as briefly as possible: the earlier recordings, the new
   * purchases' ids, the offers and what each would pay, and the events come first, without those
   * locks; then the accounts, the caps and the budgets, the holds; then the purchase rows, written
   * whole. An external id already recorded (before, or earlier in the batch) is a replay of that
   * purchase, or IDEMPOTENCY_KEY_REUSED for that item alone. One recorded concurrently (another
   * gateway) fails the purchases' insert on its unique key: the transaction then runs again and
   * finds it recorded.
   */
  private async recordBatch(tx: LedgerTransaction, batch: PurchaseFacts[]): Promise<(Recorded | Error)[]> {
    const customerIds = await this.customerIds(batch.map((p) => p.customer));
    const externalIds = [...new Set(batch.map((p) => p.externalId))];
    const earlier = await tx.em.find(PurchaseEntity, { merchantId: batch[0].merchantId, externalId: { $in: externalIds } });
    const known = new Map(earlier.map((row) => [row.externalId, row as PurchaseRow]));
    // The first of each external id not recorded yet, whose customer was found.
    const taken = new Set(known.keys());
    const leads = batch.flatMap((p, index) => {
      if (!customerIds[index] || taken.has(p.externalId)) return [];
      taken.add(p.externalId);
      return [{ ...p, customerId: customerIds[index] }];
    });
    const fresh = await this.draftPurchases(tx, leads);
    await publishAllWithin(tx.em, fresh.flatMap((row) => changeEvents(row, true)));
    const grants = await this.grant(tx, fresh);
    fresh.forEach((row, index) => Object.assign(row, { offerId: grants[index].offerId, cashback: String(grants[index].cashback), cappedBy: grants[index].cappedBy, noCashbackReason: grants[index].reason }));
    await this.insertRecorded(tx, fresh);
    for (const row of fresh) known.set(row.externalId, row);
    const firsts = new Set(fresh.map((row) => row.id));
    return batch.map((p) => {
      const row = known.get(p.externalId);
      // Not recorded, before or now: only a customer not found leaves an external id without a row.
      if (!row) return CashbackError.customerNotFound();
      if (firsts.delete(row.id)) return { row, replayed: false };
      try {
        return { row: replayOf(row, p.hash, () => CashbackError.keyReused(p.externalId))!, replayed: true };
      } catch (error) {
        return error as Error;
      }
    });
  }

  /** The new purchases as they will be written, PENDING, with ids taken from the table's sequence in arrival order. */
  private async draftPurchases(tx: LedgerTransaction, leads: readonly Found[]): Promise<PurchaseRow[]> {
    if (leads.length === 0) return [];
    const { rows: ids } = await sql<{ id: string }>`select nextval(pg_get_serial_sequence('cashback_purchase', 'id'))::text as id
      from generate_series(1, ${leads.length}::int) order by 1`.execute(db(tx));
    const now = this.clock.now();
    const confirmsAt = new Date(now.getTime() + this.confirmationDays() * 86_400_000);
    return leads.map((p, index): PurchaseRow => ({
      id: ids[index].id, merchantId: p.merchantId, externalId: p.externalId, requestHash: p.hash, customerId: p.customerId,
      amount: String(p.amount), currency: p.currency, occurredAt: p.occurredAt, state: PurchaseStatus.PENDING, offerId: null,
      cashback: '0', cashbackReversed: '0', clawedBack: '0', shortfall: '0', netted: '0', cappedBy: null, noCashbackReason: null,
      refundedAmount: '0', pendingEntryId: null, holds: 0, commitEntryId: null, recordedAt: now, confirmsAt, confirmedAt: null,
      reversedAt: null, updatedAt: now,
    } as unknown as PurchaseRow));
  }

  /** Writes the recorded purchases and their RECORDED change rows: one statement each. */
  private async insertRecorded(tx: LedgerTransaction, rows: readonly PurchaseRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <T>(pick: (row: PurchaseRow) => T) => rows.map(pick);
    const { merchantId, currency, recordedAt, confirmsAt } = rows[0];
    await sql`insert into cashback_purchase (id, merchant_id, external_id, request_hash, customer_id, amount, currency, occurred_at, state,
        offer_id, cashback, capped_by, no_cashback_reason, pending_entry_id, holds, recorded_at, confirms_at, updated_at)
      select v.id, ${merchantId}::bigint, v.external_id, v.request_hash, v.customer_id, v.amount, ${currency}, v.occurred_at,
        ${PurchaseStatus.PENDING}::cashback_purchase_state, v.offer_id, v.cashback, v.capped_by::cashback_capped_by,
        v.no_cashback_reason::cashback_no_cashback_reason, v.pending_entry_id, v.holds, ${recordedAt}, ${confirmsAt}, ${recordedAt}
      from unnest(${column((r) => r.id)}::bigint[], ${column((r) => r.externalId)}::text[], ${column((r) => r.requestHash)}::text[],
        ${column((r) => String(r.customerId))}::bigint[], ${column((r) => r.amount)}::bigint[], ${column((r) => r.occurredAt.toISOString())}::timestamptz[],
        ${column((r) => r.offerId ?? null)}::bigint[], ${column((r) => r.cashback)}::bigint[], ${column((r) => r.cappedBy ?? null)}::text[],
        ${column((r) => r.noCashbackReason ?? null)}::text[], ${column((r) => r.pendingEntryId ?? null)}::bigint[], ${column((r) => r.holds)}::int[])
        as v(id, external_id, request_hash, customer_id, amount, occurred_at, offer_id, cashback, capped_by, no_cashback_reason, pending_entry_id, holds)`.execute(db(tx));
    const reasons = rows.map((row) => (row.noCashbackReason ? `no cashback: ${row.noCashbackReason}` : `cashback ${row.cashback}`));
    await sql`insert into cashback_purchase_change (purchase_id, merchant_id, kind, to_state, amount, cashback_taken, reason, at)
      select v.id, ${merchantId}::bigint, ${PurchaseChangeKind.RECORDED}::cashback_purchase_change_kind, ${PurchaseStatus.PENDING}::cashback_purchase_state,
        v.amount, 0, v.reason, ${recordedAt}
      from unnest(${column((r) => r.id)}::bigint[], ${column((r) => r.amount)}::bigint[], ${reasons}::text[]) as v(id, amount, reason)`.execute(db(tx));
  }

  /**
   * Which offer applies to each purchase, what the caps and budgets leave of its cashback (README:
   * which offer applies), and the holds of what was granted, in one batch of ledger operations.
   * A purchase its offer's budget (read without a lock) leaves nothing for is granted nothing at
   * that read, and when no purchase of the batch may earn, nothing is locked. Otherwise the
   * accounts are locked first, then the caps and the budgets, in the order every later change of
   * a purchase takes them (and a rerun locks what the failed attempt locked, the accounts, first).
   */
  private async grant(tx: LedgerTransaction, rows: PurchaseRow[]): Promise<Grant[]> {
    if (rows.length === 0) return [];
    const { merchantId, currency } = { merchantId: String(rows[0].merchantId), currency: rows[0].currency.trim() };
    const offers = await tx.em.find(OfferEntity, { merchantId, currency, status: OfferStatus.ACTIVE }, { orderBy: { id: 'asc' }, limit: cashbackLimits.offersPerPurchaseMax });
    const terms = offers.map(termsOf);
    const grants: Grant[] = rows.map((row) => {
      const choice = chooseOffer(terms, { amount: BigInt(row.amount), currency, occurredAt: row.occurredAt });
      if ('reason' in choice) return { offerId: null, cashback: 0n, cappedBy: null, reason: choice.reason };
      return { offerId: choice.offer.id, cashback: choice.cashback, cappedBy: null, reason: null };
    });
    await this.cutWhereBudgetSpent(tx, offers, rows, grants);
    const earning = rows.map((row, index) => ({ row, grant: grants[index] })).filter(({ grant }) => grant.cashback > 0n);
    if (earning.length === 0) return grants;
    const wallets = await this.lockAccounts(tx, merchantId, currency, [...new Set(earning.map(({ row }) => String(row.customerId)))]);
    const caps = new Map(offers.map((offer) => [offer.id, offer.perUserCap ?? null]));
    const cuts = await takeFromOffers(tx.em, earning.map(({ row, grant }) => ({ offerId: grant.offerId!, perUserCap: caps.get(grant.offerId!)!, userId: String(row.customerId), cashback: grant.cashback })));
    earning.forEach(({ grant }, index) => Object.assign(grant, { cashback: cuts[index].granted, cappedBy: cuts[index].cappedBy }));
    const held = earning.filter(({ grant }) => grant.cashback > 0n);
    const entryIds = await Promise.all(held.map(({ row, grant }) => holdCashback(tx, row, grant.cashback, 1)));
    held.forEach(({ row }, index) => Object.assign(row, { pendingEntryId: entryIds[index], holds: 1 }));
    await this.wallets.record(tx, held.map(({ row, grant }, index) =>
      cashbackLine(wallets.get(String(row.customerId))!, row, WalletTransactionKind.CASHBACK, WalletTransactionStatus.PENDING, grant.cashback, entryIds[index])));
    return grants;
  }

  /**
   * Grants nothing, with its cut, to each purchase whose offer's budget (read without a lock) is
   * spent: the cut as the user's cap and that budget make it, both read without a lock.
   */
  private async cutWhereBudgetSpent(tx: LedgerTransaction, offers: OfferRow[], rows: PurchaseRow[], grants: Grant[]): Promise<void> {
    const byId = new Map(offers.map((offer) => [offer.id, offer]));
    const budgetLeft = (grant: Grant) => BigInt(byId.get(grant.offerId!)!.budget) - BigInt(byId.get(grant.offerId!)!.budgetUsed);
    const spent = grants.map((grant, index) => ({ grant, row: rows[index] })).filter(({ grant }) => grant.cashback > 0n && budgetLeft(grant) <= 0n);
    const capped = spent.filter(({ grant }) => byId.get(grant.offerId!)!.perUserCap != null);
    const earned = await earnedWithoutLock(tx.em, capped.map(({ grant, row }) => ({ offerId: grant.offerId!, userId: String(row.customerId) })));
    for (const { grant, row } of spent) {
      const cap = byId.get(grant.offerId!)!.perUserCap;
      const capLeft = cap == null ? null : BigInt(cap) - (earned.get(`${grant.offerId}:${row.customerId}`) ?? 0n);
      Object.assign(grant, { cashback: 0n, cappedBy: cutCashback(grant.cashback, capLeft, budgetLeft(grant)).cappedBy });
    }
  }

  /**
   * Opens the merchant's accounts and the customers' wallets where they are new, then locks them in
   * one id-ordered statement; returns each customer's wallet id.
   */
  private async lockAccounts(tx: LedgerTransaction, merchantId: string, currency: string, customerIds: string[]): Promise<Map<string, string>> {
    await this.merchants.service.openAccounts(tx, merchantId, currency);
    const wallets = new Map<string, string>();
    for (const customerId of customerIds) wallets.set(customerId, (await this.wallets.walletOf(customerId, currency, tx)).id);
    const codes = customerIds.map((customerId) => accountsOf({ customerId, merchantId, currency }).wallet);
    await tx.lockUpFront({ codes: [accountsOf({ customerId: customerIds[0], merchantId, currency }).merchant, ...codes] });
    return wallets;
  }

  private customerGiven(command: RecordPurchaseCommand): Customer {
    if ((command.customerId == null) === (command.customerEmail == null)) throw CashbackError.badInput('give exactly one of customerId and customerEmail', 'customerId');
    if (command.customerId != null) return { id: command.customerId };
    const email = checkText(command.customerEmail, { max: limits.emailLengthMax, field: 'customerEmail', allowEmpty: false });
    try { return { email: normaliseEmail(email, 'customerEmail') }; } catch { throw CashbackError.badInput('customerEmail is not an email address', 'customerEmail'); }
  }

  /** Each customer's user id, or undefined where there is no such ACTIVE user: one query for ids, one for emails. */
  private async customerIds(customers: readonly Customer[]): Promise<(string | undefined)[]> {
    const ids = customers.flatMap((c) => ('id' in c ? [c.id] : []));
    const emails = customers.flatMap((c) => ('email' in c ? [c.email] : []));
    const [byId, byEmail] = await Promise.all([
      ids.length ? this.users.usersByIds(ids) : [], emails.length ? this.users.usersByEmails(emails) : [],
    ]);
    const active = (users: UserRow[], key: (u: UserRow) => string) => new Map(users.filter((u) => u.status === UserStatus.ACTIVE).map((u) => [key(u), u.id]));
    const [idOf, emailOf] = [active(byId, (u) => String(u.id)), active(byEmail, (u) => u.email)];
    return customers.map((c) => ('id' in c ? idOf.get(c.id) : emailOf.get(c.email)));
  }
}
