import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { fundedWallet, transfer } from '../testkit/ledger-fixtures.js';
import { privateDatabase, type PrivateDatabase } from '../testkit/private-database.js';
import { invoiceFor, inDays, pay, payerOf, school } from '../billing/billing-fixtures.js';

// The figures a finance dashboard graphs, in /metrics: the flow per currency and module (counted
// as transactions commit) and the database-wide gauges (read at a scrape). A private database, so
// the gauges hold only what this file made.
let gw: TestGateway;
let db: PrivateDatabase;
beforeAll(async () => {
  db = await privateDatabase('business_metrics');
  gw = await startTestGateway({ DATABASE_URL: db.url });
});
afterAll(async () => {
  await gw?.close();
  await db?.drop();
});

const scrape = async () => (await fetch(gw.url.replace(/\/graphql$/, '/metrics'))).text();
const value = (metrics: string, series: string) => {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('business metrics', () => {
  it('count entries and volume per currency and module, and read holds, overdue invoices and the outbox from the database', async () => {
    const { bank, wallet } = await fundedWallet(gw, '10000');
    const hold = await transfer(gw, wallet.id, bank.id, '2500', 'USD', { pending: true });
    expect(hold.errors).toBeUndefined();
    const s = await school(gw);
    const payer = await payerOf(s);
    const invoice = (await invoiceFor(s, payer.id, [1000, 234], 0, { issuedAt: inDays(-10), dueAt: inDays(-2) })).answer.data!.issueInvoice;
    expect((await pay(s, invoice.id, '300', uniq('pay'))).errors).toBeUndefined();

    const metrics = await scrape();
    // The API's two entries (a funding and the hold), billing's two (the invoice, its payment).
    expect(value(metrics, 'folio_ledger_entries_total{currency="USD",module="api"}')).toBe(2);
    expect(value(metrics, 'folio_ledger_volume_total{currency="USD",module="api"}')).toBe(12_500);
    expect(value(metrics, 'folio_ledger_entries_total{currency="USD",module="billing"}')).toBe(2);
    expect(value(metrics, 'folio_ledger_volume_total{currency="USD",module="billing"}')).toBe(1_534);
    expect(value(metrics, 'folio_ledger_open_holds{currency="USD"}')).toBe(1);
    expect(value(metrics, 'folio_ledger_open_holds_amount{currency="USD"}')).toBe(2_500);
    expect(value(metrics, 'folio_billing_overdue_invoices{currency="USD"}')).toBe(1);
    expect(value(metrics, 'folio_billing_overdue_amount{currency="USD"}')).toBe(934);
    expect(value(metrics, 'folio_outbox_unpublished_events')).toBeGreaterThanOrEqual(0);
    expect(value(metrics, 'folio_outbox_oldest_unpublished_seconds')).toBeGreaterThanOrEqual(0);
    // Nothing of theirs yet: present, with no series.
    for (const name of ['folio_wallet_pending_withdrawals', 'folio_settlement_immature_funds']) expect(metrics).toContain(`# TYPE ${name} gauge`);
    // Without NATS_URL there is no broker lag to report.
    expect(metrics).not.toContain('folio_broker_lag_events');
  });
});
