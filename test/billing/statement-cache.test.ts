import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { expectLedgerVerified } from '../testkit/ledger-fixtures.js';
import { invoiceFor, pay, payerOf, school } from './billing-fixtures.js';

// Statements through a Redis the test starts on a port of its own (never the machine's): served from
// the cache; Redis paused (slow) and then killed (down), statements keep coming, the same, with no
// error, and the breaker opens; Redis back, the breaker closes by itself and the cache fills again.
// A payment made while Redis was away shows at once after it returns: the cached statement from
// before is under an older version, never read again.
const BlCachedStatement = graphql(`
  query BlCachedStatement($payerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    payerStatement(payerId: $payerId, currency: "USD", from: $from, to: $to) { opening { amount } closing { amount } paid { amount } lines { kind amount { amount } balance { amount } } }
  }
`);

let port: number;
let redis: ChildProcess | undefined;
let gw: TestGateway;

async function freePort(): Promise<number> {
  return new Promise((resolve) => { const server = net.createServer().listen(0, '127.0.0.1', () => { const { port: p } = server.address() as net.AddressInfo; server.close(() => resolve(p)); }); });
}

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  // Fails (never skips) without the binary, as the other Redis tests do without the machine's Redis: REDIS_URL is a supported configuration.
  let missing: Error | undefined;
  redis.once('error', (error) => { missing = error; });
  const listening = () => new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); }).on('error', () => resolve(false));
  });
  for (let tries = 0; !(await listening()); tries += 1) {
    if (missing) throw new Error(`redis-server could not start (${missing.message}): this test runs a Redis of its own. Install it (Debian: apt-get install redis-server).`);
    if (tries > 100) throw new Error(`redis-server did not listen on ${port} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${gw.url.replace(/\/graphql$/, '')}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((label) => l.includes(label)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
const hits = () => metric('folio_cache_requests_total', 'cache="statement",outcome="hit"');
const fallbacks = () => metric('folio_cache_requests_total', 'cache="statement",outcome="fallback"');
const breaker = () => metric('folio_cache_breaker_state', 'cache="statement"');

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  gw = await startTestGateway({ REDIS_URL: `redis://127.0.0.1:${port}` });
}, 30_000);

afterAll(async () => {
  redis?.kill('SIGCONT');
  redis?.kill('SIGKILL');
  if (gw) {
    try { await expectLedgerVerified(gw); } finally { await gw.close(); }
  }
});

describe('statements through a Redis that goes away', () => {
  it('serves from the cache, keeps answering the same while Redis is slow or down, recovers by itself, and is never stale after a write', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const invoice = (await invoiceFor(s, payer.id, [1000])).answer.data!.issueInvoice;
    await pay(s, invoice.id, '100');
    const period = { payerId: payer.id, from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const read = async () => {
      const answer = await s.client.request(BlCachedStatement, period);
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      return answer.data!.payerStatement!;
    };
    const first = await read();
    expect(first).toMatchObject({ closing: { amount: '900' }, paid: { amount: '100' } });
    const hitsBefore = await hits();
    await expect.poll(async () => { await read(); return await hits(); }, { timeout: 5_000 }).toBeGreaterThan(hitsBefore);
    expect(await read()).toEqual(first);

    // Slow: Redis paused, its commands time out. The same statement, no error; the breaker opens.
    redis!.kill('SIGSTOP');
    const fallbacksBefore = await fallbacks();
    for (let i = 0; i < 5; i += 1) expect(await read()).toEqual(first);
    expect(await fallbacks()).toBeGreaterThan(fallbacksBefore);
    expect(await breaker(), 'open').toBe(2);
    expect((await fetch(`${gw.url.replace(/\/graphql$/, '')}/readyz`)).status, 'Redis is optional: still ready').toBe(200);

    // A payment while Redis is away: its statement, cached before, must not come back.
    await pay(s, invoice.id, '250');
    const after = await read();
    expect(after).toMatchObject({ closing: { amount: '650' }, paid: { amount: '350' } });
    redis!.kill('SIGCONT');
    await expect.poll(async () => { await read(); return await breaker(); }, { timeout: 15_000, interval: 250 }).toBe(0);
    expect(await read(), 'after Redis came back: the payment shows').toEqual(after);
    const hitsAgain = await hits();
    await expect.poll(async () => { await read(); return await hits(); }, { timeout: 5_000 }).toBeGreaterThan(hitsAgain);

    // Down: Redis killed. The same again; then a new Redis on the port, and the breaker closes.
    redis!.kill('SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));
    for (let i = 0; i < 5; i += 1) expect(await read()).toEqual(after);
    expect(await breaker()).toBe(2);
    await startRedis();
    await expect.poll(async () => { await read(); return await breaker(); }, { timeout: 15_000, interval: 250 }).toBe(0);
    expect(await read()).toEqual(after);
  }, 60_000);
});
