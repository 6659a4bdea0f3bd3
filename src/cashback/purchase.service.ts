import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { normaliseEmail, UserStatus, type IdentityQueries } from '../identity/index.js';
import { parseAmount, requestHash, type LedgerService, type LedgerTransaction } from '../ledger/index.js';
import { MerchantStatus, type MerchantModule, type MerchantRow } from '../merchants/index.js';
import { publishWithin } from '../platform/events/outbox.js';
import { replayOf } from '../platform/idempotency.js';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import type { WalletService } from '../wallets/index.js';
import { accountsOf, holdCashback } from './cashback-ledger.js';
import { chooseOffer } from './cashback-math.js';
import { cashbackLimits } from './cashback.config.js';
import { OfferEntity, PurchaseChangeEntity, PurchaseEntity, type PurchaseRow } from './cashback.entity.js';
import { PurchaseChangeKind, PurchaseStatus, OfferStatus, type CappedBy, type NoCashbackReason } from './cashback.enums.js';
import { CashbackError } from './cashback.errors.js';
import { termsOf } from './offer.service.js';
import { peekCut, takeFromOffer } from './offer-budget.js';
import { checkInstant, type Clock } from './clock.js';
import { KeyedGate } from './keyed-gate.js';

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

/** Writes the purchase's events into the outbox of its transaction (published only if it commits). */
export async function publishChange(em: EntityManager, row: PurchaseRow, recorded = false): Promise<void> {
  const payload: CashbackEventPayload = {
    purchaseId: row.id, merchantId: String(row.merchantId), userId: String(row.customerId), currency: row.currency.trim(), state: row.state,
  };
  if (recorded) await publishWithin(em, purchaseRecordedType, payload);
  await publishWithin(em, cashbackChangedType, payload);
}

/** A purchase's facts as the recording checked them. */
interface PurchaseFacts { merchantId: string; externalId: string; hash: string; customerId: string; amount: bigint; currency: string; occurredAt: Date }

interface Grant { offerId: string | null; cashback: bigint; cappedBy: CappedBy | null; reason: NoCashbackReason | null }

/**
 * Purchases as merchants report them: recorded once per external id, with the cashback of the
 * offer that applies held for the customer as a pending ledger entry.
 */
export class PurchaseService {
  /** Recordings of one merchant and currency in flight at once (README: concurrent purchases). */
  private readonly gate = new KeyedGate(cashbackLimits.recordingsInFlightPerMerchant, cashbackLimits.recordingsWaitingPerMerchant, 'purchases of this merchant');

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
  async record(command: RecordPurchaseCommand): Promise<{ row: PurchaseRow; replayed: boolean }> {
    const externalId = checkText(command.externalId, { max: cashbackLimits.externalIdLengthMax, field: 'externalId', allowEmpty: false });
    const customer = this.customerGiven(command);
    const occurredAt = checkInstant(command.occurredAt, 'occurredAt', this.clock.now());
    const amount = parseAmount(command.amount, 'amount');
    const currency = this.wallets.currency(command.currency);
    const merchant = await this.merchantFor(command.merchantId, command.memberScope);
    const hash = requestHash('purchase', { customer, amount, currency, occurredAt });
    const em = this.orm.em.fork();
    const earlier = replayOf(await em.findOne(PurchaseEntity, { merchantId: merchant.id, externalId }), hash, () => CashbackError.keyReused(externalId));
    if (earlier) return { row: earlier, replayed: true };
    const customerId = await this.customerId(customer);
    if (merchant.status !== MerchantStatus.ACTIVE) throw CashbackError.merchantNotActive(merchant.status);
    return this.gate.run(`${merchant.id}:${currency}`, () => this.ledger.transaction(this.orm.em, (tx) => this.recordIn(tx, {
      merchantId: merchant.id, externalId, hash, customerId, amount, currency, occurredAt,
    })));
  }

  /**
   * The recording's transaction, ordered so that the rows every purchase of a merchant shares (its
   * cashback receivable, the offer's budget) are locked as late and as briefly as possible: the
   * purchase row, the offer chosen and what it would grant, the accounts opened and the events
   * written come first, without those locks; then the accounts, the cap and the budget, the hold.
   */
  private async recordIn(tx: LedgerTransaction, p: PurchaseFacts) {
    const now = this.clock.now();
    const confirmsAt = new Date(now.getTime() + this.confirmationDays() * 86_400_000);
    // A concurrent request with the same external id waits here for the first to commit, then gets no row.
    const { rows } = await sql<{ id: string }>`insert into cashback_purchase
      (merchant_id, external_id, request_hash, customer_id, amount, currency, occurred_at, state, recorded_at, confirms_at, updated_at)
      values (${p.merchantId}::bigint, ${p.externalId}, ${p.hash}, ${p.customerId}::bigint, ${String(p.amount)}::bigint, ${p.currency},
        ${p.occurredAt}, ${PurchaseStatus.PENDING}::cashback_purchase_state, ${now}, ${confirmsAt}, ${now})
      on conflict (merchant_id, external_id) do nothing returning id::text`.execute(tx.em.getKysely() as Kysely<any>);
    if (rows.length === 0) {
      const raced = await tx.em.findOne(PurchaseEntity, { merchantId: p.merchantId, externalId: p.externalId });
      return { row: replayOf(raced, p.hash, () => CashbackError.keyReused(p.externalId))!, replayed: true };
    }
    const row = (await tx.em.findOne(PurchaseEntity, { id: rows[0].id }))! as PurchaseRow;
    await publishChange(tx.em, row, true);
    const grant = await this.grant(tx, row, p);
    Object.assign(row, { offerId: grant.offerId, cashback: String(grant.cashback), cappedBy: grant.cappedBy, noCashbackReason: grant.reason });
    tx.em.create(PurchaseChangeEntity, {
      purchaseId: row.id, merchantId: p.merchantId, kind: PurchaseChangeKind.RECORDED, toState: PurchaseStatus.PENDING,
      amount: String(p.amount), cashbackTaken: '0', reason: grant.reason ? `no cashback: ${grant.reason}` : `cashback ${grant.cashback}`,
      requestKey: null, requestHash: null, at: now,
    } as never);
    await tx.em.flush();
    return { row, replayed: false };
  }

  /**
   * Which offer applies, what its cap and budget leave of its cashback (README: which offer applies),
   * and the hold of what was granted. A purchase the cap or the budget leave nothing for (read
   * without a lock) locks nothing. One that may earn locks its accounts, then the cap and the
   * budget, in the order every later change of a purchase takes them (and a rerun locks what the
   * failed attempt locked, the accounts, before its work: the same order).
   */
  private async grant(tx: LedgerTransaction, row: PurchaseRow, p: PurchaseFacts): Promise<Grant> {
    const offers = await tx.em.find(OfferEntity, { merchantId: p.merchantId, currency: p.currency, status: OfferStatus.ACTIVE }, { orderBy: { id: 'asc' }, limit: cashbackLimits.offersPerPurchaseMax });
    const choice = chooseOffer(offers.map(termsOf), p);
    if ('reason' in choice) return { offerId: null, cashback: 0n, cappedBy: null, reason: choice.reason };
    const offer = choice.offer.row;
    const peek = await peekCut(tx.em, offer, p.customerId, choice.cashback);
    if (peek.granted === 0n) return { offerId: offer.id, cashback: 0n, cappedBy: peek.cappedBy, reason: null };
    await this.merchants.service.openAccounts(tx, p.merchantId, p.currency);
    await this.wallets.walletOf(p.customerId, p.currency, tx);
    const { wallet, merchant: receivable } = accountsOf({ customerId: p.customerId, merchantId: p.merchantId, currency: p.currency });
    await tx.lockUpFront({ codes: [receivable, wallet] });
    const cut = await takeFromOffer(tx.em, offer, p.customerId, choice.cashback);
    if (cut.granted > 0n) {
      row.pendingEntryId = await holdCashback(tx, row, cut.granted, 1) as never;
      row.holds = 1;
    }
    return { offerId: offer.id, cashback: cut.granted, cappedBy: cut.cappedBy, reason: null };
  }

  /** The merchant, if the caller acts for it (staff: any). Errors: NOT_FOUND. */
  async merchantFor(merchantId: string, memberScope: string | undefined): Promise<MerchantRow> {
    const em = this.orm.em.fork();
    const [merchant] = await this.merchants.queries.byIds(em, [merchantId]);
    if (!merchant || !(await this.merchants.service.mayActFor(em, memberScope, merchantId))) throw CashbackError.notFound('Merchant', `mer_${merchantId}`);
    return merchant;
  }

  private customerGiven(command: RecordPurchaseCommand): { id: string } | { email: string } {
    if ((command.customerId == null) === (command.customerEmail == null)) throw CashbackError.badInput('give exactly one of customerId and customerEmail', 'customerId');
    if (command.customerId != null) return { id: command.customerId };
    const email = checkText(command.customerEmail, { max: limits.emailLengthMax, field: 'customerEmail', allowEmpty: false });
    try { return { email: normaliseEmail(email, 'customerEmail') }; } catch { throw CashbackError.badInput('customerEmail is not an email address', 'customerEmail'); }
  }

  private async customerId(customer: { id: string } | { email: string }): Promise<string> {
    const user = 'id' in customer ? await this.users.userById(customer.id) : await this.users.userByEmail(customer.email);
    if (!user || user.status !== UserStatus.ACTIVE) throw CashbackError.customerNotFound();
    return user.id;
  }
}
