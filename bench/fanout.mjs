// Subscription fan-out: graphql-ws subscribers on one gateway while entries post at a target rate.
// Run by load.mjs for the scenarios `fanout-own` and `fanout-stream` (see bench/README.md):
//   fanout-own     BENCH_FANOUT_OWN (10,000) subscribers, each watching its own wallet with
//                  balanceChanged (a lean selection); entries between random pairs of those wallets.
//   fanout-stream  BENCH_FANOUT_STREAM (100) subscribers on the whole entryPosted stream, each with
//                  the entry's fields (postings, accounts); entries between random seeded wallets.
// Both post BENCH_FANOUT_RATE (200) entries/s for BENCH_FANOUT_SECONDS (20 s), first with no
// subscriber (the baseline posting rate), then with them. Latency is from the moment the poster
// sent the postEntry request to the moment a subscriber received the event: an upper bound of
// commit → delivery (it includes the post's own round trip).
import WebSocket from 'ws';

const env = process.env;
const rate = Number(env.BENCH_FANOUT_RATE ?? 200);
const seconds = Number(env.BENCH_FANOUT_SECONDS ?? 20);
/** Subscriber sockets opened at once while connecting: enough to be quick, few enough not to stall the gateway. */
const connectConcurrency = 50;
/** After posting stops, how long deliveries may still arrive before the count is final. */
const drainMs = 10_000;

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : null);
const round = (x) => (x == null ? null : Number(x.toFixed(1)));

/** One graphql-transport-ws subscriber: resolves when the subscription is acknowledged by a first ping of data or after connecting. */
function subscriber(wsUrl, authorization, query, variables, onEvent) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const state = { socket, closed: undefined, errors: 0 };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString());
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        resolve(state);
      } else if (message.type === 'next') {
        if (message.payload.errors) state.errors += 1;
        else onEvent(message.payload.data);
      } else if (message.type === 'error') {
        state.errors += 1;
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      }
    });
    socket.on('close', (code, reason) => { state.closed = `${code} ${reason}`; reject(new Error(`closed ${code} ${reason}`)); });
    socket.on('error', reject);
  });
}

async function openSubscribers(count, make) {
  const states = [];
  let next = 0;
  let failed = 0;
  const workers = Array.from({ length: Math.min(connectConcurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      try { states.push(await make(i)); } catch { failed += 1; }
    }
  });
  await Promise.all(workers);
  return { states, failed };
}

/**
 * Posts `rate` entries a second for `seconds`, pacing in 10 ms ticks, never more than 50 requests
 * in flight (a poster that falls behind posts fewer: its achieved rate is the figure).
 */
async function post(gql, pick, sent) {
  const postEntryDoc = 'mutation P($input: PostEntryInput!) { postEntry(input: $input) { id } }';
  const started = performance.now();
  const end = started + seconds * 1000;
  let issued = 0;
  let ok = 0;
  let failed = 0;
  let inFlight = 0;
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (issued < due && inFlight < 50) {
      issued += 1;
      inFlight += 1;
      const [from, to] = pick();
      const t = performance.now();
      const key = `fanout-${Date.now().toString(36)}-${issued}-${Math.random().toString(36).slice(2, 8)}`;
      gql(postEntryDoc, { input: { idempotencyKey: key, postings: [
        { accountId: from, direction: 'DEBIT', amount: '1', currency: 'USD' },
        { accountId: to, direction: 'CREDIT', amount: '1', currency: 'USD' },
      ] } }).then((data) => { ok += 1; sent.set(data.postEntry.id, t); }, () => { failed += 1; })
        .finally(() => { inFlight -= 1; });
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  return { entries_ok: ok, entries_failed: failed, entries_per_s: round(ok / ((performance.now() - started) / 1000)) };
}

/** Runs one fan-out scenario; `perEntry` is how many deliveries each posted entry should cause. */
async function measure({ gql, wsUrl, authorization, count, query, variablesOf, entryIdOf, pick, perEntry }) {
  const baseline = await post(gql, pick, new Map());
  const sent = new Map();
  const latencies = [];
  let received = 0;
  const early = new Map();
  const onEvent = (data) => {
    received += 1;
    const at = performance.now();
    const id = entryIdOf(data);
    const t = sent.get(id);
    if (t === undefined) early.set(id, [...(early.get(id) ?? []), at]);
    else latencies.push(at - t);
  };
  const connectStart = performance.now();
  const { states, failed } = await openSubscribers(count, (i) => subscriber(wsUrl, authorization, query, variablesOf(i), onEvent));
  const connectSeconds = (performance.now() - connectStart) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // every subscription live
  const loaded = await post(gql, pick, sent);
  const deadline = performance.now() + drainMs;
  const expected = loaded.entries_ok * perEntry;
  while (received < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const [id, times] of early) { const t = sent.get(id); if (t !== undefined) for (const at of times) latencies.push(Math.max(0, at - t)); }
  latencies.sort((a, b) => a - b);
  const closed = states.filter((s) => s.closed).length;
  const errors = states.reduce((n, s) => n + s.errors, 0);
  for (const s of states) s.socket.terminate();
  return {
    subscribers: count, subscribers_failed_to_connect: failed, connect_s: round(connectSeconds),
    target_entries_per_s: rate, seconds,
    posting_without_subscribers: baseline, posting_with_subscribers: loaded,
    posting_ratio: baseline.entries_per_s ? Number((loaded.entries_per_s / baseline.entries_per_s).toFixed(3)) : null,
    deliveries_expected: expected, deliveries_received: received,
    delivered_pct: expected ? Number(((100 * Math.min(received, expected)) / expected).toFixed(2)) : null,
    latency_ms: { p50: round(percentile(latencies, 0.5)), p90: round(percentile(latencies, 0.9)), p99: round(percentile(latencies, 0.99)), max: round(latencies.at(-1)) },
    subscriber_errors: errors, subscribers_closed: closed,
  };
}

/** `fanout-own`: every subscriber watches its own wallet; entries move 1 between two random ones. */
export async function fanoutOwn({ gql, wsUrl, authorization, walletIds }) {
  const count = Math.min(Number(env.BENCH_FANOUT_OWN ?? 10_000), walletIds.length);
  const watched = walletIds.slice(0, count);
  return measure({
    gql, wsUrl, authorization, count, perEntry: 2,
    query: 'subscription W($ids: [ID!]) { balanceChanged(accountIds: $ids) { sequence accountId balance { posted { amount } } entry { id } } }',
    variablesOf: (i) => ({ ids: [watched[i]] }),
    entryIdOf: (data) => data.balanceChanged.entry.id,
    pick: () => { const a = Math.floor(Math.random() * count); let b = Math.floor(Math.random() * (count - 1)); if (b >= a) b += 1; return [watched[a], watched[b]]; },
  });
}

/** `fanout-stream`: every subscriber reads the whole entry stream with the entry's fields. */
export async function fanoutStream({ gql, wsUrl, authorization, walletIds }) {
  const count = Number(env.BENCH_FANOUT_STREAM ?? 100);
  return measure({
    gql, wsUrl, authorization, count, perEntry: count,
    query: 'subscription S { entryPosted { sequence type entry { id description status effectiveAt postings { direction amount { amount currency } account { id code } } } } }',
    variablesOf: () => ({}),
    entryIdOf: (data) => data.entryPosted.entry.id,
    pick: () => { const a = Math.floor(Math.random() * walletIds.length); let b = Math.floor(Math.random() * (walletIds.length - 1)); if (b >= a) b += 1; return [walletIds[a], walletIds[b]]; },
  });
}
