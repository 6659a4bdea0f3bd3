// The ledger writer alone, without the gateway: where a posting transaction's milliseconds go.
// Creates its own database (WPROF_DB, default folio_wprof), migrates it, opens WPROF_ACCOUNTS
// (10,000) funded accounts, then drives the PostingWriter from WPROF_CLIENTS (50) concurrent
// callers for WPROF_SECONDS (10) s, each submitting WPROF_BATCH (1: postEntry; 100: postEntries)
// random two-posting entries at a time. It times every statement the writer sends (from the
// driver's send to its answer: round trip plus execution) and reports entries/s, transactions/s,
// operations per transaction and, per statement kind, count per transaction and mean ms.
//   node --import @swc-node/register/esm-register bench/writer-profile.ts
import 'reflect-metadata';
import pg from 'pg';
import { modules } from '../src/modules.js';
import { migrate, openOrm } from '../src/platform/db/orm.js';
import { PostingWriter } from '../src/ledger/posting-writer.js';
import { requestHash, type LedgerOp } from '../src/ledger/ledger-ops.js';
import { Direction } from '../src/ledger/ledger.enums.js';
import { limits } from '../src/platform/limits.js';

const env = process.env;
const base = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = env.WPROF_DB ?? 'folio_wprof';
const accounts = Number(env.WPROF_ACCOUNTS ?? 10_000);
const clients = Number(env.WPROF_CLIENTS ?? 50);
const seconds = Number(env.WPROF_SECONDS ?? 10);
const batch = Number(env.WPROF_BATCH ?? 1);
// WPROF_WRITER_MAX overrides limits.writerBatchEntriesMax (operations per writer transaction).
if (env.WPROF_WRITER_MAX) (limits as { writerBatchEntriesMax: number }).writerBatchEntriesMax = Number(env.WPROF_WRITER_MAX);

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.query(`create database ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;

const orm = await openOrm(url.toString(), 20, modules.entities);
await migrate(orm);
const setup = new pg.Client({ connectionString: url.toString() });
await setup.connect();
await setup.query(`insert into ledger_account (code, name, type, currency, negative_balance, posted_debits, posted_credits)
  select 'w' || g, 'w' || g, 'LIABILITY', 'USD', 'FORBID', 0, 1000000000000 from generate_series(1, $1) g`, [accounts]);

await setup.query(`checkpoint`);
const { rows } = await setup.query<{ id: string }>(`select id::text from ledger_account order by id`);
const ids = rows.map((r) => r.id);

// Statement timing: wrap the driver's query and key each statement by its first words.
const stats = new Map<string, { n: number; ms: number }>();
const kindOf = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (t.startsWith('with ins_entries')) return 'writePlan';
  if (t.startsWith('with claimed as') && t.includes('for update')) return 'claimAndLock';
  if (t.startsWith('insert into ledger_idempotency') || t.startsWith('with claimed as')) return 'claimKeys';
  if (t.startsWith('select a.id::text as id, a.code')) return 'lockAccounts';
  return t.split(' ').slice(0, 3).join(' ').slice(0, 40);
};
const original = pg.Client.prototype.query;
let measuring = false;
// WPROF_EXPLAIN=n: the first measured statement of each kind whose first array has n or more items
// also runs under EXPLAIN ANALYZE first,
// inside a savepoint that is rolled back, and its plan is printed to stderr.
const explainAt = Number(env.WPROF_EXPLAIN ?? 0);
const explainSeen = new Map<string, number>();
pg.Client.prototype.query = function timed(this: pg.Client, ...args: unknown[]) {
  const q = args[0] as string | { text?: string };
  const text = typeof q === 'string' ? q : q?.text ?? '';
  const kind0 = kindOf(text);
  if (explainAt && measuring && typeof q === 'string' && Array.isArray(args[1]) && ['writePlan', 'claimKeys', 'lockAccounts', 'claimAndLock'].includes(kind0)) {
    const first = (args[1] as unknown[]).find(Array.isArray) as unknown[] | undefined;
    const seen = (explainSeen.get(kind0) ?? 0) + ((first?.length ?? 0) >= explainAt ? 1 : 0);
    explainSeen.set(kind0, seen);
    if (seen === 1 && (first?.length ?? 0) >= explainAt) {
      explainSeen.set(kind0, 2);
      const call = (t: string, v?: unknown[]) => (original as (...a: unknown[]) => Promise<pg.QueryResult>).call(this, t, v);
      return (async () => {
        await call('savepoint wprof_explain');
        const plan = await call(`explain (analyze, buffers, verbose off) ${text}`, args[1] as unknown[]);
        console.error(`--- ${kind0}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        await call('rollback to savepoint wprof_explain');
        return call(text, args[1] as unknown[]);
      })();
    }
  }
  const start = performance.now();
  const result = (original as (...a: unknown[]) => unknown).apply(this, args);
  if (measuring && result && typeof (result as Promise<unknown>).then === 'function') {
    void (result as Promise<unknown>).then(() => {
      const kind = kindOf(text);
      const s = stats.get(kind) ?? { n: 0, ms: 0 };
      s.n += 1;
      s.ms += performance.now() - start;
      stats.set(kind, s);
    }, () => undefined);
  }
  return result;
} as typeof original;

let transactions = 0;
let ops = 0;
const writer = new PostingWriter(orm.em.fork().getKysely(), (results) => { if (measuring) { transactions += 1; ops += results.length; } });
let seq = 0;
const op = (): LedgerOp => {
  const a = ids[Math.floor(Math.random() * ids.length)];
  let b = ids[Math.floor(Math.random() * ids.length)];
  while (b === a) b = ids[Math.floor(Math.random() * ids.length)];
  const amount = BigInt(1 + Math.floor(Math.random() * 100_000));
  const request = {
    description: 'bench', metadata: {}, pending: false,
    postings: [
      { accountId: a, direction: Direction.DEBIT, amount, currency: 'USD' },
      { accountId: b, direction: Direction.CREDIT, amount, currency: 'USD' },
    ],
  };
  const key = `wp-${process.pid}-${seq++}`;
  return { kind: 'post', key, hash: requestHash('post', request), request };
};

let entries = 0;
let stop = false;
const latencies: number[] = [];
async function client(): Promise<void> {
  while (!stop) {
    const started = performance.now();
    const results = batch === 1 ? [await writer.submit(op())] : await writer.submitTogether(Array.from({ length: batch }, op));
    for (const r of results) if ('error' in r) throw r.error;
    if (measuring) { entries += results.length; latencies.push(performance.now() - started); }
  }
}
const running = Array.from({ length: clients }, client);
await new Promise((r) => setTimeout(r, 2000));
// Statistics as a running database has them (a table analyzed while empty would make the foreign-key
// checks' cached plans scan ledger_entry sequentially); WPROF_ANALYZE=0 skips it.
if (env.WPROF_ANALYZE !== '0') await setup.query('analyze');
const wal0 = (await setup.query<{ lsn: string }>(`select pg_current_wal_lsn()::text as lsn`)).rows[0].lsn;
measuring = true;
const t0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
measuring = false;
const elapsed = (performance.now() - t0) / 1000;
const walBytes = Number((await setup.query<{ b: string }>(`select pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text as b`, [wal0])).rows[0].b);
stop = true;
const measuredTx = transactions;
await Promise.all(running);
await writer.close();
const scans = (await setup.query(`select relname, seq_scan, seq_tup_read, idx_scan, n_live_tup from pg_stat_user_tables
  where relname like 'ledger_%' order by relname`)).rows;
latencies.sort((x, y) => x - y);
const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0);
const perTx = (n: number) => (n / Math.max(1, measuredTx)).toFixed(2);
console.log(JSON.stringify({
  batch, clients, seconds: +elapsed.toFixed(1),
  entries_per_s: Math.round(entries / elapsed),
  transactions_per_s: Math.round(measuredTx / elapsed),
  latency_ms: { p50: pct(50), p99: pct(99) },
  wal_bytes_per_entry: Math.round(walBytes / Math.max(1, entries)),
  statements: Object.fromEntries([...stats].sort((x, y) => y[1].ms - x[1].ms).map(([k, s]) => [k, { per_tx: perTx(s.n), mean_ms: +(s.ms / s.n).toFixed(2), total_s: +(s.ms / 1000).toFixed(2) }])),
  ops_per_tx: perTx(ops),
  table_scans: scans,
}, null, 1));
pg.Client.prototype.query = original;
await setup.end();
await orm.close();
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.end();
