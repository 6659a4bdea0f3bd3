import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { formatMoney } from '../money';

const AppAccounts = graphql(`
  query AppAccounts($after: String, $filter: AccountFilterInput) {
    accounts(first: 20, after: $after, filter: $filter) {
      edges { node { id code name type currency status balance { posted { amount } available { amount } } } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);
const AppAccountEntries = graphql(`
  query AppAccountEntries($accountId: ID!, $after: String) {
    entries(first: 20, after: $after, filter: { accountId: $accountId }) {
      edges { node { id description status effectiveAt postings { direction amount { amount currency } account { id code } } } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);

/** Back and forward over a connection's pages: the cursors of the pages walked so far, the last one shown. */
function Pager({ cursors, setCursors, pageInfo, back, forward }: {
  cursors: string[]; setCursors: (update: (cursors: string[]) => string[]) => void;
  pageInfo?: { endCursor?: string | null; hasNextPage: boolean }; back: string; forward: string;
}) {
  return (
    <div className="row">
      {cursors.length > 0 && <button type="button" onClick={() => setCursors((walked) => walked.slice(0, -1))}>{back}</button>}
      {pageInfo?.hasNextPage && pageInfo.endCursor && <button type="button" onClick={() => setCursors((walked) => [...walked, pageInfo.endCursor!])}>{forward}</button>}
    </div>
  );
}

type Filter = { codePrefix?: string; type?: 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE'; currency?: string };

function EntriesOf({ accountId }: { accountId: string }) {
  const [after, setAfter] = useState<string[]>([]);
  const [result] = useQuery({ query: AppAccountEntries, variables: { accountId, after: after.at(-1) } });
  const page = result.data?.entries;
  return (
    <div className="entries" data-testid="account-entries">
      {result.error && <p role="alert" className="error">{result.error.message}</p>}
      <table className="report">
        <caption>Entries, newest first</caption>
        <thead><tr><th scope="col">Entry</th><th scope="col">Effective</th><th scope="col" className="num">This account</th></tr></thead>
        <tbody>
          {page?.edges.map(({ node }) => {
            const mine = node.postings.filter((p) => p.account?.id === accountId);
            return (
              <tr key={node.id}>
                <th scope="row">{node.description || node.id} <span className="code">{node.status.toLowerCase()}</span></th>
                <td>{new Date(node.effectiveAt).toLocaleString()}</td>
                <td className="num">{mine.map((p) => `${p.direction === 'DEBIT' ? 'Dr' : 'Cr'} ${formatMoney(p.amount.amount, p.amount.currency)}`).join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pager cursors={after} setCursors={setAfter} pageInfo={page?.pageInfo} back="Newer" forward="Older" />
    </div>
  );
}

/** Accounts by code prefix, type and currency, a page at a time; an account's entries under it. */
export function Browse() {
  const [form, setForm] = useState<Filter>({});
  const [filter, setFilter] = useState<Filter>({});
  const [pages, setPages] = useState<string[]>([]);
  const [open, setOpen] = useState<string>();
  const [result] = useQuery({ query: AppAccounts, variables: { filter, after: pages.at(-1) } });
  const submit = (event: FormEvent) => { event.preventDefault(); setPages([]); setOpen(undefined); setFilter({ codePrefix: form.codePrefix || undefined, type: form.type || undefined, currency: form.currency || undefined }); };
  const page = result.data?.accounts;
  return (
    <section className="card wide" aria-labelledby="browse-title">
      <h2 id="browse-title">Accounts</h2>
      <form className="row controls" onSubmit={submit} aria-label="Find accounts">
        <label>Code starts with<input value={form.codePrefix ?? ''} onChange={(e) => setForm({ ...form, codePrefix: e.target.value })} /></label>
        <label>Type<select value={form.type ?? ''} onChange={(e) => setForm({ ...form, type: (e.target.value || undefined) as Filter['type'] })}>
          <option value="">Any</option>{['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'].map((t) => <option key={t} value={t}>{t.toLowerCase()}</option>)}
        </select></label>
        <label>Currency<input maxLength={3} value={form.currency ?? ''} onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })} /></label>
        <button type="submit">Find</button>
      </form>
      {result.error && <p role="alert" className="error">{result.error.graphQLErrors[0]?.message ?? result.error.message}</p>}
      <ul className="history" data-testid="accounts">
        {page?.edges.length === 0 && <li>No account matches.</li>}
        {page?.edges.map(({ node }) => (
          <li key={node.id}>
            <button type="button" className="link" aria-expanded={open === node.id} onClick={() => setOpen(open === node.id ? undefined : node.id)}>{node.code}</button>
            <span className="what">{node.name} <span className="code">{node.type.toLowerCase()}{node.status !== 'OPEN' ? ` · ${node.status.toLowerCase()}` : ''}</span></span>
            <span className="amount">{formatMoney(node.balance.posted.amount, node.currency)}</span>
            {open === node.id && <EntriesOf accountId={node.id} />}
          </li>
        ))}
      </ul>
      <Pager cursors={pages} setCursors={setPages} pageInfo={page?.pageInfo} back="Previous" forward="Next" />
    </section>
  );
}
