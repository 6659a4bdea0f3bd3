import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { BillingError } from './billing.errors.js';

/** Whose statement: one payer's, or every payer's of an organisation. */
export type StatementOf = { payerId: string; merchantId?: never } | { merchantId: string; payerId?: never };

export enum StatementLineKind { INVOICE = 'INVOICE', PAYMENT = 'PAYMENT', VOID = 'VOID' }

export interface StatementLineRow { at: Date; kind: StatementLineKind; invoiceId: string; invoiceNumber: string; paymentId: string | null; entryId: string; amount: bigint; balance: bigint }

/** What is open at the period's end, by days past due (a day begun counts). */
export interface AgingRow { current: bigint; days1To30: bigint; days31To60: bigint; days61To90: bigint; over90: bigint }

export interface StatementRow {
  of: StatementOf; currency: string; from: Date; to: Date;
  opening: bigint; closing: bigint; invoiced: bigint; paid: bigint; voided: bigint;
  lines: StatementLineRow[]; linesTruncated: boolean; aging: AgingRow;
}

const day = 86_400_000;

/**
 * Account statements, read from the ledger's postings on the payers' receivables: the balance
 * before the period, every posting in it in order with a running balance, the balance after, and
 * the aging of what is open at its end (from the invoices and payments effective by then).
 */
export class StatementQueries {
  /** `linesMax`: lines of a statement shown at most, and the CSV's page (BILLING_STATEMENT_LINES_MAX). */
  constructor(private readonly linesMax: number) {}

  async statement(em: EntityManager, of: StatementOf, currency: string, from: Date, to: Date): Promise<StatementRow> {
    if (to.getTime() <= from.getTime()) throw BillingError.badInput('to is after from', 'to');
    const db = em.getKysely() as Kysely<any>;
    const accounts = await this.receivables(db, of, currency);
    const [opening, lines, aging] = await Promise.all([this.balanceBefore(db, accounts, from), this.lines(db, accounts, from, to), this.aging(db, of, currency, to)]);
    // The lines are the whole period unless cut short: only then are the totals summed by a query of their own.
    const period = lines.truncated ? await this.periodTotals(db, accounts, from, to) : totalsOf(lines.rows);
    let balance = opening;
    const withBalance = lines.rows.map((line) => ({ ...line, balance: (balance += line.amount) }));
    return {
      of, currency, from, to, opening, closing: opening + period.invoiced - period.paid - period.voided, ...period,
      lines: withBalance, linesTruncated: lines.truncated, aging,
    };
  }

  /** The receivable accounts the statement covers: the payer's, or every payer's of the organisation, in the currency. */
  private async receivables(db: Kysely<any>, of: StatementOf, currency: string): Promise<string[]> {
    const suffix = `:receivable:${currency.toLowerCase()}`;
    const { rows } = of.payerId
      ? await sql<{ id: string }>`select id::text from ledger_account where code = ${`payer:${of.payerId}${suffix}`}`.execute(db)
      : await sql<{ id: string }>`select a.id::text from billing_payer p join ledger_account a on a.code = 'payer:' || p.id || ${suffix}
          where p.merchant_id = ${of.merchantId}::bigint`.execute(db);
    return rows.map((row) => row.id);
  }

  private async balanceBefore(db: Kysely<any>, accounts: string[], at: Date): Promise<bigint> {
    if (accounts.length === 0) return 0n;
    const { rows: [row] } = await sql<{ balance: string }>`select coalesce(sum(case when direction = 'DEBIT' then amount else -amount end), 0)::text as balance
      from ledger_posting where account_id = any(${accounts}::bigint[]) and not pending and effective_at < ${at}`.execute(db);
    return BigInt(row.balance);
  }

  /** What the period invoiced, was paid and voided, from every posting in it (the lines may be cut short, the totals never). */
  private async periodTotals(db: Kysely<any>, accounts: string[], from: Date, to: Date): Promise<{ invoiced: bigint; paid: bigint; voided: bigint }> {
    if (accounts.length === 0) return { invoiced: 0n, paid: 0n, voided: 0n };
    const { rows: [row] } = await sql<{ invoiced: string; paid: string; voided: string }>`select
        coalesce(sum(p.amount) filter (where p.direction = 'DEBIT'), 0)::text as invoiced,
        coalesce(sum(p.amount) filter (where p.direction = 'CREDIT' and pm.id is not null), 0)::text as paid,
        coalesce(sum(p.amount) filter (where p.direction = 'CREDIT' and pm.id is null), 0)::text as voided
      from ledger_posting p left join billing_payment pm on pm.entry_id = p.entry_id
      where p.account_id = any(${accounts}::bigint[]) and not p.pending and p.effective_at >= ${from} and p.effective_at < ${to}`.execute(db);
    return { invoiced: BigInt(row.invoiced), paid: BigInt(row.paid), voided: BigInt(row.voided) };
  }

  /** The period's opening and every line with its running balance, a page at a time (for the CSV, which has them all). */
  async *allLines(em: EntityManager, of: StatementOf, currency: string, from: Date, to: Date): AsyncGenerator<{ opening: bigint } | StatementLineRow[]> {
    const db = em.getKysely() as Kysely<any>;
    const accounts = await this.receivables(db, of, currency);
    let balance = await this.balanceBefore(db, accounts, from);
    yield { opening: balance };
    for (let after: { at: Date; id: string } | undefined; ;) {
      const page = await this.lines(db, accounts, from, to, after);
      yield page.rows.map((line) => ({ ...line, balance: (balance += line.amount) }));
      if (!page.truncated) return;
      after = page.last;
    }
  }

  private async lines(db: Kysely<any>, accounts: string[], from: Date, to: Date, after?: { at: Date; id: string }): Promise<{ rows: Omit<StatementLineRow, 'balance'>[]; truncated: boolean; last?: { at: Date; id: string } }> {
    if (accounts.length === 0) return { rows: [], truncated: false };
    const { rows } = await sql<{ at: Date | string; posting_id: string; direction: string; amount: string; entry_id: string; invoice_id: string; number: string; payment_id: string | null; voided: boolean }>`select
        p.effective_at as at, p.id::text as posting_id, p.direction, p.amount::text, p.entry_id::text, i.id::text as invoice_id, i.number, pm.id::text as payment_id, i.void_entry_id = p.entry_id as voided
      from ledger_posting p
      left join billing_payment pm on pm.entry_id = p.entry_id
      left join billing_invoice issued on issued.entry_id = p.entry_id
      left join billing_invoice voided on voided.void_entry_id = p.entry_id
      join billing_invoice i on i.id = coalesce(pm.invoice_id, issued.id, voided.id)
      where p.account_id = any(${accounts}::bigint[]) and not p.pending and p.effective_at >= ${from} and p.effective_at < ${to}
        ${after ? sql`and (p.effective_at, p.id) > (${after.at}, ${after.id}::bigint)` : sql``}
      order by p.effective_at, p.id limit ${this.linesMax + 1}`.execute(db);
    const kind = (row: (typeof rows)[number]) => (row.payment_id ? StatementLineKind.PAYMENT : row.voided ? StatementLineKind.VOID : StatementLineKind.INVOICE);
    const shown = rows.slice(0, this.linesMax);
    const last = shown.at(-1);
    return {
      truncated: rows.length > this.linesMax,
      last: last && { at: new Date(last.at), id: last.posting_id },
      rows: shown.map((row) => ({
        at: new Date(row.at), kind: kind(row), invoiceId: row.invoice_id, invoiceNumber: row.number, paymentId: row.payment_id, entryId: row.entry_id,
        amount: row.direction === 'DEBIT' ? BigInt(row.amount) : -BigInt(row.amount),
      })),
    };
  }

  /** The invoices open at `at` (issued, not voided, not fully paid by then), what remains of each, by days past due then. */
  private async aging(db: Kysely<any>, of: StatementOf, currency: string, at: Date): Promise<AgingRow> {
    const { rows } = await sql<{ remaining: string; due_at: Date | string }>`select (i.total - coalesce((select sum(pm.amount) from billing_payment pm
        where pm.invoice_id = i.id and pm.paid_at < ${at}), 0))::text as remaining, i.due_at
      from billing_invoice i
      where ${of.payerId ? sql`i.payer_id = ${of.payerId}::bigint` : sql`i.merchant_id = ${of.merchantId}::bigint`}
        and i.currency = ${currency} and i.issued_at < ${at} and (i.voided_at is null or i.voided_at >= ${at})`.execute(db);
    const aging: AgingRow = { current: 0n, days1To30: 0n, days31To60: 0n, days61To90: 0n, over90: 0n };
    for (const row of rows) {
      const remaining = BigInt(row.remaining);
      if (remaining <= 0n) continue;
      const days = Math.ceil((at.getTime() - new Date(row.due_at).getTime()) / day);
      const bucket: keyof AgingRow = days <= 0 ? 'current' : days <= 30 ? 'days1To30' : days <= 60 ? 'days31To60' : days <= 90 ? 'days61To90' : 'over90';
      aging[bucket] += remaining;
    }
    return aging;
  }
}

/** What the lines invoiced, were paid and voided. */
function totalsOf(lines: readonly Omit<StatementLineRow, 'balance'>[]): { invoiced: bigint; paid: bigint; voided: bigint } {
  const sum = (kind: StatementLineKind) => lines.filter((line) => line.kind === kind).reduce((total, line) => total + (line.amount < 0n ? -line.amount : line.amount), 0n);
  return { invoiced: sum(StatementLineKind.INVOICE), paid: sum(StatementLineKind.PAYMENT), voided: sum(StatementLineKind.VOID) };
}
