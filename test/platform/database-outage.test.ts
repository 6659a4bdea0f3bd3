import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { sql } from 'kysely';
import { startGateway, type Gateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { Role } from '../../src/platform/auth/roles.js';
import { AccessTokens } from '../../src/identity/tokens.js';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/platform/db/embedded-postgres.js';
import { testJwtSecret, uniq } from '../testkit/gateway.js';
import { recordSecret } from '../testkit/secrets.js';
import { events, signed } from '../testkit/processor.js';

// Regression (issue 10, item 7): while PostgreSQL restarted, requests failed with a generic 500
// "unexpected HTTP error" from the authentication middleware, and after it the ORM's pool kept
// connections checked out for ever (a BEGIN or ROLLBACK on a dead connection never released it), so
// the gateway could not close. This test owns its PostgreSQL (never the machine's shared server).
describe('a gateway while its database is unreachable', () => {
  const dir = path.resolve('.data', `outage-pg-${process.pid}`);
  let port: number;
  let db: EmbeddedDatabase | undefined;
  let gateway: Gateway | undefined;
  let bearer: string;

  beforeAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
    port = await freePort();
    db = await startEmbeddedPostgres({ dir, port, persistent: true, fast: true });
    // The default limits (per address and per caller) stay on: their counters live in the database too.
    const config = loadConfig({
      JWT_SECRET: testJwtSecret, RATE_LIMIT_KEY_PREFIX: uniq('outage'),
      DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', DB_POOL_MAX: '4',
    });
    gateway = await startGateway(config);
    const { rows } = await sql<{ id: string }>`insert into folio_user (email, password_hash, role)
      values (${`${uniq('outage')}@example.test`}, 'not-a-hash', ${Role.FINANCE}) returning id::text`.execute(gateway.services.orm.em.fork().getKysely());
    const { token } = await new AccessTokens(config.jwtSecret, 900).sign({ id: rows[0].id, role: Role.FINANCE, tokenVersion: 0 });
    recordSecret(token);
    bearer = `Bearer ${token}`;
  });

  afterAll(async () => {
    if (gateway) await Promise.race([gateway.close(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await db?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function post(query: string, authorization?: string) {
    const response = await fetch(gateway!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() as { data?: any; errors?: { extensions?: Record<string, unknown> }[] } };
  }

  /** A processor and a merchant linked to it, through the API; a first charge delivered. */
  async function processorWithMerchant() {
    const slug = uniq('outage-pay').toLowerCase();
    const made = (await post(`mutation { registerProcessor(input: { name: "Outage Pay", slug: "${slug}" }) { signingSecret processor { id } } }`, bearer)).body.data.registerProcessor;
    recordSecret(made.signingSecret);
    const merchant = (await post(`mutation { createMerchant(input: { name: "Bistro", slug: "${uniq('outage-bistro').toLowerCase()}", defaultCurrency: "USD" }) { id } }`, bearer)).body.data.createMerchant.id;
    const externalId = uniq('acct');
    await post(`mutation { linkMerchantToProcessor(input: { merchantId: "${merchant}", processorId: "${made.processor.id}", processorMerchantId: "${externalId}" }) { processorMerchantId } }`, bearer);
    return { slug, secret: made.signingSecret as string, externalId };
  }

  async function deliver(slug: string, secret: string, eventId: string, body: string) {
    const response = await fetch(`${gateway!.url.replace(/\/graphql$/, '')}/webhooks/${slug}`, { method: 'POST', headers: signed(secret, eventId, body), body });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() as Record<string, unknown> };
  }

  const me = '{ me { id role } }';
  const deposit = `mutation { openAccount(input: { code: "${uniq('outage:cash')}", name: "Cash", type: ASSET, currency: "USD" }) { id } }`;

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After on every path, and serves again when it is back', async () => {
    // Warm: the pool holds connections that the restart will kill, the gateway keeps the processor it verified.
    expect((await post(me, bearer)).body.data.me.role).toBe('FINANCE');
    const processor = await processorWithMerchant();
    const first = JSON.stringify({ type: 'charge.succeeded', data: events.charge(processor.externalId) });
    expect((await deliver(processor.slug, processor.secret, uniq('evt'), first)).body.status).toBe('APPLIED');
    const live = createClient({ url: gateway!.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: bearer } });
    await new Promise<void>((resolve) => live.on('connected', () => resolve()));

    // A transaction in flight when the server goes: its next query and its rollback both fail.
    let stopped!: () => void;
    const serverGone = new Promise<void>((resolve) => { stopped = resolve; });
    const inFlight = gateway!.services.orm.em.fork().transactional(async (em) => {
      await em.execute('select 1');
      await serverGone;
      await em.execute('select 1');
    }).then(() => 'committed', (error: Error) => error.message);
    await db!.stop();
    stopped();
    expect(await inFlight).not.toBe('committed');

    // Authentication (the middleware reads the user row), a resolver with no caller, a mutation.
    for (const [query, authorization] of [[me, bearer], ['mutation { login(input: { email: "x@example.com", password: "whatever-password" }) { accessToken } }', undefined], [deposit, bearer]] as const) {
      const answer = await post(query, authorization);
      expect(answer.status, query).toBe(503);
      expect(answer.retryAfter).toBe('2');
      expect(answer.body.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 });
      expect(answer.body.errors?.[0].extensions?.requestId).toEqual(expect.any(String));
    }

    // WebSocket: an operation on an open connection gets the code; a new connection is closed with
    // 1013 (try again later), which graphql-ws clients retry by themselves.
    const result = await new Promise<any>((resolve) => {
      live.subscribe({ query: me }, { next: resolve, error: (errors) => resolve({ errors }), complete: () => {} });
    });
    expect(result.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      const socket = new WebSocket(gateway!.wsUrl, 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: bearer } })));
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    expect(closed).toEqual({ code: 1013, reason: expect.stringMatching(/database is unreachable/) });
    await live.dispose();

    // A processor's charge: 503 with Retry-After, nothing stored, so its retry after is the first delivery.
    const charge = { eventId: uniq('evt'), body: JSON.stringify({ type: 'charge.succeeded', data: events.charge(processor.externalId) }) };
    expect(await deliver(processor.slug, processor.secret, charge.eventId, charge.body)).toMatchObject({ status: 503, retryAfter: '2', body: { code: 'SERVICE_UNAVAILABLE' } });

    db = await startEmbeddedPostgres({ dir, port, persistent: true, fast: true });
    await expect.poll(async () => (await post(me, bearer)).status, { timeout: 20_000, interval: 250 }).toBe(200);
    expect((await post(deposit, bearer)).body.data.openAccount.id).toMatch(/^acc_/);
    expect(await deliver(processor.slug, processor.secret, charge.eventId, charge.body)).toMatchObject({ status: 201, body: { duplicate: false, status: 'APPLIED' } });
  });

  it('closes after the restart: no connection is left checked out of the pool', async () => {
    const closed = await Promise.race([
      gateway!.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000)),
    ]);
    expect(closed).toBe('closed');
    gateway = undefined;
  });
});
