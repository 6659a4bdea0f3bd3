import { useState, type FormEvent } from 'react';
import type { Client as WsClient } from 'graphql-ws';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formatMoney } from '../money';
import { useAmountForm } from '../amount-form';
import { AmountFields, ApiError } from '../fields';
import { useEventSequence, useLive } from '../live';
import { Deposit, History, Withdrawals } from './Money';
import { Cashback, InvoicesToPay, MerchantView } from './Modules';
import { sessions } from '../session';

const AppWallets = graphql(`query AppWallets { wallets { id currency balance { posted { amount } available { amount } } } }`);
const AppWalletChanges = graphql(`
  subscription AppWalletChanges($after: String) {
    walletBalanceChanged(after: $after) { sequence wallet { id currency } balance { posted { amount } available { amount } } }
  }
`);
const AppTransfer = graphql(`
  mutation AppTransfer($input: TransferInput!) { transfer(input: $input) { id amount { amount currency } counterparty { __typename } } }
`);

type Change = { sequence: string; wallet: { id: string; currency: string }; balance: { posted: { amount: string }; available: { amount: string } } };
type Shown = { id: string; currency: string; posted: string; available: string };

function Wallets({ ws }: { ws: WsClient }) {
  const start = useEventSequence();
  const [result] = useQuery({ query: AppWallets, pause: start === undefined });
  const [live, setLive] = useState<Record<string, Shown>>({});
  useLive<Change>(ws, AppWalletChanges, 'walletBalanceChanged', {}, (change) =>
    setLive((shown) => ({ ...shown, [change.wallet.id]: { id: change.wallet.id, currency: change.wallet.currency, posted: change.balance.posted.amount, available: change.balance.available.amount } })), start);
  const wallets = new Map<string, Shown>();
  for (const w of result.data?.wallets ?? []) wallets.set(w.id, { id: w.id, currency: w.currency, posted: w.balance.posted.amount, available: w.balance.available.amount });
  for (const w of Object.values(live)) wallets.set(w.id, w);
  return (
    <section className="card" aria-labelledby="wallets-title">
      <h2 id="wallets-title">Wallets</h2>
      {result.error && <p role="alert" className="error">{result.error.message}</p>}
      {wallets.size === 0 && result.data ? <p>No wallet yet: one opens with your first deposit or payment.</p> : (
        <ul className="wallets">
          {[...wallets.values()].map((w) => (
            <li key={w.id} data-testid={`wallet-${w.currency}`}>
              <span className="currency">{w.currency}</span>
              <span className="balance" data-testid={`balance-${w.currency}`}>{formatMoney(w.available, w.currency)}</span>
              {w.posted !== w.available && <span className="held">posted {formatMoney(w.posted, w.currency)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TransferForm() {
  const [to, setTo] = useState('');
  const [memo, setMemo] = useState('');
  const [done, setDone] = useState<string>();
  const form = useAmountForm(to, memo);
  const { currency, minor, invalid, key, sent } = form;
  const [state, transfer] = useMutation(AppTransfer);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!minor || invalid) return;
    setDone(undefined);
    const result = await transfer({ input: { toEmail: to, amount: minor, currency, memo: memo || undefined, idempotencyKey: key } });
    if (!result.error) {
      setDone(`Sent ${formatMoney(minor, currency)} to ${to}.`);
      setTo(''); setMemo(''); sent();
    }
  }
  return (
    <section className="card" aria-labelledby="transfer-title">
      <h2 id="transfer-title">Send money</h2>
      <form onSubmit={(event) => void submit(event)} aria-label="Send money" noValidate>
        <label>To (email)<input type="email" required value={to} onChange={(e) => setTo(e.target.value)} /></label>
        <AmountFields form={form} describedBy="amount-help" />
        <p id="amount-help" className={invalid ? 'error' : 'hint'}>{invalid ? `Write an amount above zero, at most ${currency === 'JPY' ? 'whole units' : 'two decimals'}.` : 'In major units, e.g. 12.50'}</p>
        <label>Memo<input maxLength={200} value={memo} onChange={(e) => setMemo(e.target.value)} /></label>
        <ApiError error={state.error} testId="transfer-error" />
        {done && <p role="status" className="ok">{done}</p>}
        <button type="submit" disabled={state.fetching || !minor || invalid || !to}>{state.fetching ? 'Sending…' : 'Send'}</button>
      </form>
    </section>
  );
}

/** A customer's (or merchant's) own money, and what the modules hold for it. */
export function Customer({ ws }: { ws: WsClient }) {
  const merchant = sessions.session?.user.role === 'MERCHANT';
  return (
    <div className="grid">
      {merchant && <MerchantView />}
      <Wallets ws={ws} />
      <TransferForm />
      <Deposit />
      <Withdrawals ws={ws} />
      {!merchant && <Cashback />}
      {!merchant && <InvoicesToPay />}
      <History ws={ws} />
    </div>
  );
}
