import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import type { ResilientCache } from '../platform/cache/resilient-cache.js';
import { BillingError } from './billing.errors.js';
import type { StatementLineKind, StatementOf, StatementQueries, StatementRow } from './statement.queries.js';

/** How long a cached statement lives; a change makes it unreachable at once anyway (a new version). */
const ttlSeconds = 60;

/**
 * Statements, cached in Redis under versioned keys (`statement:<payer|org>:<id>:v<version>:<currency>:<from>:<to>`).
 * The version is the payer's `statement_version` (an organisation's: the sum of its payers'), raised
 * in the transaction of every change to an invoice or payment: once the change has committed, every
 * read asks for the new key, so a cached statement is never stale after a write returns, whether
 * Redis was up or down when it was written. A read Redis cannot answer is computed from PostgreSQL.
 */
export class StatementService {
  constructor(private readonly queries: StatementQueries, private readonly cache: ResilientCache) {}

  /** `version`: the payer's, when the caller has just read its row; read here otherwise. */
  async statement(em: EntityManager, of: StatementOf, currency: string, from: Date, to: Date, version?: string): Promise<StatementRow> {
    if (to.getTime() <= from.getTime()) throw BillingError.badInput('to is after from', 'to');
    version ??= await statementVersion(em.getKysely() as Kysely<any>, of);
    const key = `statement:${of.payerId ? `payer:${of.payerId}` : `org:${of.merchantId}`}:v${version}:${currency}:${from.toISOString()}:${to.toISOString()}`;
    const cached = await this.cache.get(key);
    if (cached) return fromWire(of, cached);
    const row = await this.queries.statement(em, of, currency, from, to);
    // Not awaited: filling the cache never adds to the answer's latency.
    void this.cache.set(key, toWire(row), ttlSeconds);
    return row;
  }

  /** Every line of a statement with its running balance, the opening first, a page at a time (for the CSV, never cached). */
  lines(em: EntityManager, of: StatementOf, currency: string, from: Date, to: Date) {
    return this.queries.allLines(em, of, currency, from, to);
  }
}

/** Raises a payer's statement version, in the transaction of a change to its invoices or payments. */
export async function bumpStatementVersion(db: Kysely<any>, payerId: string): Promise<void> {
  await sql`update billing_payer set statement_version = statement_version + 1 where id = ${payerId}::bigint`.execute(db);
}

async function statementVersion(db: Kysely<any>, of: StatementOf): Promise<string> {
  const { rows: [row] } = of.payerId
    ? await sql<{ version: string }>`select statement_version::text as version from billing_payer where id = ${of.payerId}::bigint`.execute(db)
    : await sql<{ version: string }>`select coalesce(sum(statement_version), 0)::text as version from billing_payer where merchant_id = ${of.merchantId}::bigint`.execute(db);
  return row?.version ?? '0';
}

/** A statement as Redis keeps it: amounts as strings, times as ISO strings. */
function toWire(row: StatementRow): string {
  return JSON.stringify({
    ...row, of: undefined, from: row.from.toISOString(), to: row.to.toISOString(),
    opening: String(row.opening), closing: String(row.closing), invoiced: String(row.invoiced), paid: String(row.paid), voided: String(row.voided),
    lines: row.lines.map((line) => ({ ...line, at: line.at.toISOString(), amount: String(line.amount), balance: String(line.balance) })),
    aging: Object.fromEntries(Object.entries(row.aging).map(([bucket, amount]) => [bucket, String(amount)])),
  });
}

function fromWire(of: StatementOf, text: string): StatementRow {
  const wire = JSON.parse(text) as Record<string, any>;
  return {
    of, currency: wire.currency, from: new Date(wire.from), to: new Date(wire.to),
    opening: BigInt(wire.opening), closing: BigInt(wire.closing), invoiced: BigInt(wire.invoiced), paid: BigInt(wire.paid), voided: BigInt(wire.voided),
    linesTruncated: wire.linesTruncated,
    lines: (wire.lines as Record<string, string>[]).map((line) => ({
      at: new Date(line.at), kind: line.kind as StatementLineKind, invoiceId: line.invoiceId, invoiceNumber: line.invoiceNumber, paymentId: line.paymentId ?? null,
      entryId: line.entryId, amount: BigInt(line.amount), balance: BigInt(line.balance),
    })),
    aging: Object.fromEntries(Object.entries(wire.aging as Record<string, string>).map(([bucket, amount]) => [bucket, BigInt(amount)])) as unknown as StatementRow['aging'],
  };
}
