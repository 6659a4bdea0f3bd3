import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { parseAmount, requestHash, type LedgerService, type LedgerTransaction } from '../ledger/index.js';
import type { MerchantModule } from '../merchants/index.js';
import { UniqueViolation } from '../platform/db/unique-violation.js';
import { checkText } from '../platform/input.js';
import { checkClientKey, WalletTransactionKind, WalletTransactionStatus, type WalletService } from '../wallets/index.js';
import { availableByCode, cashbackLine, clawBack, holdCashback, ledgerKey, lockAccountsOf, netDebt } from './cashback-ledger.js';
import { nettedAgainst, refundTakesBack } from './cashback-math.js';
import { cashbackLimits } from './cashback.config.js';
import { PurchaseChangeEntity, PurchaseEntity, type PurchaseRow } from './cashback.entity.js';
import { PurchaseChangeKind, PurchaseStatus } from './cashback.enums.js';
import { CashbackError } from './cashback.errors.js';
import type { Clock } from './clock.js';
import { giveBack } from './offer-budget.js';
import { publishChange } from './purchase.service.js';

/** Who asks for a change: a merchant's user (`memberScope`) or staff (undefined), with the request's key; null for the worker. */
export interface ChangeRequest { id: string; memberScope: string | undefined; idempotencyKey: string | null }

type Change = { kind: PurchaseChangeKind; amount: bigint; cashbackTaken: bigint; reason: string; key: string | null; hash: string | null };

const current = (row: PurchaseRow) => BigInt(row.cashback) - BigInt(row.cashbackReversed);

/**
 * What happens to a purchase after it was recorded: confirmation (the hold is committed: the
 * cashback becomes available), partial refunds (a proportional part is taken back) and reversal
 * (the hold is voided, or the confirmed cashback clawed back). Each runs in one ledger transaction
 * under the purchase's row lock, with its change row; a replayed key returns the purchase as it is.
 */
export class PurchaseChangeService {
  constructor(
    private readonly orm: MikroORM,
    private readonly ledger: LedgerService,
    private readonly merchants: MerchantModule,
    private readonly wallets: WalletService,
    private readonly clock: Clock,
  ) {}

  /** Confirms a PENDING purchase. Errors, in precedence: BAD_USER_INPUT, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, PURCHASE_ALREADY_REVERSED, PURCHASE_NOT_PENDING. */
  confirm(request: ChangeRequest): Promise<PurchaseRow> {
    const hash = requestHash('confirm', { id: request.id });
    return this.change(request, hash, async (tx, row) => {
      if (row.state === PurchaseStatus.REVERSED) throw CashbackError.alreadyReversed(row.id);
      if (row.state !== PurchaseStatus.PENDING) throw CashbackError.notPending(row.id, row.state);
      await this.commitHold(tx, row);
      Object.assign(row, { state: PurchaseStatus.CONFIRMED, confirmedAt: this.clock.now() });
      return { kind: PurchaseChangeKind.CONFIRMED, amount: 0n, cashbackTaken: 0n, reason: request.idempotencyKey === null ? 'confirmed: the return window passed' : 'confirmed', key: request.idempotencyKey, hash };
    });
  }

  /**
   * Reverses a purchase: all cashback it still grants goes back to the offer's budget and the
   * user's cap; a PENDING hold is voided, CONFIRMED cashback clawed back (the shortfall the wallet
   * cannot cover becomes the customer's debt).
   * Errors, in precedence: BAD_USER_INPUT, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, PURCHASE_ALREADY_REVERSED.
   */
  reverse(request: ChangeRequest & { reason?: string | null }): Promise<PurchaseRow> {
    const reason = checkText(request.reason ?? 'reversed', { max: cashbackLimits.reasonLengthMax, field: 'reason', allowEmpty: false });
    const hash = requestHash('reverse', { id: request.id, reason });
    return this.change(request, hash, async (tx, row) => {
      if (row.state === PurchaseStatus.REVERSED) throw CashbackError.alreadyReversed(row.id);
      const taken = await this.takeBack(tx, row, current(row), true);
      return { kind: PurchaseChangeKind.REVERSED, amount: 0n, cashbackTaken: taken, reason, key: request.idempotencyKey, hash };
    });
  }

  /**
   * Records a refund of part of the purchase: refundTakesBack's share of the cashback is taken back;
   * a refund of all that is left reverses the purchase.
   * Errors, in precedence: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, NOT_FOUND,
   * IDEMPOTENCY_KEY_REUSED, PURCHASE_ALREADY_REVERSED, REFUND_EXCEEDS_PURCHASE.
   */
  refund(request: ChangeRequest & { amount: string }): Promise<PurchaseRow> {
    const amount = parseAmount(request.amount, 'amount');
    const hash = requestHash('refund', { id: request.id, amount });
    return this.change(request, hash, async (tx, row) => {
      if (row.state === PurchaseStatus.REVERSED) throw CashbackError.alreadyReversed(row.id);
      const left = BigInt(row.amount) - BigInt(row.refundedAmount);
      if (amount > left) throw CashbackError.refundExceeds(left);
      const share = refundTakesBack(BigInt(row.cashback), BigInt(row.amount), BigInt(row.refundedAmount), amount);
      row.refundedAmount = String(BigInt(row.refundedAmount) + amount);
      const taken = await this.takeBack(tx, row, amount === left ? current(row) : share, amount === left);
      return { kind: PurchaseChangeKind.REFUNDED, amount, cashbackTaken: taken, reason: `refunded ${amount}`, key: request.idempotencyKey, hash };
    });
  }

  /** The customer's wallet of the purchase's currency (open: its cashback was held there). */
  private async walletOf(tx: LedgerTransaction, row: PurchaseRow): Promise<string> {
    return (await this.wallets.walletOf(String(row.customerId), row.currency.trim(), tx)).id;
  }

  /** The purchases PENDING past their return window, oldest due first (the worker's batch). */
  async due(limit: number): Promise<string[]> {
    const rows = await this.orm.em.fork().find(PurchaseEntity, { state: PurchaseStatus.PENDING, confirmsAt: { $lte: this.clock.now() } }, { orderBy: { confirmsAt: 'asc' }, limit, fields: ['id'] });
    return rows.map((row) => row.id);
  }

  /** Runs one change under the purchase's lock: the replay check first, then `apply`, then the change row and events. */
  private async change(request: ChangeRequest, hash: string, apply: (tx: LedgerTransaction, row: PurchaseRow) => Promise<Change>): Promise<PurchaseRow> {
    const key = request.idempotencyKey === null ? null : checkClientKey(request.idempotencyKey);
    try {
      return await this.ledger.transaction(this.orm.em, async (tx) => {
        const row = await tx.em.findOne(PurchaseEntity, { id: request.id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) as PurchaseRow | null;
        if (!row || !(await this.merchants.service.mayActFor(tx.em, request.memberScope, String(row.merchantId)))) throw CashbackError.purchaseNotFound(request.id);
        if (key !== null) {
          const earlier = await tx.em.findOne(PurchaseChangeEntity, { merchantId: row.merchantId, requestKey: key });
          if (earlier) {
            if (earlier.requestHash?.trim() !== hash || String(earlier.purchaseId) !== row.id) throw CashbackError.keyReused(key);
            return row;
          }
        }
        const change = await apply(tx, row);
        row.updatedAt = this.clock.now();
        tx.em.create(PurchaseChangeEntity, {
          purchaseId: row.id, merchantId: row.merchantId, kind: change.kind, toState: row.state, amount: String(change.amount),
          cashbackTaken: String(change.cashbackTaken), reason: change.reason, requestKey: change.key, requestHash: change.hash, at: this.clock.now(),
        } as never);
        await tx.em.flush();
        await publishChange(tx.em, row);
        return row;
      });
    } catch (error) {
      // The same key used on two of the merchant's purchases at once: the rerun saw the other's row and still collided.
      if (error instanceof UniqueViolation && error.constraint === 'cashback_purchase_change_key_unique') throw CashbackError.keyReused(key!);
      throw error;
    }
  }

  /** Commits the hold (the cashback becomes available) and nets it against the customer's debt. */
  private async commitHold(tx: LedgerTransaction, row: PurchaseRow): Promise<void> {
    if (!row.pendingEntryId) return;
    const accounts = await lockAccountsOf(tx, row);
    const committed = await tx.commit({ idempotencyKey: ledgerKey(row, 'commit'), entryId: String(row.pendingEntryId) });
    const wallet = await this.walletOf(tx, row);
    await this.wallets.setLineStatus(tx, wallet, String(row.pendingEntryId), WalletTransactionStatus.COMPLETED);
    row.commitEntryId = committed.entryId as never;
    row.pendingEntryId = null;
    const netted = nettedAgainst(await availableByCode(tx.em, accounts.debt), current(row));
    if (netted > 0n) {
      const entryId = await netDebt(tx, row, accounts, netted);
      await this.wallets.record(tx, [cashbackLine(wallet, row, WalletTransactionKind.CASHBACK_CLAWBACK, WalletTransactionStatus.COMPLETED, netted, entryId)]);
    }
    row.netted = String(netted);
  }

  /**
   * Takes `amount` of the cashback back (all of it when `final`, which reverses the purchase): back to
   * the offer's budget and the user's cap, and out of the hold (PENDING: void it and hold the rest
   * again) or the wallet (CONFIRMED: claw back). Returns the amount taken.
   */
  private async takeBack(tx: LedgerTransaction, row: PurchaseRow, amount: bigint, final: boolean): Promise<bigint> {
    // Accounts first, then the offer's rows: the order recording takes them in.
    const moves = amount > 0n && (row.state === PurchaseStatus.CONFIRMED || row.pendingEntryId !== null);
    const accounts = moves ? await lockAccountsOf(tx, row) : undefined;
    if (amount > 0n && row.offerId) await giveBack(tx.em, String(row.offerId), String(row.customerId), amount);
    const wallet = accounts && await this.walletOf(tx, row);
    if (wallet && row.state === PurchaseStatus.PENDING) {
      await tx.void({ idempotencyKey: ledgerKey(row, `void:${row.holds}`), entryId: String(row.pendingEntryId) });
      await this.wallets.setLineStatus(tx, wallet, String(row.pendingEntryId), WalletTransactionStatus.CANCELLED);
      const rest = current(row) - amount;
      row.pendingEntryId = null;
      if (rest > 0n) {
        row.holds += 1;
        row.pendingEntryId = await holdCashback(tx, row, rest, row.holds) as never;
        await this.wallets.record(tx, [cashbackLine(wallet, row, WalletTransactionKind.CASHBACK, WalletTransactionStatus.PENDING, rest, String(row.pendingEntryId))]);
      }
    } else if (wallet) {
      const { shortfall, fromWallet, entryId } = await clawBack(tx, row, accounts!, amount);
      if (fromWallet > 0n) await this.wallets.record(tx, [cashbackLine(wallet, row, WalletTransactionKind.CASHBACK_CLAWBACK, WalletTransactionStatus.COMPLETED, fromWallet, entryId)]);
      row.clawedBack = String(BigInt(row.clawedBack) + amount);
      row.shortfall = String(BigInt(row.shortfall) + shortfall);
    }
    row.cashbackReversed = String(BigInt(row.cashbackReversed) + amount);
    if (final) Object.assign(row, { state: PurchaseStatus.REVERSED, reversedAt: this.clock.now() });
    return amount;
  }
}
