import { useEffect, useState } from 'react';
import type { Client as WsClient } from 'graphql-ws';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { formatMoney } from '../money';
import { useEventSequence, useLive } from '../live';
import { Reports } from './Reports';
import { BalanceChart } from './BalanceChart';
import { Browse } from './Browse';

const AppVerifyLedger = graphql(`query AppVerifyLedger { verifyLedger { ok accountsChecked mismatches { accountId } unbalancedEntryIds currencyNets { amount currency } } }`);
const AppOperations = graphql(`
  query AppOperations {
    holds: entries(first: 100, filter: { status: PENDING }) { edges { node { id } } pageInfo { hasNextPage } }
    inFlight: withdrawals(first: 100, filter: { statuses: [PENDING, PROCESSING] }) { edges { node { id } } pageInfo { hasNextPage } }
    failed: withdrawals(first: 100, filter: { statuses: [FAILED] }) { edges { node { id } } pageInfo { hasNextPage } }
  }
`);
const AppEntryFeed = graphql(`
  subscription AppEntryFeed($after: String) {
    entryPosted(after: $after) { sequence type entry { id description effectiveAt postings { direction amount { amount currency } account { code } } } }
  }
`);

type FeedEvent = { sequence: string; type: string; entry: { id: string; description: string; effectiveAt: string; postings: { direction: string; amount: { amount: string; currency: string }; account: { code: string } | null }[] } };

function LedgerCheck() {
  const [result, rerun] = useQuery({ query: AppVerifyLedger });
  const check = result.data?.verifyLedger;
  return (
    <section className="card" aria-labelledby="check-title">
      <h2 id="check-title">Ledger check</h2>
      {result.fetching && <p>Checking…</p>}
      {result.error && <p role="alert" className="error">{result.error.message}</p>}
      {check && (
        <p className={check.ok ? 'ok' : 'error'} data-testid="ledger-status">
          {check.ok ? 'Every balance agrees with its postings' : `${check.mismatches.length} mismatched accounts, ${check.unbalancedEntryIds.length} unbalanced entries`}
          {' '}({check.accountsChecked} accounts checked)
        </p>
      )}
      <button type="button" onClick={() => rerun({ requestPolicy: 'network-only' })} disabled={result.fetching}>Verify now</button>
    </section>
  );
}

/** Counts of what is open, up to a page (100+ past it), read again after each entry the feed shows. */
function Operations({ touched }: { touched: number }) {
  const [result, reload] = useQuery({ query: AppOperations });
  useEffect(() => {
    if (touched === 0) return;
    const timer = setTimeout(() => reload({ requestPolicy: 'network-only' }), 500);
    return () => clearTimeout(timer);
  }, [touched]);
  const count = (page?: { edges: unknown[]; pageInfo: { hasNextPage: boolean } }) => (page ? `${page.edges.length}${page.pageInfo.hasNextPage ? '+' : ''}` : '…');
  return (
    <section className="card" aria-labelledby="ops-title">
      <h2 id="ops-title">Operations</h2>
      {result.error && <p role="alert" className="error">{result.error.message}</p>}
      <dl className="figures" data-testid="operations">
        <div><dt>Open holds</dt><dd>{count(result.data?.holds)}</dd></div>
        <div><dt>Withdrawals in flight</dt><dd>{count(result.data?.inFlight)}</dd></div>
        <div><dt>Failed withdrawals</dt><dd>{count(result.data?.failed)}</dd></div>
      </dl>
    </section>
  );
}

function ActivityFeed({ ws, onEvent }: { ws: WsClient; onEvent: () => void }) {
  const [events, setEvents] = useState<FeedEvent[]>([]);
  const start = useEventSequence();
  useLive<FeedEvent>(ws, AppEntryFeed, 'entryPosted', {}, (event) => { setEvents((shown) => [event, ...shown].slice(0, 100)); onEvent(); }, start);
  return (
    <section className="card wide" aria-labelledby="feed-title">
      <h2 id="feed-title">Live activity</h2>
      {events.length === 0 ? <p>{start === undefined ? 'Connecting…' : 'Waiting for entries…'}</p> : (
        <ol className="feed" data-testid="activity-feed">
          {events.map((event) => {
            const debit = event.entry.postings.find((p) => p.direction === 'DEBIT');
            return (
              <li key={event.sequence} data-sequence={event.sequence}>
                <span className="tag">{event.type.replace('ENTRY_', '').toLowerCase()}</span>
                <span className="what">{event.entry.description || `Entry ${event.entry.id}`}</span>
                {debit && <span className="amount">{formatMoney(debit.amount.amount, debit.amount.currency)}</span>}
                <time dateTime={event.entry.effectiveAt}>{new Date(event.entry.effectiveAt).toLocaleTimeString()}</time>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** Finance and operations (FINANCE, ADMIN): an overview, and the reports. */
export function Finance({ ws }: { ws: WsClient }) {
  const [screen, setScreen] = useState<'overview' | 'accounts' | 'reports'>('overview');
  const [touched, setTouched] = useState(0);
  return (
    <>
      <nav className="tabs" aria-label="Screens">
        <button type="button" aria-pressed={screen === 'overview'} onClick={() => setScreen('overview')}>Overview</button>
        <button type="button" aria-pressed={screen === 'accounts'} onClick={() => setScreen('accounts')}>Accounts</button>
        <button type="button" aria-pressed={screen === 'reports'} onClick={() => setScreen('reports')}>Reports</button>
      </nav>
      {/* The feed stays mounted (hidden) so it keeps every event while another screen shows. */}
      <div className="grid" hidden={screen !== 'overview'}>
        <LedgerCheck />
        <Operations touched={touched} />
        <ActivityFeed ws={ws} onEvent={() => setTouched((n) => n + 1)} />
        <BalanceChart />
      </div>
      {screen === 'accounts' && <div className="grid"><Browse /></div>}
      {screen === 'reports' && <div className="grid"><Reports /></div>}
    </>
  );
}
