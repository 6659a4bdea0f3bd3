import { useEffect, useState, type FormEvent } from 'react';
import type { Client as WsClient } from 'graphql-ws';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formatMoney } from '../money';
import { useAmountForm } from '../amount-form';
import { AmountFields, ApiError } from '../fields';
import { useEventSequence, useLive } from '../live';

const AppHistory = graphql(`
  query AppHistory($after: String, $kinds: [WalletTransactionKind!]) {
    wallets { id currency transactions(first: 20, after: $after, filter: { kinds: $kinds }) {
      edges { node { id kind status direction description memo createdAt amount { amount currency } } }
      pageInfo { endCursor hasNextPage }
    } }
  }
`);
const AppHistoryTouches = graphql(`subscription AppHistoryTouches($after: String) { walletBalanceChanged(after: $after) { sequence } }`);
const AppDeposit = graphql(`mutation AppDeposit($input: DepositInput!) { deposit(input: $input) { id amount { amount currency } } }`);
const AppWithdraw = graphql(`
  mutation AppWithdraw($input: RequestWithdrawalInput!) { requestWithdrawal(input: $input) { id status amount { amount currency } fee { amount } } }
`);
const AppWithdrawals = graphql(`
  query AppWithdrawals { withdrawals(first: 10) { edges { node { id status destination createdAt failureReason amount { amount currency } } } } }
`);
const AppWithdrawalUpdates = graphql(`
  subscription AppWithdrawalUpdates($after: String) { withdrawalUpdated(after: $after) { sequence status withdrawal { id destination createdAt failureReason amount { amount currency } } } }
`);

const kinds = ['DEPOSIT', 'TRANSFER_IN', 'TRANSFER_OUT', 'WITHDRAWAL', 'FEE', 'CASHBACK', 'CASHBACK_CLAWBACK', 'INVOICE_PAYMENT', 'PAYOUT'] as const;
type Kind = (typeof kinds)[number];

/** The wallets' history, newest first, by kind, a page at a time; the first page again on every balance change. */
export function History({ ws }: { ws: WsClient }) {
  const [kind, setKind] = useState<Kind | ''>('');
  const [touched, setTouched] = useState(0);
  const start = useEventSequence();
  useLive<{ sequence: string }>(ws, AppHistoryTouches, 'walletBalanceChanged', {}, () => setTouched((n) => n + 1), start);
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const variables = (after: string | null) => ({ after, kinds: kind ? [kind] : undefined });
  return (
    <section className="card wide" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <label className="inline">Kind
        <select value={kind} onChange={(e) => { setKind(e.target.value as Kind | ''); setPages([null]); }}>
          <option value="">All</option>
          {kinds.map((k) => <option key={k} value={k}>{k.toLowerCase().replace(/_/g, ' ')}</option>)}
        </select>
      </label>
      <ul className="history" data-testid="history">
        {pages.map((after, index) => <HistoryPage key={`${kind}:${after ?? 'first'}`} variables={variables(after)} touched={index === 0 ? touched : 0} last={index === pages.length - 1} more={(cursor) => setPages((shown) => [...shown, cursor])} />)}
      </ul>
    </section>
  );
}

function HistoryPage({ variables, touched, last, more }: { variables: { after: string | null; kinds?: Kind[] }; touched: number; last: boolean; more: (cursor: string) => void }) {
  const [result, reload] = useQuery({ query: AppHistory, variables });
  useEffect(() => { if (touched > 0) reload({ requestPolicy: 'network-only' }); }, [touched]);
  if (result.error) return <li role="alert" className="error">{result.error.message}</li>;
  if (!result.data) return <li>Loading…</li>;
  const rows = result.data.wallets.flatMap((w) => w.transactions.edges.map((e) => e.node)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const next = result.data.wallets.find((w) => w.transactions.pageInfo.hasNextPage)?.transactions.pageInfo.endCursor;
  return (
    <>
      {rows.length === 0 && !variables.after && <li>Nothing yet.</li>}
      {rows.map((row) => (
        <li key={row.id}>
          <span className="tag">{row.kind.toLowerCase().replace(/_/g, ' ')}</span>
          <span className="what">{row.memo || row.description}</span>
          <span className={`amount ${row.direction === 'IN' ? 'ok' : ''}`}>{row.direction === 'IN' ? '+' : '−'}{formatMoney(row.amount.amount, row.amount.currency)}</span>
          <span className="tag">{row.status.toLowerCase()}</span>
          <time dateTime={row.createdAt}>{new Date(row.createdAt).toLocaleString()}</time>
        </li>
      ))}
      {last && next && <li><button type="button" onClick={() => more(next)}>Load more</button></li>}
    </>
  );
}

type Withdrawal = { id: string; status: string; destination: string; createdAt: string; failureReason?: string | null; amount: { amount: string; currency: string } };

/** Withdrawals: a form (one idempotency key per distinct submission) and the latest ones, live. */
export function Withdrawals({ ws }: { ws: WsClient }) {
  const start = useEventSequence();
  const [list] = useQuery({ query: AppWithdrawals, pause: start === undefined });
  const [live, setLive] = useState<Record<string, Withdrawal>>({});
  useLive<{ sequence: string; status: string; withdrawal: Withdrawal }>(ws, AppWithdrawalUpdates, 'withdrawalUpdated', {}, (update) =>
    setLive((shown) => ({ ...shown, [update.withdrawal.id]: { ...update.withdrawal, status: update.status } })), start);
  const shown = new Map<string, Withdrawal>();
  for (const edge of list.data?.withdrawals.edges ?? []) shown.set(edge.node.id, edge.node);
  for (const w of Object.values(live)) shown.set(w.id, w);
  const rows = [...shown.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).slice(0, 10);

  const [destination, setDestination] = useState('');
  const form = useAmountForm(destination);
  const { currency, minor, invalid, key, sent } = form;
  const [state, withdraw] = useMutation(AppWithdraw);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!minor || invalid || !destination) return;
    const result = await withdraw({ input: { amount: minor, currency, destination, idempotencyKey: key } });
    if (!result.error) sent();
  }
  return (
    <section className="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">Withdraw</h2>
      <form onSubmit={(event) => void submit(event)} aria-label="Withdraw" noValidate>
        <AmountFields form={form} />
        <label>To bank account<input value={destination} maxLength={200} onChange={(e) => setDestination(e.target.value)} /></label>
        <ApiError error={state.error} />
        <button type="submit" disabled={state.fetching || !minor || invalid || !destination}>{state.fetching ? 'Requesting…' : 'Withdraw'}</button>
      </form>
      <h3>Latest withdrawals</h3>
      <ul className="history" data-testid="withdrawals">
        {rows.length === 0 && <li>None yet.</li>}
        {rows.map((w) => (
          <li key={w.id}>
            <span className="what">{w.destination}</span>
            <span className="amount">{formatMoney(w.amount.amount, w.amount.currency)}</span>
            <span className={`tag ${w.status === 'FAILED' ? 'error' : w.status === 'COMPLETED' ? 'ok' : ''}`} data-testid={`withdrawal-status-${w.id}`}>{w.status.toLowerCase()}</span>
            {w.failureReason && <span className="hint">{w.failureReason}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Money that arrived at the bank for the caller's wallet (the simulated funding source): each bank reference once. */
export function Deposit() {
  const [reference, setReference] = useState('');
  const [done, setDone] = useState<string>();
  const form = useAmountForm(reference);
  const { currency, minor, invalid, key, sent } = form;
  const [state, deposit] = useMutation(AppDeposit);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!minor || invalid || !reference) return;
    setDone(undefined);
    const result = await deposit({ input: { amount: minor, currency, reference, idempotencyKey: key } });
    if (!result.error) { setDone(`Deposited ${formatMoney(minor, currency)}.`); setReference(''); sent(); }
  }
  return (
    <section className="card" aria-labelledby="deposit-title">
      <h2 id="deposit-title">Deposit</h2>
      <form onSubmit={(event) => void submit(event)} aria-label="Deposit" noValidate>
        <AmountFields form={form} />
        <label>Bank reference<input value={reference} maxLength={200} onChange={(e) => setReference(e.target.value)} /></label>
        <ApiError error={state.error} />
        {done && <p role="status" className="ok">{done}</p>}
        <button type="submit" disabled={state.fetching || !minor || invalid || !reference}>{state.fetching ? 'Depositing…' : 'Deposit'}</button>
      </form>
    </section>
  );
}
