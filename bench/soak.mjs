// Folio's memory soak: a mixed load on one gateway for BENCH_SOAK_SECONDS (600), with the gateway's
// memory sampled every BENCH_SOAK_SAMPLE_SECONDS (10) into bench/results/soak.jsonl, and the trend
// (first, last, max, slope in MB/min) printed and written to bench/results/soak.json.
// Run by bench/run.sh with BENCH_MODE=soak (`npm run bench:soak`), which starts the gateway first.
//
// The load, BENCH_CONNECTIONS (50) autocannon connections, each request drawn at random:
//   35 % `{ __typename }`, 25 % postEntry between two random wallets, 15 % a wallet's balance,
//   15 % a customer's `transfer` with its own API key, 5 % postEntries of 20, 5 % `accounts(first: 50)`;
// and beside it: BENCH_SOAK_SUBSCRIBERS (20) graphql-ws subscribers on `entryPosted`, a quarter of
// them closed and reopened every sample (sockets and subscriptions come and go, as in production),
// and one login (argon2) every 5 s. Every request carries an API key, as in load.mjs.
//
// Samples: RSS and its peak (VmRSS, VmHWM of /proc/GATEWAY_PID/status), and from the gateway's
// /metrics: V8's heapTotal and heapUsed, external, arrayBuffers, and the parsed-document cache.
// heapUsed is sampled as it is, garbage included: a slope of it over minutes, not one value, tells
// a leak.
//
// Environment: BENCH_URL, GATEWAY_PID, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD (run.sh sets them),
//   BENCH_SOAK_SECONDS (600), BENCH_SOAK_SAMPLE_SECONDS (10), BENCH_SOAK_WALLETS (1000),
//   BENCH_SOAK_USERS (20), BENCH_SOAK_SUBSCRIBERS (20), BENCH_CONNECTIONS (50),
//   BENCH_SOAK_OUT (bench/results/soak.json; the samples go beside it as .jsonl).
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';
import autocannon from 'autocannon';
import WebSocket from 'ws';

const env = process.env;
const base = (env.BENCH_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const gqlUrl = `${base}/graphql`;
const seconds = Number(env.BENCH_SOAK_SECONDS ?? 600);
const sampleSeconds = Number(env.BENCH_SOAK_SAMPLE_SECONDS ?? 10);
const walletCount = Number(env.BENCH_SOAK_WALLETS ?? 1_000);
const userCount = Number(env.BENCH_SOAK_USERS ?? 20);
const subscriberCount = Number(env.BENCH_SOAK_SUBSCRIBERS ?? 20);
const connections = Number(env.BENCH_CONNECTIONS ?? 50);
const out = env.BENCH_SOAK_OUT ?? 'bench/results/soak.json';
const samplesFile = out.replace(/\.json$/, '') + '.jsonl';
const gatewayPid = Number(env.GATEWAY_PID);
const runId = Date.now().toString(36);
const log = (...args) => console.error('[soak]', ...args);
if (!gatewayPid) throw new Error('GATEWAY_PID is required (run.sh sets it)');

async function gql(query, variables, authorization) {
  const res = await fetch(gqlUrl, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(authorization && { authorization }) }, body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (!res.ok || body.errors) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

async function inParallel(items, concurrency, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < items.length) { const i = next++; await fn(items[i], i); } }));
}
const chunks = (list, size) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const esc = (s) => JSON.stringify(s);

const loginDoc = 'mutation L($input: LoginInput!) { login(input: $input) { accessToken } }';
const postEntryDoc = 'mutation P($input: PostEntryInput!) { postEntry(input: $input) { id } }';
const postEntriesDoc = 'mutation B($input: PostEntriesInput!) { postEntries(input: $input) { index error { code } entry { id } } }';
const balanceDoc = 'query Bal($id: ID!) { account(id: $id) { balance { posted { amount } available { amount } } } }';
const accountsDoc = 'query Accts { accounts(first: 50) { edges { node { id code balance { posted { amount } } } } } }';
const transferDoc = 'mutation T($input: TransferInput!) { transfer(input: $input) { id } }';
const streamDoc = 'subscription S { entryPosted { sequence entry { id postings { amount { amount } } } } }';

/** The admin's token and a FINANCE key; wallets funded from one ASSET account; customers with keys and USD. */
async function seed() {
  const { login } = await gql(loginDoc, { input: { email: env.BENCH_ADMIN_EMAIL, password: env.BENCH_ADMIN_PASSWORD } });
  const admin = `Bearer ${login.accessToken}`;
  const { createApiKey } = await gql('mutation K($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }', { input: { name: `soak ${runId}`, roles: ['FINANCE'] } }, admin);
  const finance = `Bearer ${createApiKey.key}`;
  const specs = [{ code: `soak:${runId}:funding`, type: 'ASSET', allow: true },
    ...Array.from({ length: walletCount }, (_, i) => ({ code: `soak:${runId}:w:${i}`, type: 'LIABILITY' }))];
  const ids = new Array(specs.length);
  await inParallel(chunks(specs.map((s, i) => ({ ...s, i })), 20), 4, async (group) => {
    const fields = group.map((a) => `a${a.i}: openAccount(input: {code: ${esc(a.code)}, name: ${esc(a.code)}, type: ${a.type}, currency: "USD"${a.allow ? ', negativeBalance: ALLOW' : ''}}) { id }`);
    const data = await gql(`mutation { ${fields.join('\n')} }`, undefined, finance);
    for (const a of group) ids[a.i] = data[`a${a.i}`].id;
  });
  const [funding, ...wallets] = ids;
  await inParallel(chunks(wallets, 500), 2, async (group) => {
    const entries = group.map((w, i) => transfer(`soakfund:${runId}:${w}:${i}`, funding, w, 1_000_000_000_000n));
    await gql(postEntriesDoc, { input: { entries } }, finance);
  });
  const password = `Soak-${runId}-${Math.random().toString(36).slice(2)}-pw`;
  const users = [];
  for (const group of chunks(Array.from({ length: userCount }, (_, i) => i), 20)) {
    const made = await gql(`mutation { ${group.map((i) => `u${i}: createUser(input: {email: ${esc(`soak-${runId}-u${i}@example.com`)}, password: ${esc(password)}, role: CUSTOMER}) { id }`).join('\n')} }`, undefined, admin);
    const keys = await gql(`mutation { ${group.map((i) => `k${i}: createApiKey(input: {name: ${esc(`soak ${runId} ${i}`)}, roles: [CUSTOMER], userId: ${esc(made[`u${i}`].id)}}) { key }`).join('\n')} }`, undefined, admin);
    await gql(`mutation { ${group.map((i) => `d${i}: deposit(input: {userId: ${esc(made[`u${i}`].id)}, amount: "1000000000000", currency: "USD", reference: ${esc(`soak:${runId}:${i}`)}, idempotencyKey: ${esc(`soakdep:${runId}:${i}`)}}) { id }`).join('\n')} }`, undefined, finance);
    for (const i of group) users.push({ id: made[`u${i}`].id, key: `Bearer ${keys[`k${i}`].key}`, email: `soak-${runId}-u${i}@example.com` });
  }
  return { finance, wallets, users, password };
}

function transfer(key, from, to, amount) {
  return { idempotencyKey: key, postings: [
    { accountId: from, direction: 'DEBIT', amount: String(amount), currency: 'USD' },
    { accountId: to, direction: 'CREDIT', amount: String(amount), currency: 'USD' }] };
}

let keyCounter = 0;
const nextKey = (tag) => `${tag}:${runId}:${(keyCounter++).toString(36)}`;
const amount = () => 1 + Math.floor(Math.random() * 1_000);
const twoOf = (list) => { const a = Math.floor(Math.random() * list.length); let b = Math.floor(Math.random() * (list.length - 1)); if (b >= a) b += 1; return [list[a], list[b]]; };

/** One request of the mix: its body and the key it carries. */
function nextRequest(s) {
  const r = Math.random();
  const body = (query, variables) => JSON.stringify({ query, variables });
  if (r < 0.35) return { kind: 'typename', auth: s.finance, body: body('{ __typename }') };
  if (r < 0.60) { const [a, b] = twoOf(s.wallets); return { kind: 'postEntry', auth: s.finance, body: body(postEntryDoc, { input: transfer(nextKey('e'), a, b, amount()) }) }; }
  if (r < 0.75) return { kind: 'balance', auth: s.finance, body: body(balanceDoc, { id: pick(s.wallets) }) };
  if (r < 0.90) {
    const [from, to] = twoOf(s.users);
    return { kind: 'transfer', auth: from.key, body: body(transferDoc, { input: { toUserId: to.id, amount: String(amount()), currency: 'USD', idempotencyKey: nextKey('t') } }) };
  }
  if (r < 0.95) return { kind: 'postEntries', auth: s.finance, body: body(postEntriesDoc, { input: { entries: Array.from({ length: 20 }, () => { const [a, b] = twoOf(s.wallets); return transfer(nextKey('b'), a, b, amount()); }) } }) };
  return { kind: 'accounts', auth: s.finance, body: body(accountsDoc) };
}

/** The mixed HTTP load for `secs` seconds; counts answers and errors by kind. */
function httpLoad(s, secs, tally) {
  return new Promise((resolve, reject) => {
    autocannon({
      url: gqlUrl, connections, duration: secs, timeout: 30,
      requests: [{
        method: 'POST',
        setupRequest: (req, context) => {
          const next = nextRequest(s);
          context.kind = next.kind;
          return { ...req, headers: { 'content-type': 'application/json', authorization: next.auth }, body: next.body };
        },
        onResponse: (status, body, context) => {
          const k = tally[context.kind] ??= { ok: 0, errors: 0 };
          if (status === 200 && !body.includes('"errors"') && !body.includes('"error":{')) k.ok += 1;
          else { k.errors += 1; if (k.errors <= 3) log(`${context.kind}: ${status} ${body.slice(0, 300)}`); }
        },
      }],
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Error codes by count (SUBSCRIPTION_INTERRUPTED: a subscriber fell subscriberBufferMax events behind and was cut off). */
function countCodes(counts, errors) {
  for (const e of Array.isArray(errors) ? errors : [errors]) {
    const code = e?.extensions?.code ?? 'NO_CODE';
    counts.codes[code] = (counts.codes[code] ?? 0) + 1;
  }
}

/** A graphql-ws subscriber on the whole entry stream, counting what it receives. */
function subscribe(authorization, counts) {
  const socket = new WebSocket(gqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString());
    if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: streamDoc } }));
    else if (message.type === 'next') {
      if (message.payload.errors) { counts.errors += 1; countCodes(counts, message.payload.errors); } else counts.events += 1;
    } else if (message.type === 'error') { counts.errors += 1; countCodes(counts, message.payload); }
    else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
  });
  socket.on('close', (code) => { if (code !== 1000 && code !== 1005) counts.abnormalCloses += 1; });
  socket.on('error', () => { counts.errors += 1; });
  return socket;
}

function metricValue(text, name) {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

const mb = (bytes) => (bytes == null ? null : Number((bytes / 1_048_576).toFixed(1)));

async function sample(t0) {
  const status = readFileSync(`/proc/${gatewayPid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]) * 1024;
  const text = await (await fetch(`${base}/metrics`)).text();
  return {
    t_s: Math.round((performance.now() - t0) / 1000),
    rss_mb: mb(kb('VmRSS')), rss_peak_mb: mb(kb('VmHWM')),
    heap_total_mb: mb(metricValue(text, 'nodejs_heap_size_total_bytes')),
    heap_used_mb: mb(metricValue(text, 'nodejs_heap_size_used_bytes')),
    external_mb: mb(metricValue(text, 'nodejs_external_memory_bytes')),
    array_buffers_mb: mb(metricValue(text, 'nodejs_array_buffers_bytes')),
    document_cache_mb: mb(metricValue(text, 'folio_graphql_document_cache_bytes')),
    loadavg_1m: Number(os.loadavg()[0].toFixed(2)),
  };
}

/** First, last, max and the least-squares slope (MB/min) of one figure over the samples. */
function trend(samples, key) {
  const points = samples.filter((s) => s[key] != null);
  if (points.length === 0) return null;
  const n = points.length;
  const mx = points.reduce((a, s) => a + s.t_s, 0) / n;
  const my = points.reduce((a, s) => a + s[key], 0) / n;
  const sxx = points.reduce((a, s) => a + (s.t_s - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((a, s) => a + (s.t_s - mx) * (s[key] - my), 0) / sxx;
  return { first: points[0][key], last: points[n - 1][key], max: Math.max(...points.map((s) => s[key])), slope_mb_per_min: Number((slope * 60).toFixed(2)) };
}

async function main() {
  const started = new Date();
  const loadStart = os.loadavg().map((x) => Number(x.toFixed(2)));
  const t0seed = performance.now();
  const s = await seed();
  log(`seeded ${s.wallets.length} wallets and ${s.users.length} customers in ${((performance.now() - t0seed) / 1000).toFixed(1)} s`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(samplesFile, '');
  const samples = [];
  const subs = { events: 0, errors: 0, codes: {}, abnormalCloses: 0, reopened: 0 };
  let sockets = Array.from({ length: subscriberCount }, () => subscribe(s.finance, subs));
  const logins = { ok: 0, failed: 0 };
  const tally = {};
  const t0 = performance.now();
  let stop = false;
  const record = async () => {
    const point = await sample(t0);
    samples.push(point);
    appendFileSync(samplesFile, `${JSON.stringify(point)}\n`);
    log(`t=${point.t_s}s rss ${point.rss_mb} MB (peak ${point.rss_peak_mb}), heapTotal ${point.heap_total_mb}, heapUsed ${point.heap_used_mb}, external ${point.external_mb}, arrayBuffers ${point.array_buffers_mb}, documents ${point.document_cache_mb}, load ${point.loadavg_1m}`);
  };
  await record();
  const sampler = (async () => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, sampleSeconds * 1000));
      if (stop) break;
      // Churn: a quarter of the subscribers go away and others come.
      const churn = Math.ceil(sockets.length / 4);
      for (const socket of sockets.slice(0, churn)) socket.close(1000);
      sockets = [...sockets.slice(churn), ...Array.from({ length: churn }, () => subscribe(s.finance, subs))];
      subs.reopened += churn;
      await record().catch((e) => log('sample failed', e.message));
    }
  })();
  const loginLoop = (async () => {
    while (!stop) {
      const user = pick(s.users);
      try { await gql(loginDoc, { input: { email: user.email, password: s.password } }); logins.ok += 1; } catch { logins.failed += 1; }
      await new Promise((r) => setTimeout(r, 5_000));
    }
  })();
  const result = await httpLoad(s, seconds, tally);
  stop = true;
  await sampler;
  await loginLoop;
  await record();
  for (const socket of sockets) socket.close(1000);
  const keys = ['rss_mb', 'heap_total_mb', 'heap_used_mb', 'external_mb', 'array_buffers_mb', 'document_cache_mb'];
  const after = (fromS) => samples.filter((p) => p.t_s >= fromS);
  const summary = {
    date: started.toISOString(),
    git: env.BENCH_GIT ?? null,
    machine: { cores: os.cpus().length, loadavg_at_start: loadStart, loadavg_at_end: os.loadavg().map((x) => Number(x.toFixed(2))), node: process.version },
    settings: { seconds, sample_seconds: sampleSeconds, connections, wallets: walletCount, users: userCount, subscribers: subscriberCount },
    load: {
      requests_per_s: Math.round(result.requests.total / result.duration), non2xx: result.non2xx, socket_errors: result.errors, timeouts: result.timeouts,
      latency_ms: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      by_kind: tally, logins, subscriptions: subs,
    },
    // The whole run, and from the second minute on (start-up and JIT warm-up left out).
    trend: Object.fromEntries(keys.map((k) => [k, trend(samples, k)])),
    trend_after_60s: Object.fromEntries(keys.map((k) => [k, trend(after(60), k)])),
    rss_peak_mb: samples.at(-1).rss_peak_mb,
    samples: samples.length,
    samples_file: samplesFile,
  };
  writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
  const r = summary.trend.rss_mb; const h = summary.trend.heap_used_mb;
  log(`RSS first ${r.first} / last ${r.last} / max ${r.max} MB, slope ${r.slope_mb_per_min} MB/min (after 60 s: ${summary.trend_after_60s.rss_mb?.slope_mb_per_min}); heapUsed first ${h.first} / last ${h.last} / max ${h.max} MB, slope ${h.slope_mb_per_min} MB/min`);
}

main().catch((error) => { console.error('[soak] failed:', error); process.exit(1); });
