import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../../src/platform/logger.js';
import { GatewayMetrics } from '../../src/platform/metrics.js';
import { Readiness } from '../../src/platform/http/health.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { fundedWallet, transfer } from '../testkit/ledger-fixtures.js';
import { readLogLines } from '../testkit/log-scan.js';
import { baseUrl, postGraphql, sample } from './http-helpers.js';

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => { await gw?.close(); });

const metricsText = async (gateway = gw, headers: Record<string, string> = {}) => (await fetch(`${baseUrl(gateway.url)}/metrics`, { headers })).text();

describe('request log', () => {
  it('writes exactly one line per HTTP request, with request id, operation, caller, status and duration', async () => {
    const requestId = `req-${randomUUID()}`;
    const response = await postGraphql(gw.url, 'query AccountsForLog { accounts(first: 1) { edges { node { id } } } }', { headers: gw.finance.headers, requestId });
    expect(response.status).toBe(200);
    expect(response.requestId).toBe(requestId);
    await expect.poll(() => readLogLines(requestId).filter((line) => line.msg === 'request')).toHaveLength(1);
    const [line] = readLogLines(requestId).filter((l) => l.msg === 'request');
    expect(line).toMatchObject({ requestId, method: 'POST', path: '/graphql', status: 200, operationName: 'AccountsForLog', caller: `user:${gw.finance.userId}` });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(line.errorCodes).toBeUndefined();
    // Nothing of the request itself: no headers, body, variables or query string.
    expect(JSON.stringify(line)).not.toMatch(/authorization|Bearer|edges|variables/i);
  });

  it('names the error codes of the response and an anonymous caller', async () => {
    const requestId = `req-${randomUUID()}`;
    const refused = await postGraphql(gw.url, 'query Unauthenticated { accounts(first: 1) { edges { node { id } } } }', { requestId });
    expect(refused.body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', requestId });
    const bad = await postGraphql(gw.url, 'query Broken { nope }', { requestId: `${requestId}-v` });
    expect(bad.status).toBe(400);
    await expect.poll(() => readLogLines(requestId).filter((line) => line.msg === 'request')).toHaveLength(2);
    const lines = readLogLines(requestId).filter((l) => l.msg === 'request');
    expect(lines.find((l) => l.requestId === requestId)).toMatchObject({ caller: 'anonymous', errorCodes: ['UNAUTHENTICATED'], operationName: 'Unauthenticated' });
    expect(lines.find((l) => l.requestId === `${requestId}-v`)).toMatchObject({ status: 400, errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
  });

  it('logs a malformed body as BAD_REQUEST, and a non-GraphQL path too', async () => {
    const requestId = `req-${randomUUID()}`;
    const response = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: '{"query": ' });
    expect(response.status).toBe(400);
    await fetch(`${baseUrl(gw.url)}/nowhere?token=abc`, { headers: { 'x-request-id': `${requestId}-404` } });
    await expect.poll(() => readLogLines(requestId).filter((line) => line.msg === 'request')).toHaveLength(2);
    const lines = readLogLines(requestId);
    expect(lines.find((l) => l.requestId === requestId)).toMatchObject({ status: 400, errorCodes: ['BAD_REQUEST'] });
    expect(lines.find((l) => l.requestId === `${requestId}-404`)).toMatchObject({ status: 404, path: '/nowhere' });
  });

  it('carries the request id of a WebSocket operation into what services log while it runs', async () => {
    const spy = vi.spyOn(gw.services.queries, 'verify').mockImplementationOnce(async () => {
      logger.warn({ marker: 'inside-ws-operation' }, 'a service logs during a WebSocket operation');
      throw new Error('verification exploded');
    });
    const client = gw.ws();
    const errors: { extensions?: { code?: string; requestId?: string } }[] = [];
    await new Promise<void>((resolve) => {
      client.subscribe({ query: 'query VerifyOverWs { verifyLedger { ok } }' }, {
        next: (value) => { errors.push(...((value.errors ?? []) as never[])); },
        error: () => resolve(),
        complete: () => resolve(),
      });
    });
    spy.mockRestore();
    expect(errors).toHaveLength(1);
    const { code, requestId } = errors[0].extensions ?? {};
    expect(code).toBe('INTERNAL_SERVER_ERROR');
    expect(requestId).toEqual(expect.any(String));
    await expect.poll(() => readLogLines(requestId!).map((line) => line.msg)).toEqual(expect.arrayContaining([
      'a service logs during a WebSocket operation', 'unexpected error in a GraphQL operation', 'ws operation',
    ]));
    const operationLine = readLogLines(requestId!).find((line) => line.msg === 'ws operation');
    expect(operationLine).toMatchObject({ transport: 'ws', operationName: 'VerifyOverWs', caller: `user:${gw.finance.userId}`, errorCodes: ['INTERNAL_SERVER_ERROR'] });
    expect(operationLine!.durationMs).toEqual(expect.any(Number));
  });
});

describe('metrics', () => {
  it('counts operations by name and outcome, errors by code, and serves process metrics', async () => {
    await postGraphql(gw.url, 'query CountedQuery { accounts(first: 1) { edges { node { id } } } }', { headers: gw.finance.headers });
    await postGraphql(gw.url, 'query CountedQuery { accounts(first: 1) { edges { node { id } } } }');
    const text = await metricsText();
    expect(sample(text, 'folio_graphql_requests_total{operation="CountedQuery",outcome="ok",transport="http"}')).toBe(1);
    expect(sample(text, 'folio_graphql_requests_total{operation="CountedQuery",outcome="error",transport="http"}')).toBe(1);
    expect(sample(text, 'folio_graphql_errors_total{code="UNAUTHENTICATED"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'folio_graphql_request_duration_seconds_count{operation="CountedQuery",outcome="ok",transport="http"}')).toBe(1);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts entries only when their transaction commits', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const before = sample(await metricsText(), 'folio_ledger_entries_posted_total') ?? 0;
    const key = uniq('key');
    expect((await transfer(gw, bank.id, wallet.id, '10', 'USD', { idempotencyKey: key })).errors).toBeUndefined();
    await transfer(gw, bank.id, wallet.id, '10', 'USD', { idempotencyKey: key }); // replay: no new entry
    const refused = await transfer(gw, wallet.id, bank.id, '1000'); // insufficient funds: rolled back
    expect(refused.errors?.[0].extensions?.code).toBe('INSUFFICIENT_FUNDS');
    expect(sample(await metricsText(), 'folio_ledger_entries_posted_total')).toBe(before + 1);
  });

  it('reports the database pool at scrape time', async () => {
    const text = await metricsText();
    expect(sample(text, 'folio_db_pool_max_connections')).toBe(10);
    expect(sample(text, 'folio_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'folio_db_pool_idle_connections')).toEqual(expect.any(Number));
    expect(sample(text, 'folio_db_pool_waiting_requests')).toBe(0);
  });

  it('counts open subscriptions', async () => {
    // Funded, so the subscription (from sequence 0) has one event to deliver: proof that it really ran.
    const { wallet } = await fundedWallet(gw, '10');
    const client = gw.ws();
    let received = 0;
    const stop = client.subscribe({ query: `subscription Watch { balanceChanged(accountIds: ["${wallet.id}"], after: "0") { sequence } }` }, {
      next: () => { received += 1; }, error: () => undefined, complete: () => undefined,
    });
    await expect.poll(async () => sample(await metricsText(), 'folio_subscriptions_active')).toBe(1);
    await expect.poll(() => received).toBe(1);
    stop();
    await expect.poll(async () => sample(await metricsText(), 'folio_subscriptions_active')).toBe(0);
    expect(sample(await metricsText(), 'folio_graphql_requests_total{operation="Watch",outcome="ok",transport="ws"}')).toBe(1);
  });

  it('keeps operation-name labels bounded', () => {
    const metrics = new GatewayMetrics(async () => ({ total: 0, idle: 0, waiting: 0 }), 2);
    for (let i = 0; i < 250; i += 1) metrics.observeOperation({ name: `Op${i}`, transport: 'http', errorCodes: [], durationMs: 1 });
    metrics.observeOperation({ name: 'x'.repeat(65), transport: 'http', errorCodes: [] });
    metrics.observeOperation({ name: 'not a name', transport: 'http', errorCodes: ['lower case code'] });
    return metrics.registry.getSingleMetricAsString('folio_graphql_requests_total').then((text) => {
      const operations = new Set([...text.matchAll(/operation="([^"]*)"/g)].map((m) => m[1]));
      expect(operations.size).toBe(200 + 2);
      expect(operations).toContain('other');
      expect(operations).toContain('anonymous');
      expect(sample(text, 'folio_graphql_requests_total{operation="other",outcome="ok",transport="http"}')).toBe(50);
    });
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789';
    const guarded = await startTestGateway({ METRICS_TOKEN: token });
    try {
      const url = `${baseUrl(guarded.url)}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const allowed = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('content-type')).toContain('text/plain');
      expect(await allowed.text()).toContain('folio_graphql_requests_total');
    } finally {
      await guarded.close();
    }
  });
});

describe('health and readiness', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${baseUrl(gw.url)}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${baseUrl(gw.url)}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', details: { eventListener: 'listening' } });
  });

  it('is not ready when a migration is pending or the database does not answer', async () => {
    const kysely = gw.services.orm.em.fork().getKysely();
    const fakeOrm = (pending: { name: string }[], db = kysely) => ({
      em: { fork: () => ({ getKysely: () => db }) },
      migrator: { getPending: async () => pending },
    }) as unknown as MikroORM;
    expect(await new Readiness(fakeOrm([{ name: 'Migration20990101000000' }])).check())
      .toEqual({ ready: false, reason: 'migrations pending: Migration20990101000000' });
    const broken = { executeQuery: () => Promise.reject(new Error('connection refused')), getExecutor: () => { throw new Error('connection refused'); } };
    const report = await new Readiness(fakeOrm([], broken as never)).check();
    expect(report).toEqual({ ready: false, reason: 'database unreachable' });
    expect(await new Readiness(fakeOrm([])).check()).toEqual({ ready: true });
    await expect(sql`select 1`.execute(kysely)).resolves.toBeDefined();
  });

  it('answers 503 once shutdown has begun', async () => {
    const other = await startTestGateway();
    try {
      other.beginShutdown();
      const response = await fetch(`${baseUrl(other.url)}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
      expect((await fetch(`${baseUrl(other.url)}/healthz`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
