import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formatMoney } from '../money';
import { sessions } from '../session';

const AppTrialBalance = graphql(`
  query AppTrialBalance($currency: String!, $at: DateTimeISO) {
    trialBalance(currency: $currency, at: $at, activeOnly: true) {
      balanced linesTruncated totalDebits { amount } totalCredits { amount }
      lines { accountId code type debits { amount } credits { amount } net { amount } }
    }
  }
`);
const AppBalanceSheet = graphql(`
  query AppBalanceSheet($currency: String!, $at: DateTimeISO) {
    balanceSheet(currency: $currency, at: $at) {
      balanced totalAssets { amount } totalLiabilities { amount } totalEquity { amount } netIncome { amount }
      assets { ...AppSection } liabilities { ...AppSection } equity { ...AppSection }
    }
  }
  fragment AppSection on ReportSection { type total { amount } linesTruncated lines { accountId code name depth amount { amount } } }
`);
const AppIncomeStatement = graphql(`
  query AppIncomeStatement($currency: String!, $from: DateTimeISO!, $to: DateTimeISO!) {
    incomeStatement(currency: $currency, from: $from, to: $to) { netIncome { amount } revenue { ...AppSection } expenses { ...AppSection } }
  }
`);
const AppPeriods = graphql(`query AppPeriods { accountingPeriods(last: 6) { closedThrough periods { name status startsAt endsAt closes { id status closedBy closedAt reopenReason } } } }`);
const AppClosePeriod = graphql(`mutation AppClosePeriod($input: ClosePeriodInput!) { closePeriod(input: $input) { replayed close { id period status } } }`);
const AppReopenPeriod = graphql(`mutation AppReopenPeriod($input: ReopenPeriodInput!) { reopenPeriod(input: $input) { close { id period status } } }`);

type Section = { type: string; total: { amount: string }; linesTruncated: boolean; lines: { accountId: string; code: string; name: string; depth: number; amount: { amount: string } }[] };

const today = () => new Date().toISOString().slice(0, 10);
/** The end of a UTC day, as the instant a report is "at". */
const endOf = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000 - 1).toISOString();

function SectionTable({ section, currency, title }: { section: Section; currency: string; title: string }) {
  return (
    <table className="report">
      <caption>{title}</caption>
      <tbody>
        {section.lines.map((line) => (
          <tr key={line.accountId}>
            <th scope="row" style={{ paddingLeft: `${0.5 + line.depth * 1.25}rem` }}>{line.name} <span className="code">{line.code}</span></th>
            <td className="num">{formatMoney(line.amount.amount, currency)}</td>
          </tr>
        ))}
        {section.linesTruncated && <tr><td colSpan={2} className="hint">More accounts than shown; the total covers all.</td></tr>}
      </tbody>
      <tfoot><tr><th scope="row">Total</th><td className="num">{formatMoney(section.total.amount, currency)}</td></tr></tfoot>
    </table>
  );
}

function TrialBalance({ currency, at }: { currency: string; at: string }) {
  const [result] = useQuery({ query: AppTrialBalance, variables: { currency, at } });
  const trial = result.data?.trialBalance;
  if (result.error) return <p role="alert" className="error">{result.error.message}</p>;
  if (!trial) return <p>Loading…</p>;
  return (
    <table className="report" data-testid="trial-balance">
      <caption>Trial balance <span className={trial.balanced ? 'ok' : 'error'}>{trial.balanced ? 'balanced' : 'NOT balanced'}</span></caption>
      <thead><tr><th scope="col">Account</th><th scope="col" className="num">Debits</th><th scope="col" className="num">Credits</th><th scope="col" className="num">Net</th></tr></thead>
      <tbody>
        {trial.lines.map((line) => (
          <tr key={line.accountId}>
            <th scope="row">{line.code} <span className="code">{line.type.toLowerCase()}</span></th>
            <td className="num">{formatMoney(line.debits.amount, currency)}</td>
            <td className="num">{formatMoney(line.credits.amount, currency)}</td>
            <td className="num">{formatMoney(line.net.amount, currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot><tr><th scope="row">Total</th><td className="num">{formatMoney(trial.totalDebits.amount, currency)}</td><td className="num">{formatMoney(trial.totalCredits.amount, currency)}</td><td /></tr></tfoot>
    </table>
  );
}

function BalanceSheet({ currency, at }: { currency: string; at: string }) {
  const [result] = useQuery({ query: AppBalanceSheet, variables: { currency, at } });
  const sheet = result.data?.balanceSheet;
  if (result.error) return <p role="alert" className="error">{result.error.message}</p>;
  if (!sheet) return <p>Loading…</p>;
  return (
    <div data-testid="balance-sheet">
      <p>Assets {formatMoney(sheet.totalAssets.amount, currency)} = liabilities {formatMoney(sheet.totalLiabilities.amount, currency)} + equity {formatMoney(sheet.totalEquity.amount, currency)}
        {' '}<span className={sheet.balanced ? 'ok' : 'error'}>{sheet.balanced ? '✓' : '✗ not balanced'}</span></p>
      <SectionTable section={sheet.assets} currency={currency} title="Assets" />
      <SectionTable section={sheet.liabilities} currency={currency} title="Liabilities" />
      <SectionTable section={sheet.equity} currency={currency} title="Equity" />
      <p>Net income not yet closed (in equity): {formatMoney(sheet.netIncome.amount, currency)}</p>
    </div>
  );
}

function IncomeStatement({ currency, from, to }: { currency: string; from: string; to: string }) {
  const valid = from < to;
  const [result] = useQuery({ query: AppIncomeStatement, variables: { currency, from: `${from}T00:00:00Z`, to: `${to}T00:00:00Z` }, pause: !valid });
  if (!valid) return <p className="error">The period’s end comes after its start.</p>;
  const income = result.data?.incomeStatement;
  if (result.error) return <p role="alert" className="error">{result.error.message}</p>;
  if (!income) return <p>Loading…</p>;
  return (
    <div data-testid="income-statement">
      <SectionTable section={income.revenue} currency={currency} title="Revenue" />
      <SectionTable section={income.expenses} currency={currency} title="Expenses" />
      <p><strong>Net income {formatMoney(income.netIncome.amount, currency)}</strong></p>
    </div>
  );
}

/** `changed`: a close or reopening posted entries, so the reports above are read again. */
function Periods({ changed }: { changed: () => void }) {
  const [result, reload] = useQuery({ query: AppPeriods });
  const [closing, close] = useMutation(AppClosePeriod);
  const [reopening, reopen] = useMutation(AppReopenPeriod);
  const admin = sessions.session?.user.role === 'ADMIN';
  // One key per period per page view: pressing Close twice closes once.
  const keys = useMemo(() => new Map<string, string>(), []);
  const keyOf = (what: string) => { if (!keys.has(what)) keys.set(what, `app-${crypto.randomUUID()}`); return keys.get(what)!; };
  const error = closing.error ?? reopening.error;
  return (
    <section aria-labelledby="periods-title">
      <h3 id="periods-title">Accounting periods</h3>
      {error && <p role="alert" className="error">{error.graphQLErrors[0]?.message ?? error.message}</p>}
      <ul className="periods">
        {result.data?.accountingPeriods.periods.map((period, _, periods) => {
          const ended = (p: { endsAt: string }) => new Date(p.endsAt).getTime() <= Date.now();
          // Only the next period to close gets the button: the one after the last closed, or with
          // none closed yet, the last that ended (closing an older one would close all before it).
          const closedThrough = result.data!.accountingPeriods.closedThrough;
          const next = closedThrough ? periods.find((p) => new Date(p.startsAt).getTime() === new Date(closedThrough).getTime()) : periods.find(ended);
          const inForce = period.closes.find((c) => c.status === 'CLOSED');
          return (
            <li key={period.name}>
              <span className="period">{period.name}</span>
              <span className={period.status === 'CLOSED' ? 'tag closed' : 'tag'}>{period.status.toLowerCase()}</span>
              {inForce && <span className="hint">by {inForce.closedBy}</span>}
              {period.status === 'OPEN' && next?.name === period.name && ended(period) && (
                <button type="button" disabled={closing.fetching} onClick={() => {
                  if (!window.confirm(`Close ${period.name}? Its revenue and expenses move into retained earnings, and nothing dated in it or before can be posted any more.`)) return;
                  void close({ input: { period: period.name, idempotencyKey: keyOf(`close:${period.name}`) } }).then(() => { reload({ requestPolicy: 'network-only' }); changed(); });
                }}>Close {period.name}</button>
              )}
              {admin && inForce && (
                <button type="button" disabled={reopening.fetching} onClick={() => {
                  const reason = window.prompt(`Why reopen ${period.name}?`);
                  if (reason) void reopen({ input: { period: period.name, reason, idempotencyKey: keyOf(`reopen:${period.name}:${inForce.id}`) } }).then(() => { reload({ requestPolicy: 'network-only' }); changed(); });
                }}>Reopen</button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Trial balance, balance sheet and income statement with a date picker; the periods and their close. */
export function Reports() {
  const [currency, setCurrency] = useState('USD');
  const [day, setDay] = useState(today());
  const [from, setFrom] = useState(`${today().slice(0, 8)}01`);
  const [report, setReport] = useState<'trial' | 'sheet' | 'income'>('trial');
  const [version, setVersion] = useState(0);
  return (
    <section className="card wide" aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      <div className="row controls">
        <label>Currency<input value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} /></label>
        {report === 'income'
          ? <><label>From<input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label><label>To (exclusive)<input type="date" value={day} onChange={(e) => setDay(e.target.value)} /></label></>
          : <label>As of the end of<input type="date" value={day} onChange={(e) => setDay(e.target.value)} /></label>}
      </div>
      <nav className="tabs" aria-label="Report">
        {([['trial', 'Trial balance'], ['sheet', 'Balance sheet'], ['income', 'Income statement']] as const).map(([id, label]) => (
          <button key={id} type="button" aria-pressed={report === id} onClick={() => setReport(id)}>{label}</button>
        ))}
      </nav>
      {/^[A-Z]{3}$/.test(currency) && day && (
        report === 'trial' ? <TrialBalance key={version} currency={currency} at={endOf(day)} />
          : report === 'sheet' ? <BalanceSheet key={version} currency={currency} at={endOf(day)} />
            : <IncomeStatement key={version} currency={currency} from={from} to={day} />
      )}
      <Periods changed={() => setVersion((n) => n + 1)} />
    </section>
  );
}
