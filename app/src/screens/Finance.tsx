import { useState } from 'react';
import type { Client as WsClient } from 'graphql-ws';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { formatMoney } from '../money';
import { useLive } from '../live';
import { Reports } from './Reports';
import { BalanceChart } from './BalanceChart';

const AppVerifyLedger = graphql(`query AppVerifyLedger { verifyLedger { ok accountsChecked mismatches { accountId } unbalancedEntryIds currencyNets { amount currency } } }`);
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

function ActivityFeed({ ws }: { ws: WsClient }) {
  const [events, setEvents] = useState<FeedEvent[]>([]);
  useLive<FeedEvent>(ws, AppEntryFeed, 'entryPosted', {}, (event) => setEvents((shown) => [event, ...shown].slice(0, 50)));
  return (
    <section className="card wide" aria-labelledby="feed-title">
      <h2 id="feed-title">Live activity</h2>
      {events.length === 0 ? <p>Waiting for entries…</p> : (
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
  const [screen, setScreen] = useState<'overview' | 'reports'>('overview');
  return (
    <>
      <nav className="tabs" aria-label="Screens">
        <button type="button" aria-pressed={screen === 'overview'} onClick={() => setScreen('overview')}>Overview</button>
        <button type="button" aria-pressed={screen === 'reports'} onClick={() => setScreen('reports')}>Reports</button>
      </nav>
      {/* The feed stays mounted (hidden) so it keeps every event while another screen shows. */}
      <div className="grid" hidden={screen !== 'overview'}>
        <LedgerCheck />
        <ActivityFeed ws={ws} />
        <BalanceChart />
      </div>
      {screen === 'reports' && <div className="grid"><Reports /></div>}
    </>
  );
}
