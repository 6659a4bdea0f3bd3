import type { EntityManager } from '@mikro-orm/postgresql';
import type { Kysely } from 'kysely';
import { AccountType, Direction, NegativeBalancePolicy, postedTotalsAt, type LedgerService, type LedgerTransaction, type PostingCommand } from '../ledger/index.js';
import type { Clock } from '../platform/clock.js';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import { ClosingEntryEntity, ClosingEntryKind, PeriodCloseEntity, type ClosingEntryRow, type PeriodCloseRow } from './period.entity.js';
import { parsePeriod, type Period, type PeriodKind } from './period.js';
import { onNormalSide } from './report-tree.js';
import { reportsLimits } from './reports.config.js';
import { ReportsError } from './reports.errors.js';

export interface CloseCommand { period: string; idempotencyKey: string; by: string }
export interface ReopenCommand extends CloseCommand { reason: string }
export interface PeriodCloseResult { close: PeriodCloseRow; entries: ClosingEntryRow[]; replayed: boolean }

/** The retained-earnings account of a currency: where a close moves the revenue and expenses. */
export const retainedEarningsCode = (currency: string) => `equity:retained-earnings:${currency.toLowerCase()}`;

/**
 * Closes and reopens accounting periods. A close, under the books lock taken exclusive (every
 * posting under way has committed, new ones wait), posts one closing entry per currency (more past
 * a hundred accounts) at the period's last millisecond, moving each revenue and expense balance
 * into retained earnings, then moves the books' closed bound to the period's end: from its commit
 * on, the ledger refuses anything taking effect before it (PERIOD_CLOSED), in every module.
 */
export class PeriodService {
  constructor(private readonly ledger: LedgerService, private readonly kind: PeriodKind, private readonly clock: Clock) {}

  /** Errors, in precedence: BAD_USER_INPUT, IDEMPOTENCY_KEY_REUSED, PERIOD_NOT_ENDED, PERIOD_ALREADY_CLOSED, PERIOD_OUT_OF_ORDER, then the ledger's (ACCOUNT_FROZEN, ACCOUNT_CLOSED) for a closing posting it refuses. */
  async close(em: EntityManager, command: CloseCommand): Promise<PeriodCloseResult> {
    const period = parsePeriod(this.kind, command.period);
    const key = keyOf(command.idempotencyKey);
    return this.ledger.transaction(em, async (tx) => {
      const earlier = await tx.em.findOne(PeriodCloseEntity, { idempotencyKey: key });
      if (earlier) {
        if (earlier.period !== period.name) throw ReportsError.keyReused(key);
        return { close: earlier, entries: await entriesOf(tx.em, earlier.id), replayed: true };
      }
      this.checkClosable(period, tx.booksClosedThrough);
      const close = tx.em.create(PeriodCloseEntity, { period: period.name, startsAt: period.start, endsAt: period.end, idempotencyKey: key, closedBy: command.by } as never);
      await tx.em.flush();
      const entries = await postClosingEntries(tx, close, period);
      await tx.setClosedThrough(period.end);
      return { close, entries, replayed: false };
    }, { lockBooks: true });
  }

  /** Errors, in precedence: BAD_USER_INPUT, IDEMPOTENCY_KEY_REUSED, PERIOD_NOT_CLOSED, PERIOD_OUT_OF_ORDER. */
  async reopen(em: EntityManager, command: ReopenCommand): Promise<PeriodCloseResult> {
    const period = parsePeriod(this.kind, command.period);
    const key = keyOf(command.idempotencyKey);
    const reason = checkText(command.reason, { max: reportsLimits.reasonLengthMax, field: 'reason', allowEmpty: false }).trim();
    if (!reason) throw ReportsError.badInput('reason is required', 'reason');
    return this.ledger.transaction(em, async (tx) => {
      const earlier = await tx.em.findOne(PeriodCloseEntity, { reopenKey: key });
      if (earlier) {
        if (earlier.period !== period.name || earlier.reopenReason !== reason) throw ReportsError.keyReused(key);
        return { close: earlier, entries: await entriesOf(tx.em, earlier.id), replayed: true };
      }
      const close = await tx.em.findOne(PeriodCloseEntity, { period: period.name, reopenedAt: null });
      if (!close) throw ReportsError.notClosed(period.name);
      const closedThrough = tx.booksClosedThrough;
      if (!closedThrough || closedThrough.getTime() !== close.endsAt.getTime()) throw ReportsError.outOfOrder(period.name, 'a later period is closed: reopen it first', closedThrough);
      // The bound goes back first, so the reversals (at the closing entries' own time) are in an open period.
      const before = await tx.em.findOne(PeriodCloseEntity, { reopenedAt: null, endsAt: { $lt: close.endsAt } }, { orderBy: { endsAt: 'desc' } });
      await tx.setClosedThrough(before?.endsAt ?? null);
      const entries = await reverseClosingEntries(tx, close);
      Object.assign(close, { reopenedAt: this.clock.now(), reopenedBy: command.by, reopenReason: reason, reopenKey: key });
      await tx.em.flush();
      return { close, entries, replayed: false };
    }, { lockBooks: true });
  }

  /** PERIOD_NOT_ENDED, PERIOD_ALREADY_CLOSED or PERIOD_OUT_OF_ORDER, in that order. */
  private checkClosable(period: Period, closedThrough: Date | null): void {
    if (period.end.getTime() > this.clock.now().getTime()) throw ReportsError.notEnded(period.name, period.end);
    if (closedThrough && period.end.getTime() <= closedThrough.getTime()) throw ReportsError.alreadyClosed(period.name, closedThrough);
    if (closedThrough && period.start.getTime() !== closedThrough.getTime()) {
      throw ReportsError.outOfOrder(period.name, `periods close in order: the next one to close starts at ${closedThrough.toISOString()}`, closedThrough);
    }
  }
}

function keyOf(key: string): string {
  return checkText(key, { max: limits.idempotencyKeyLengthMax, field: 'idempotencyKey', allowEmpty: false });
}

async function entriesOf(em: EntityManager, closeId: string): Promise<ClosingEntryRow[]> {
  return em.find(ClosingEntryEntity, { closeId }, { orderBy: { entryId: 'asc' } });
}

/** Each currency's revenue and expense balances before the period's end, as postings that bring them to zero. */
async function closingPostings(tx: LedgerTransaction, end: Date): Promise<Map<string, PostingCommand[]>> {
  const rows = await postedTotalsAt(tx.em.getKysely() as Kysely<any>, { types: [AccountType.REVENUE, AccountType.EXPENSE] }, end, 'before');
  const byCurrency = new Map<string, PostingCommand[]>();
  for (const row of rows) {
    // On the normal side: positive revenue (a credit balance) is debited, positive expense credited.
    const balance = onNormalSide(row.type as AccountType, BigInt(row.debits), BigInt(row.credits));
    if (balance === 0n) continue;
    const normalIsCredit = row.type === AccountType.REVENUE;
    const direction = (balance > 0n) === normalIsCredit ? Direction.DEBIT : Direction.CREDIT;
    const postings = byCurrency.get(row.currency) ?? [];
    postings.push({ accountId: row.id, direction, amount: String(balance < 0n ? -balance : balance), currency: row.currency });
    byCurrency.set(row.currency, postings);
  }
  return byCurrency;
}

/** The retained-earnings leg that balances `postings`, if they do not balance by themselves. */
function retainedEarningsLeg(postings: readonly PostingCommand[], currency: string): PostingCommand[] {
  const net = postings.reduce((sum, p) => sum + (p.direction === Direction.DEBIT ? BigInt(p.amount) : -BigInt(p.amount)), 0n);
  if (net === 0n) return [];
  return [{ accountCode: retainedEarningsCode(currency), direction: net > 0n ? Direction.CREDIT : Direction.DEBIT, amount: String(net > 0n ? net : -net), currency }];
}

async function postClosingEntries(tx: LedgerTransaction, close: PeriodCloseRow, period: Period): Promise<ClosingEntryRow[]> {
  const at = new Date(period.end.getTime() - 1);
  const written: ClosingEntryRow[] = [];
  for (const [currency, postings] of [...(await closingPostings(tx, period.end))].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await tx.ensureAccount({ code: retainedEarningsCode(currency), name: `Retained earnings (${currency})`, type: AccountType.EQUITY, currency, negativeBalance: NegativeBalancePolicy.ALLOW });
    // One entry holds at most postingsPerEntryMax postings: the accounts in chunks, each balanced by its own retained-earnings leg.
    const chunk = limits.postingsPerEntryMax - 1;
    for (let start = 0, part = 1; start < postings.length; start += chunk, part++) {
      const legs = postings.slice(start, start + chunk);
      const { entryId } = await tx.post({
        idempotencyKey: `folio:close:${close.id}:${currency}:${part}`, effectiveAt: at,
        description: `Closing entry of period ${period.name} (${currency}${postings.length > chunk ? `, part ${part}` : ''})`,
        metadata: { folio: { periodClose: close.id, period: period.name } },
        postings: [...legs, ...retainedEarningsLeg(legs, currency)],
      });
      written.push(tx.em.create(ClosingEntryEntity, { entryId, closeId: close.id, kind: ClosingEntryKind.CLOSE, currency } as never));
    }
  }
  await tx.em.flush();
  return written;
}

async function reverseClosingEntries(tx: LedgerTransaction, close: PeriodCloseRow): Promise<ClosingEntryRow[]> {
  const closing = (await entriesOf(tx.em, close.id)).filter((row) => row.kind === ClosingEntryKind.CLOSE);
  const at = new Date(close.endsAt.getTime() - 1);
  const written: ClosingEntryRow[] = [];
  for (const entry of closing) {
    const { entryId } = await tx.reverse({ idempotencyKey: `folio:reopen:${close.id}:${entry.entryId}`, entryId: String(entry.entryId), effectiveAt: at, description: `Reopening of period ${close.period}: reversal of its closing entry ${entry.entryId}` });
    written.push(tx.em.create(ClosingEntryEntity, { entryId, closeId: close.id, kind: ClosingEntryKind.REOPEN, currency: entry.currency } as never));
  }
  await tx.em.flush();
  return [...closing, ...written];
}
