import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Kysely } from 'kysely';
import { moves, parseAmount, parseCurrency, requestHash, type AccountRef, type LedgerService, type LedgerTransaction } from '../ledger/index.js';
import type { Clock } from '../platform/clock.js';
import { uniqueViolationOf } from '../platform/db/unique-violation.js';
import { replayOf } from '../platform/idempotency.js';
import { checkText } from '../platform/input.js';
import { billingLimits } from './billing.config.js';
import { GuardianEntity, InvoiceEntity, InvoiceLineEntity, InvoicePaymentEntity, type InvoicePaymentRow, type InvoiceRow, type PayerRow } from './billing.entity.js';
import { BillingAccount, InvoiceStatus, PayerStatus, PaymentMethod } from './billing.enums.js';
import { BillingError } from './billing.errors.js';
import { billingAccount, openBillingAccounts } from './billing-accounts.js';
import { manages, type BillingScope } from './billing-scope.js';
import type { PayerService } from './payer.service.js';
import { WalletTransactionKind, WalletTransactionStatus, type WalletService } from '../wallets/index.js';
import { bumpStatementVersion } from './statement.service.js';
import { publishInvoiceUpdated } from './billing.subscription.js';

export interface InvoiceLineCommand { description: string; quantity: number; unitAmount: string }
export interface IssueInvoiceCommand { payerId: string; number: string; currency: string; lines: readonly InvoiceLineCommand[]; issuedAt?: Date | null; dueAt: Date; memo?: string | null }
export interface RecordPaymentCommand { invoiceId: string; amount: string; reference?: string | null; idempotencyKey: string; paidAt?: Date | null; recordedById: string | null }
export interface WalletPaymentCommand { invoiceId: string; amount?: string | null; idempotencyKey: string; guardianId: string }

/** Where a payment's money comes from: the account it debits, and what else its transaction writes once the entry is posted. */
interface Source { method: PaymentMethod; debit: (tx: LedgerTransaction, invoice: InvoiceRow) => Promise<AccountRef>; after?: (tx: LedgerTransaction, invoice: InvoiceRow, amount: bigint, entryId: string) => Promise<void> }

interface Line { description: string; quantity: number; unitAmount: bigint; amount: bigint }

/** An invoice's remaining amount: its total less what is paid. */
export const remainingOf = (invoice: InvoiceRow): bigint => BigInt(invoice.total) - BigInt(invoice.paid);

/** Whether an invoice is OVERDUE as of `at`: open (PENDING or PARTIALLY_PAID) and past its due time. Computed, never stored. */
export function isOverdue(invoice: Pick<InvoiceRow, 'status' | 'dueAt'>, at: Date): boolean {
  return (invoice.status === InvoiceStatus.PENDING || invoice.status === InvoiceStatus.PARTIALLY_PAID) && invoice.dueAt.getTime() < at.getTime();
}

/**
 * Invoices and their payments, each change in one ledger transaction with the invoice's row locked:
 * issuing posts the payer's receivable against the organisation's revenue, a payment its cash
 * against the receivable, voiding the issue's reversal. The row lock is what keeps two payments
 * that each fit from both passing when together they do not.
 */
export class InvoiceService {
  constructor(private readonly orm: MikroORM, private readonly ledger: LedgerService, private readonly payers: PayerService, private readonly wallets: WalletService, private readonly clock: Clock) {}

  /**
   * Issues an invoice; its number is its idempotency key within the organisation: the same number
   * with the same payload returns the first invoice (`replayed`).
   * Errors, in precedence: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, NOT_FOUND, PAYER_ARCHIVED, INVOICE_NUMBER_TAKEN.
   */
  async issue(command: IssueInvoiceCommand, scope: BillingScope): Promise<{ row: InvoiceRow; replayed: boolean }> {
    const number = checkText(command.number, { max: billingLimits.invoiceNumberLengthMax, field: 'number', allowEmpty: false }).trim();
    const memo = checkText(command.memo ?? '', { max: billingLimits.memoLengthMax, field: 'memo' });
    const lines = linesOf(command.lines);
    const currency = parseCurrency(command.currency, 'currency');
    const issuedAt = command.issuedAt ?? this.clock.now();
    if (command.dueAt.getTime() < issuedAt.getTime()) throw BillingError.badInput('dueAt is before issuedAt', 'dueAt');
    const total = lines.reduce((sum, line) => sum + line.amount, 0n);
    const hash = requestHash('invoice', { payer: command.payerId, currency, lines: lines.map((l) => [l.description, l.quantity, String(l.unitAmount)]), issuedAt: command.issuedAt?.toISOString() ?? null, dueAt: command.dueAt.toISOString(), memo });
    const payer = await this.payers.payerIn(this.orm.em.fork(), command.payerId, scope);
    const earlier = await this.byNumber(String(payer.merchantId), number);
    if (earlier) return { row: this.replayOf(earlier, hash, number), replayed: true };
    if (payer.status === PayerStatus.ARCHIVED) throw BillingError.payerArchived(payer.id);
    try {
      const row = await this.ledger.transaction(this.orm.em, (tx) => this.write(tx, payer, { number, currency, lines, total, issuedAt, dueAt: command.dueAt, memo, hash }));
      return { row, replayed: false };
    } catch (error) {
      // Issued at the same moment under the same number (another request, another gateway).
      if (uniqueViolationOf(error)?.constraint !== 'billing_invoice_number_unique') throw error;
      return { row: this.replayOf((await this.byNumber(String(payer.merchantId), number))!, hash, number), replayed: true };
    }
  }

  private async write(tx: LedgerTransaction, payer: PayerRow, facts: { number: string; currency: string; lines: Line[]; total: bigint; issuedAt: Date; dueAt: Date; memo: string; hash: string }): Promise<InvoiceRow> {
    const ids = { merchantId: String(payer.merchantId), payerId: payer.id };
    const [receivable, revenue] = await openBillingAccounts(tx, ids, facts.currency, [BillingAccount.RECEIVABLE, BillingAccount.REVENUE]);
    const invoice = tx.em.create(InvoiceEntity, {
      merchantId: ids.merchantId, payerId: payer.id, number: facts.number, requestHash: facts.hash, currency: facts.currency, total: String(facts.total),
      paid: '0', status: InvoiceStatus.PENDING, issuedAt: facts.issuedAt, dueAt: facts.dueAt, memo: facts.memo,
    } as never) as InvoiceRow;
    await tx.em.flush();
    const posted = await tx.post({
      idempotencyKey: `billing:invoice:${invoice.id}`, effectiveAt: facts.issuedAt, description: `Invoice ${facts.number}`,
      metadata: { invoiceId: invoice.id, payerId: payer.id, merchantId: ids.merchantId }, postings: moves(facts.currency, [receivable, revenue, facts.total]),
    });
    invoice.entryId = posted.entryId;
    await bumpStatementVersion(db(tx), payer.id);
    facts.lines.forEach((line, position) => tx.em.create(InvoiceLineEntity, { invoiceId: invoice.id, position, ...line, unitAmount: String(line.unitAmount), amount: String(line.amount) } as never));
    await tx.em.flush();
    await publishInvoiceUpdated(tx.em, invoice);
    return invoice;
  }

  /**
   * Voids an invoice nothing is paid on: the issue's entry is reversed. Voiding a VOID invoice returns it.
   * Errors, in precedence: BAD_USER_INPUT, NOT_FOUND, INVALID_INVOICE_TRANSITION.
   */
  async void(invoiceId: string, scope: BillingScope): Promise<InvoiceRow> {
    return this.ledger.transaction(this.orm.em, async (tx) => {
      const invoice = await this.locked(tx.em, invoiceId, scope);
      if (invoice.status === InvoiceStatus.VOID) return invoice;
      if (BigInt(invoice.paid) > 0n) throw BillingError.invalidTransition(invoice.id, invoice.status, InvoiceStatus.VOID);
      // The ledger's time, not the module's clock: the reversal is effective when it is written, and a statement reads both.
      const at = new Date();
      const reversed = await tx.reverse({ idempotencyKey: `billing:void:${invoice.id}`, entryId: invoice.entryId!, description: `Invoice ${invoice.number} voided`, effectiveAt: at });
      Object.assign(invoice, { status: InvoiceStatus.VOID, voidEntryId: reversed.entryId, voidedAt: at, updatedAt: at });
      await bumpStatementVersion(db(tx), String(invoice.payerId));
      await publishInvoiceUpdated(tx.em, invoice);
      return invoice;
    });
  }

  /**
   * Records a payment received outside Folio (a bank transfer, cash): the organisation's cash against
   * the payer's receivable. Once per idempotency key: the same key and payload returns the first payment.
   * Errors, in precedence: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, NOT_FOUND, IDEMPOTENCY_KEY_REUSED,
   * INVALID_INVOICE_TRANSITION, PAYMENT_EXCEEDS_REMAINING.
   */
  async recordPayment(command: RecordPaymentCommand, scope: BillingScope): Promise<{ payment: InvoicePaymentRow; invoice: InvoiceRow; replayed: boolean }> {
    const key = checkText(command.idempotencyKey, { max: 200, field: 'idempotencyKey', allowEmpty: false });
    const reference = checkText(command.reference ?? '', { max: billingLimits.memoLengthMax, field: 'reference' });
    const amount = parseAmount(command.amount, 'amount');
    const paidAt = command.paidAt ?? this.clock.now();
    if (paidAt.getTime() > this.clock.now().getTime() + 60_000) throw BillingError.badInput('paidAt is in the future', 'paidAt');
    const hash = requestHash('payment', { invoice: command.invoiceId, amount: String(amount), reference, paidAt: command.paidAt?.toISOString() ?? null });
    return this.payOnce(command.invoiceId, scope, key, hash, amount, this.external, { reference, paidAt, recordedById: command.recordedById });
  }

  /**
   * A guardian pays an invoice of its payer from its own wallet in the invoice's currency (all that
   * remains when `amount` is omitted): the wallet is debited, the receivable credited, the wallet's
   * history gets the line, and the invoice its new state, in one transaction. Once per idempotency key.
   * Errors, in precedence: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, NOT_FOUND, IDEMPOTENCY_KEY_REUSED,
   * INVALID_INVOICE_TRANSITION, PAYMENT_EXCEEDS_REMAINING, CURRENCY_NOT_SUPPORTED, INSUFFICIENT_FUNDS.
   */
  async payFromWallet(command: WalletPaymentCommand): Promise<{ payment: InvoicePaymentRow; invoice: InvoiceRow; replayed: boolean }> {
    const key = checkText(command.idempotencyKey, { max: 200, field: 'idempotencyKey', allowEmpty: false });
    const asked = command.amount == null ? undefined : parseAmount(command.amount, 'amount');
    const hash = requestHash('wallet-payment', { invoice: command.invoiceId, amount: asked === undefined ? null : String(asked), guardian: command.guardianId });
    const scope = { merchantIds: [], guardianId: command.guardianId };
    return this.payOnce(command.invoiceId, scope, key, hash, asked, this.fromWallet(command.guardianId), { reference: `wallet of usr_${command.guardianId}`, paidAt: new Date(), recordedById: command.guardianId });
  }

  /**
   * One payment of an invoice, in one transaction with its row locked: the first under the key
   * (a replay returns it), of an invoice still payable, never above what remains (`amount`
   * omitted: all of it), from `source`.
   */
  private async payOnce(invoiceId: string, scope: BillingScope, key: string, hash: string, amount: bigint | undefined, source: Source,
    facts: { reference: string; paidAt: Date; recordedById: string | null }): Promise<{ payment: InvoicePaymentRow; invoice: InvoiceRow; replayed: boolean }> {
    return this.ledger.transaction(this.orm.em, async (tx) => {
      const invoice = await this.locked(tx.em, invoiceId, scope);
      const earlier = await tx.em.findOne(InvoicePaymentEntity, { idempotencyKey: key }) as InvoicePaymentRow | null;
      if (earlier) return { payment: replayOf(earlier, hash, () => BillingError.keyReused(key))!, invoice, replayed: true };
      if (invoice.status === InvoiceStatus.VOID || invoice.status === InvoiceStatus.PAID) throw BillingError.invalidTransition(invoice.id, invoice.status, 'paid');
      const remaining = remainingOf(invoice);
      const paying = amount ?? remaining;
      if (paying > remaining) throw BillingError.exceedsRemaining(invoice.id, remaining, invoice.currency);
      const payment = await this.pay(tx, invoice, { amount: paying, key, hash, ...facts }, source);
      return { payment, invoice, replayed: false };
    });
  }

  /** Money received outside Folio: the organisation's cash account. */
  private readonly external: Source = {
    method: PaymentMethod.EXTERNAL,
    debit: async (tx, invoice) => (await openBillingAccounts(tx, { merchantId: String(invoice.merchantId), payerId: String(invoice.payerId) }, invoice.currency, [BillingAccount.CASH]))[0],
  };

  /** The guardian's wallet in the invoice's currency (refused when that is not a wallet currency), and a line of its history. */
  private fromWallet(guardianId: string): Source {
    let walletId = '';
    return {
      method: PaymentMethod.WALLET,
      debit: async (tx, invoice) => {
        const wallet = await this.wallets.walletOf(guardianId, this.wallets.currency(invoice.currency), tx);
        walletId = wallet.id;
        return { accountId: String(wallet.accountId) };
      },
      after: async (tx, invoice, amount, entryId) => {
        await this.wallets.record(tx, [{
          walletId, kind: WalletTransactionKind.INVOICE_PAYMENT, status: WalletTransactionStatus.COMPLETED, amount: String(amount), currency: invoice.currency, entryId, reference: `inv_${invoice.id}`,
        }]);
      },
    };
  }

  private async pay(tx: LedgerTransaction, invoice: InvoiceRow, facts: { amount: bigint; reference: string; key: string; hash: string; paidAt: Date; recordedById: string | null }, source: Source): Promise<InvoicePaymentRow> {
    const ids = { merchantId: String(invoice.merchantId), payerId: String(invoice.payerId) };
    const debit = await source.debit(tx, invoice);
    // A payment is never effective before the invoice it pays.
    const at = facts.paidAt.getTime() < invoice.issuedAt.getTime() ? invoice.issuedAt : facts.paidAt;
    const posted = await tx.post({
      idempotencyKey: `billing:payment:${facts.key}`, effectiveAt: at, description: `Payment of invoice ${invoice.number}`,
      metadata: { invoiceId: invoice.id, payerId: ids.payerId, merchantId: ids.merchantId, reference: facts.reference },
      postings: moves(invoice.currency, [debit, billingAccount(BillingAccount.RECEIVABLE, ids, invoice.currency), facts.amount]),
    });
    await source.after?.(tx, invoice, facts.amount, posted.entryId);
    const payment = tx.em.create(InvoicePaymentEntity, {
      invoiceId: invoice.id, amount: String(facts.amount), method: source.method, reference: facts.reference, idempotencyKey: facts.key,
      requestHash: facts.hash, entryId: posted.entryId, recordedById: facts.recordedById, paidAt: at,
    } as never) as InvoicePaymentRow;
    await bumpStatementVersion(db(tx), ids.payerId);
    const paid = BigInt(invoice.paid) + facts.amount;
    Object.assign(invoice, { paid: String(paid), status: paid === BigInt(invoice.total) ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID, updatedAt: new Date() });
    await tx.em.flush();
    await publishInvoiceUpdated(tx.em, invoice);
    return payment;
  }

  /** The invoice, locked, if the scope reaches it (its organisation's staff, or a guardian of its payer); NOT_FOUND otherwise. */
  private async locked(em: EntityManager, invoiceId: string, scope: BillingScope): Promise<InvoiceRow> {
    const invoice = await em.findOne(InvoiceEntity, { id: invoiceId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) as InvoiceRow | null;
    const guards = async (row: InvoiceRow) => scope.guardianId !== undefined && await em.count(GuardianEntity, { payerId: row.payerId, userId: scope.guardianId }) > 0;
    if (!invoice || (!manages(scope, String(invoice.merchantId)) && !(await guards(invoice)))) throw BillingError.notFound('Invoice', invoiceId);
    return invoice;
  }

  private async byNumber(merchantId: string, number: string): Promise<InvoiceRow | null> {
    return await this.orm.em.fork().findOne(InvoiceEntity, { merchantId, number }) as InvoiceRow | null;
  }

  private replayOf(earlier: InvoiceRow, hash: string, number: string): InvoiceRow {
    return replayOf(earlier, hash, () => BillingError.numberTaken(number))!;
  }
}

/** The lines, checked, each amount computed in integers. */
function linesOf(lines: readonly InvoiceLineCommand[]): Line[] {
  if (lines.length === 0 || lines.length > billingLimits.linesPerInvoiceMax) throw BillingError.badInput(`an invoice has 1 to ${billingLimits.linesPerInvoiceMax} lines`, 'lines');
  return lines.map((line, index) => {
    const description = checkText(line.description, { max: billingLimits.nameLengthMax, field: `lines.${index}.description`, allowEmpty: false }).trim();
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > billingLimits.quantityMax) {
      throw BillingError.badInput(`lines.${index}.quantity is a whole number from 1 to ${billingLimits.quantityMax}`, `lines.${index}.quantity`);
    }
    const unitAmount = parseAmount(line.unitAmount, `lines.${index}.unitAmount`);
    return { description, quantity: line.quantity, unitAmount, amount: unitAmount * BigInt(line.quantity) };
  });
}

const db = (tx: LedgerTransaction) => tx.em.getKysely() as Kysely<any>;
