import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import type { TestGateway } from '../testkit/gateway.js';
import { gatewayForFile } from '../testkit/ledger-fixtures.js';
import { inDays, invoiceFor, pay, payerOf, school } from './billing-fixtures.js';

// A statement longer than BILLING_STATEMENT_LINES_MAX (3 here): GraphQL shows the first lines and
// says so, with the totals and closing of the whole period; the CSV has every line, read a page
// of 3 at a time, with the running balance carried across pages.
let gw: TestGateway;
gatewayForFile((started) => { gw = started; }, { BILLING_STATEMENT_LINES_MAX: '3' });

const BlLongStatement = graphql(`
  query BlLongStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    payerStatement(payerId: $payerId, currency: "USD", from: $from, to: $to) { opening { amount } closing { amount } invoiced { amount } paid { amount } voided { amount } linesTruncated lines { kind balance { amount } } }
  }
`);

describe('a statement longer than its page', () => {
  it('shows its first lines with the whole period’s totals, and the CSV every line in order', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const amounts = [1000, 2000, 3000, 4000];
    for (const [i, amount] of amounts.entries()) {
      const invoice = (await invoiceFor(s, payer.id, [amount], 30, { issuedAt: inDays(-10 + i) })).answer.data!.issueInvoice;
      if (i < 3) await pay(s, invoice.id, String(amount / 2), undefined, { paidAt: inDays(-9.5 + i) });
    }
    const period = { from: inDays(-20), to: inDays(1) };
    const statement = (await s.client.request(BlLongStatement, { payerId: payer.id, ...period })).data!.payerStatement!;
    expect(statement).toMatchObject({ opening: { amount: '0' }, invoiced: { amount: '10000' }, paid: { amount: '3000' }, voided: { amount: '0' }, closing: { amount: '7000' }, linesTruncated: true });
    expect(statement.lines.map((l) => [l.kind, l.balance.amount])).toEqual([['INVOICE', '1000'], ['PAYMENT', '500'], ['INVOICE', '2500']]);
    const csv = await fetch(`${gw.url.replace(/\/graphql$/, '')}/billing/statements/payers/${payer.id}.csv?${new URLSearchParams({ currency: 'USD', ...period })}`, { headers: s.staff.headers });
    const rows = (await csv.text()).trim().split('\n').slice(1).map((row) => row.split(','));
    expect(rows.map((row) => [row[1], row[6]])).toEqual([
      ['OPENING', '0'], ['INVOICE', '1000'], ['PAYMENT', '500'], ['INVOICE', '2500'], ['PAYMENT', '1500'], ['INVOICE', '4500'], ['PAYMENT', '3000'], ['INVOICE', '7000'], ['CLOSING', '7000'],
    ]);
  });
});
