import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import type { TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';
import { BlVoid, invoiceFor, pay, payerOf, school, type School } from './billing-fixtures.js';

// Statements against a model: random invoices over the past 200 days, partial and whole payments
// at random times after them, voids of unpaid ones; then statements of each payer and of the
// school for random periods. Opening, every line with its running balance, closing, the totals and
// the aging must match the model, written from the README's rules, to the cent.
let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

const BlPayerStatement = graphql(`
  query BlPayerStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    payerStatement(payerId: $payerId, currency: "USD", from: $from, to: $to) { ...BlStatementFields }
  }
`);
const BlSchoolStatement = graphql(`
  query BlSchoolStatement($merchantId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    organisationStatement(merchantId: $merchantId, currency: "USD", from: $from, to: $to) { ...BlStatementFields }
  }
`);
graphql(`
  fragment BlStatementFields on Statement {
    opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated
    lines { kind invoiceNumber amount { amount } balance { amount } }
    aging { current { amount } days1To30 { amount } days31To60 { amount } days61To90 { amount } over90 { amount } }
  }
`);

const day = 86_400_000;
const invoiceArb = fc.record({ payer: fc.nat(1), ageDays: fc.integer({ min: 1, max: 200 }), dueDays: fc.integer({ min: 0, max: 60 }), amounts: fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 3 }) });
const paymentArb = fc.record({ invoice: fc.nat(), share: fc.integer({ min: 1, max: 100 }), after: fc.double({ min: 0, max: 1, noNaN: true }) });
const periodArb = fc.record({ fromDays: fc.integer({ min: 0, max: 210 }), lengthDays: fc.integer({ min: 1, max: 220 }) });
type InvoiceOp = typeof invoiceArb extends fc.Arbitrary<infer T> ? T : never;
type PaymentOp = typeof paymentArb extends fc.Arbitrary<infer T> ? T : never;
type PeriodOp = typeof periodArb extends fc.Arbitrary<infer T> ? T : never;

interface ModelInvoice { id: string; number: string; payer: number; total: bigint; issuedAt: number; dueAt: number; voidedAt?: number; payments: { at: number; amount: bigint }[] }
interface Line { at: number; kind: 'INVOICE' | 'PAYMENT' | 'VOID'; number: string; amount: bigint }

function linesOf(invoices: ModelInvoice[]): Line[] {
  return invoices.flatMap((inv): Line[] => [
    { at: inv.issuedAt, kind: 'INVOICE', number: inv.number, amount: inv.total },
    ...inv.payments.map((p): Line => ({ at: p.at, kind: 'PAYMENT', number: inv.number, amount: -p.amount })),
    ...(inv.voidedAt === undefined ? [] : [{ at: inv.voidedAt, kind: 'VOID' as const, number: inv.number, amount: -inv.total }]),
  ]).sort((a, b) => a.at - b.at);
}

/** The README's statement of these invoices for [from, to). */
function expected(invoices: ModelInvoice[], from: number, to: number) {
  const all = linesOf(invoices);
  const opening = all.filter((l) => l.at < from).reduce((s, l) => s + l.amount, 0n);
  let balance = opening;
  const lines = all.filter((l) => l.at >= from && l.at < to).map((l) => ({ kind: l.kind, invoiceNumber: l.number, amount: { amount: String(l.amount) }, balance: { amount: String((balance += l.amount)) } }));
  const sum = (kind: Line['kind']) => String(all.filter((l) => l.kind === kind && l.at >= from && l.at < to).reduce((s, l) => s - (kind === 'INVOICE' ? -l.amount : l.amount), 0n));
  const aging = { current: 0n, days1To30: 0n, days31To60: 0n, days61To90: 0n, over90: 0n };
  for (const inv of invoices) {
    if (inv.issuedAt >= to || (inv.voidedAt !== undefined && inv.voidedAt < to)) continue;
    const remaining = inv.total - inv.payments.filter((p) => p.at < to).reduce((s, p) => s + p.amount, 0n);
    if (remaining <= 0n) continue;
    const days = Math.ceil((to - inv.dueAt) / day);
    aging[days <= 0 ? 'current' : days <= 30 ? 'days1To30' : days <= 60 ? 'days31To60' : days <= 90 ? 'days61To90' : 'over90'] += remaining;
  }
  const money = (amount: bigint) => ({ amount: String(amount) });
  return {
    opening: money(opening), closing: money(balance), invoiced: { amount: sum('INVOICE') }, paid: { amount: sum('PAYMENT') }, voided: { amount: sum('VOID') },
    linesTruncated: false, lines,
    aging: { current: money(aging.current), days1To30: money(aging.days1To30), days31To60: money(aging.days31To60), days61To90: money(aging.days61To90), over90: money(aging.over90) },
  };
}

async function build(s: School, payers: string[], invoiceOps: InvoiceOp[], paymentOps: PaymentOp[], voids: number[]): Promise<ModelInvoice[]> {
  const now = Date.now();
  const invoices: ModelInvoice[] = [];
  for (const [i, op] of invoiceOps.entries()) {
    // A few seconds apart besides the days, so no two postings share an instant.
    const issuedAt = now - op.ageDays * day - i * 7_000;
    const dueAt = issuedAt + op.dueDays * day;
    const { answer } = await invoiceFor(s, payers[op.payer], op.amounts, 0, { issuedAt: new Date(issuedAt).toISOString(), dueAt: new Date(dueAt).toISOString() });
    const made = answer.data!.issueInvoice;
    invoices.push({ id: made.id, number: made.number, payer: op.payer, total: BigInt(made.total.amount), issuedAt, dueAt, payments: [] });
  }
  for (const [i, op] of paymentOps.entries()) {
    const inv = invoices[op.invoice % invoices.length];
    const remaining = inv.total - inv.payments.reduce((sum, p) => sum + p.amount, 0n);
    if (remaining === 0n) continue;
    const amount = (remaining * BigInt(op.share)) / 100n || 1n;
    const last = inv.payments.at(-1)?.at ?? inv.issuedAt;
    // After the invoice and the payment before it, before now; a few seconds apart, as above.
    const at = Math.floor(last + 1_000 + op.after * (now - 60_000 - last)) - (i % 5) * 11;
    if (at <= last || at >= now - 1_000) continue;
    const paid = await pay(s, inv.id, String(amount), undefined, { paidAt: new Date(at).toISOString() });
    expect(paid.errors, JSON.stringify(paid.errors)).toBeUndefined();
    inv.payments.push({ at, amount });
  }
  for (const index of voids) {
    const inv = invoices[index % invoices.length];
    if (inv.payments.length > 0 || inv.voidedAt !== undefined) continue;
    inv.voidedAt = new Date((await s.client.request(BlVoid, { id: inv.id })).data!.voidInvoice.voidedAt!).getTime();
  }
  return invoices;
}

async function run(invoiceOps: InvoiceOp[], paymentOps: PaymentOp[], voids: number[], periods: PeriodOp[]): Promise<void> {
  const s = await school(gw);
  const payers = [(await payerOf(s)).id, (await payerOf(s)).id];
  const invoices = await build(s, payers, invoiceOps, paymentOps, voids);
  const now = Date.now();
  for (const period of [...periods, { fromDays: 400, lengthDays: 401 }]) {
    const from = now - period.fromDays * day;
    const to = from + period.lengthDays * day;
    const times = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    for (const [index, payerId] of payers.entries()) {
      const got = (await s.client.request(BlPayerStatement, { payerId, ...times })).data!.payerStatement;
      expect(got, `payer ${index} for ${times.from} – ${times.to}`).toEqual(expected(invoices.filter((inv) => inv.payer === index), from, to));
    }
    const school_ = (await s.client.request(BlSchoolStatement, { merchantId: s.id, ...times })).data!.organisationStatement;
    expect(school_, `the school for ${times.from} – ${times.to}`).toEqual(expected(invoices, from, to));
  }
}

describe('statements against a model', () => {
  it('match the model to the cent for any invoices, payments and voids over any period', async () => {
    const property = fc.asyncProperty(
      fc.array(invoiceArb, { minLength: 1, maxLength: 6 }), fc.array(paymentArb, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 2 }), fc.array(periodArb, { minLength: 1, maxLength: 3 }), run,
    );
    // Always once: an invoice overdue in every bucket, one paid in two parts, one voided.
    const aged: InvoiceOp[] = [10, 45, 75, 120, 5].map((ageDays) => ({ payer: 0, ageDays, dueDays: 3, amounts: [1000, 250] }));
    await fc.assert(property, {
      numRuns: Number(process.env.BILLING_MODEL_RUNS ?? 5),
      examples: [[aged, [{ invoice: 1, share: 40, after: 0.2 }, { invoice: 1, share: 100, after: 0.5 }], [4], [{ fromDays: 60, lengthDays: 50 }, { fromDays: 200, lengthDays: 210 }]]],
    });
  }, 180_000);
});
