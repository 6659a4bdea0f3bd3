import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { exponentOf, formatMoney } from '../money';

/** 14 daily points (the end of each of the last 14 UTC days), one query with an alias each (the API allows 20). */
const AppBalanceSeries = graphql(`query AppBalanceSeries($code: String!, $t0: DateTimeISO!, $t1: DateTimeISO!, $t2: DateTimeISO!, $t3: DateTimeISO!, $t4: DateTimeISO!, $t5: DateTimeISO!, $t6: DateTimeISO!, $t7: DateTimeISO!, $t8: DateTimeISO!, $t9: DateTimeISO!, $t10: DateTimeISO!, $t11: DateTimeISO!, $t12: DateTimeISO!, $t13: DateTimeISO!) { accountByCode(code: $code) { id code name currency b0: balance(asOf: $t0) { posted { amount } } b1: balance(asOf: $t1) { posted { amount } } b2: balance(asOf: $t2) { posted { amount } } b3: balance(asOf: $t3) { posted { amount } } b4: balance(asOf: $t4) { posted { amount } } b5: balance(asOf: $t5) { posted { amount } } b6: balance(asOf: $t6) { posted { amount } } b7: balance(asOf: $t7) { posted { amount } } b8: balance(asOf: $t8) { posted { amount } } b9: balance(asOf: $t9) { posted { amount } } b10: balance(asOf: $t10) { posted { amount } } b11: balance(asOf: $t11) { posted { amount } } b12: balance(asOf: $t12) { posted { amount } } b13: balance(asOf: $t13) { posted { amount } } } }`);

const days = 14;
const instants = () => {
  const end = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`).getTime() + 86_400_000 - 1;
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000));
};

function Chart({ times, values, currency }: { times: number[]; values: number[]; currency: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const width = Math.max(260, box.current.clientWidth);
    const plot = new uPlot({
      width, height: 220,
      series: [{}, { label: `Posted balance (${currency})`, stroke: '#1f5eff', width: 2, fill: 'rgba(31,94,255,0.08)' }],
      axes: [{}, { values: (_u, ticks) => ticks.map((t) => t.toLocaleString()) }],
      scales: { x: { time: true } },
    }, [times, values], box.current);
    return () => plot.destroy();
  }, [times, values, currency]);
  return <div ref={box} className="chart" role="img" aria-label={`Balance over the last ${days} days, in ${currency}`} />;
}

/** Any account's posted balance over the last two weeks, by its code (asOf: exact for every past instant). */
export function BalanceChart() {
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string>();
  const [at] = useState(instants);
  const variables = Object.fromEntries(at.map((t, i) => [`t${i}`, t.toISOString()]));
  const [result] = useQuery({ query: AppBalanceSeries, variables: { code: code ?? '', ...variables } as never, pause: !code });
  const account = result.data?.accountByCode as (Record<string, { posted: { amount: string } }> & { code: string; name: string; currency: string }) | null | undefined;
  const submit = (event: FormEvent) => { event.preventDefault(); setCode(input.trim() || undefined); };
  // Floats for drawing only; the figure shown in words is the exact one.
  const values = useMemo(() => (account ? at.map((_, i) => Number(account[`b${i}`].posted.amount) / 10 ** exponentOf(account.currency)) : []), [account, at]);
  const times = useMemo(() => at.map((t) => t.getTime() / 1000), [at]);
  return (
    <section className="card wide" aria-labelledby="chart-title">
      <h2 id="chart-title">Balance over time</h2>
      <form className="row" onSubmit={submit} aria-label="Account to chart">
        <label>Account code<input value={input} placeholder="wallet:user:2:usd" onChange={(e) => setInput(e.target.value)} /></label>
        <button type="submit">Show</button>
      </form>
      {result.error && <p role="alert" className="error">{result.error.message}</p>}
      {code && result.data && !account && <p className="error">No account has the code {code}.</p>}
      {account && (
        <>
          <p>{account.name} <span className="code">{account.code}</span>: {formatMoney(account[`b${days - 1}`].posted.amount, account.currency)} now</p>
          <Chart times={times} values={values} currency={account.currency} />
        </>
      )}
    </section>
  );
}
