// The modules' screens for customers and merchants: cashback, invoices to pay, settlement.
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formatMoney } from '../money';
import { ApiError } from '../fields';

const AppCashback = graphql(`
  query AppCashback {
    cashbackSummary { currency pending { amount } available { amount } paidOut { amount } owed { amount } }
    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } merchant { name } } } }
  }
`);
const AppInvoicesToPay = graphql(`
  query AppInvoicesToPay { invoices(first: 20) { edges { node { id number status currency dueAt overdue total { amount } remaining { amount } } } } }
`);
const AppPayInvoice = graphql(`mutation AppPayInvoice($input: PayInvoiceInput!) { payInvoice(input: $input) { invoice { id status remaining { amount } } } }`);
const AppMerchantView = graphql(`
  query AppMerchantView {
    merchants(first: 10) { edges { node { id name cashbackGranted { amount currency }
      settlementBalances { processorId currency immature { amount } available { amount } held { amount } inPayout { amount } paid { amount } } } } }
    offers(first: 20) { edges { node { id name status currency budget { amount } budgetLeft { amount } } } }
    purchases(first: 10) { edges { node { id externalId status occurredAt amount { amount currency } cashback { amount currency } } } }
  }
`);

const tag = (status: string) => status.toLowerCase().replace(/_/g, ' ');

/** A customer's cashback: what it holds per currency, and its latest purchases. */
export function Cashback() {
  const [result] = useQuery({ query: AppCashback });
  const data = result.data;
  return (
    <section className="card" aria-labelledby="cashback-title">
      <h2 id="cashback-title">Cashback</h2>
      {result.error && <p role="alert" className="error">{result.error.message}</p>}
      {data?.cashbackSummary.length === 0 && <p>No cashback yet.</p>}
      <dl className="figures">
        {data?.cashbackSummary.map((s) => (
          <div key={s.currency}><dt>Pending ({s.currency})</dt><dd>{formatMoney(s.pending.amount, s.currency)}</dd></div>
        ))}
        {data?.cashbackSummary.map((s) => (
          <div key={`a${s.currency}`}><dt>Earned ({s.currency})</dt><dd>{formatMoney(s.available.amount, s.currency)}</dd></div>
        ))}
      </dl>
      <ul className="history">
        {data?.purchases.edges.map(({ node }) => (
          <li key={node.id}>
            <span className="what">{node.merchant?.name ?? 'A shop'} · {node.externalId}</span>
            <span className="amount">{formatMoney(node.amount.amount, node.amount.currency)}</span>
            <span className="ok">+{formatMoney(node.cashback.amount, node.cashback.currency)}</span>
            <span className="tag">{tag(node.status)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A guardian's invoices, with Pay (from the wallet, all that remains; one key per invoice and page view). */
export function InvoicesToPay() {
  const [result, reload] = useQuery({ query: AppInvoicesToPay });
  const [state, pay] = useMutation(AppPayInvoice);
  const keys = useMemo(() => new Map<string, string>(), []);
  const keyOf = (id: string) => { if (!keys.has(id)) keys.set(id, `app-${crypto.randomUUID()}`); return keys.get(id)!; };
  const [paid, setPaid] = useState<string>();
  const invoices = result.data?.invoices.edges.map((e) => e.node) ?? [];
  if (!result.fetching && invoices.length === 0) return null;
  return (
    <section className="card" aria-labelledby="invoices-title">
      <h2 id="invoices-title">Invoices</h2>
      <ApiError error={state.error} />
      {paid && <p role="status" className="ok">{paid}</p>}
      <ul className="history" data-testid="invoices">
        {invoices.map((inv) => (
          <li key={inv.id}>
            <span className="what">{inv.number} · due {new Date(inv.dueAt).toLocaleDateString()}{inv.overdue ? ' · overdue' : ''}</span>
            <span className="amount">{formatMoney(inv.remaining.amount, inv.currency)} of {formatMoney(inv.total.amount, inv.currency)}</span>
            <span className="tag">{tag(inv.status)}</span>
            {inv.remaining.amount !== '0' && inv.status !== 'VOID' && (
              <button type="button" disabled={state.fetching} onClick={() => void pay({ input: { invoiceId: inv.id, idempotencyKey: keyOf(inv.id) } }).then((r) => {
                if (!r.error) { setPaid(`Paid ${inv.number}.`); reload({ requestPolicy: 'network-only' }); }
              })}>Pay {formatMoney(inv.remaining.amount, inv.currency)}</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A merchant's shops: cashback granted, offers and their budgets, settlement balances, latest purchases. */
export function MerchantView() {
  const [result] = useQuery({ query: AppMerchantView });
  const data = result.data;
  return (
    <section className="card wide" aria-labelledby="merchant-title">
      <h2 id="merchant-title">Your shops</h2>
      {result.error && <p role="alert" className="error">{result.error.message}</p>}
      {data?.merchants.edges.map(({ node }) => (
        <div key={node.id} className="merchant">
          <h3>{node.name}</h3>
          <p>Cashback granted: {node.cashbackGranted.length ? node.cashbackGranted.map((m) => formatMoney(m.amount, m.currency)).join(', ') : 'none yet'}</p>
          {node.settlementBalances.length > 0 && (
            <table className="report">
              <caption>Settlement</caption>
              <thead><tr><th scope="col">Currency</th><th scope="col" className="num">Immature</th><th scope="col" className="num">Available</th><th scope="col" className="num">Held</th><th scope="col" className="num">In payout</th><th scope="col" className="num">Paid</th></tr></thead>
              <tbody>
                {node.settlementBalances.map((b) => (
                  <tr key={`${b.processorId}:${b.currency}`}>
                    <th scope="row">{b.currency}</th>
                    {[b.immature, b.available, b.held, b.inPayout, b.paid].map((m, i) => <td key={i} className="num">{formatMoney(m.amount, b.currency)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
      <h3>Offers</h3>
      <ul className="history">
        {data?.offers.edges.length === 0 && <li>No offer yet.</li>}
        {data?.offers.edges.map(({ node }) => (
          <li key={node.id}><span className="what">{node.name}</span><span className="amount">{formatMoney(node.budgetLeft.amount, node.currency)} left of {formatMoney(node.budget.amount, node.currency)}</span><span className="tag">{tag(node.status)}</span></li>
        ))}
      </ul>
      <h3>Latest purchases</h3>
      <ul className="history">
        {data?.purchases.edges.length === 0 && <li>No purchase yet.</li>}
        {data?.purchases.edges.map(({ node }) => (
          <li key={node.id}><span className="what">{node.externalId}</span><span className="amount">{formatMoney(node.amount.amount, node.amount.currency)}</span><span>cashback {formatMoney(node.cashback.amount, node.cashback.currency)}</span><span className="tag">{tag(node.status)}</span></li>
        ))}
      </ul>
    </section>
  );
}
