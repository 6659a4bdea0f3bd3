import { inject } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { sql } from 'kysely';
import argon2 from 'argon2';
import { startGateway, type Gateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { Role } from '../../src/platform/auth/roles.js';
import { AccessTokens } from '../../src/identity/tokens.js';
import { recordSecret } from './secrets.js';

/** The signing key every test gateway shares, so a token from one process works on another. */
export const testJwtSecret = 'folio-test-signing-key-0123456789abcdef';

/** A caller of the API: a user with a real access token (signed by the gateway's key). */
export interface TestCaller {
  userId: string;
  email: string;
  role: Role;
  token: string;
  headers: Record<string, string>;
}

type Send = <R, V>(document: TypedDocumentNode<R, V>, variables?: V, headers?: Record<string, string>) => Promise<ExecutionResult<R> & { status: number }>;

/** One caller's view of the gateway: HTTP and WebSocket with that caller's credentials. */
export interface CallerClient {
  /** Sends one operation over HTTP as a client would. */
  request: Send;
  /** A graphql-ws client on the gateway's WebSocket, authenticated in connectionInit. */
  ws(): Client;
}

export interface TestGateway extends Gateway, CallerClient {
  /** The default caller of `request` and `ws`: a FINANCE user, who may run every ledger operation. */
  finance: TestCaller;
  /** The API as another caller; `null` is anonymous (no Authorization header). */
  as(caller: TestCaller | null): CallerClient;
  /** Creates a user with the role and a signed access token (a fixture: no login round trip). */
  user(role: Role, label?: string): Promise<TestCaller>;
}

let fixturePasswordHash: Promise<string> | undefined;

/** Starts a gateway in this process on a free port, on the run's test database. */
export async function startTestGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const config = loadConfig({
    JWT_SECRET: testJwtSecret, RATE_LIMIT_IP_PER_MINUTE: '0', RATE_LIMIT_CALLER_PER_SECOND: '0',
    // Counters of its own (failed logins too), so tests sharing 127.0.0.1 never count against each other.
    RATE_LIMIT_KEY_PREFIX: uniq('test'),
    ...env, DATABASE_URL: env.DATABASE_URL ?? inject('databaseUrl'), PORT: '0', HOST: '127.0.0.1', DB_POOL_MAX: '10',
  });
  const gateway = await startGateway(config);
  const tokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds);
  const db = gateway.services.orm.em.fork().getKysely();
  const clients: Client[] = [];

  const clientFor = (caller: TestCaller | null): CallerClient => ({
    async request(document, variables, headers = {}) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(caller?.headers ?? {}), ...headers },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return { ...(await response.json()), status: response.status };
    },
    ws() {
      const client = createClient({
        url: gateway.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true,
        connectionParams: caller ? { authorization: caller.headers.authorization } : undefined,
      });
      clients.push(client);
      return client;
    },
  });

  async function user(role: Role, label = role.toLowerCase()): Promise<TestCaller> {
    fixturePasswordHash ??= argon2.hash(`fixture-${Math.random()}`, { type: argon2.argon2id });
    const email = `${uniq(label)}@example.test`;
    const { rows } = await sql<{ id: string }>`insert into folio_user (email, password_hash, role)
      values (${email}, ${await fixturePasswordHash}, ${role}) returning id::text`.execute(db);
    const { token } = await tokens.sign({ id: rows[0].id, role, tokenVersion: 0 });
    recordSecret(token);
    return { userId: rows[0].id, email, role, token, headers: { authorization: `Bearer ${token}` } };
  }

  const finance = await user(Role.FINANCE);
  return {
    ...gateway,
    ...clientFor(finance),
    finance,
    as: clientFor,
    user,
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
      await gateway.close();
    },
  };
}

/** A prefix unique to this test, so tests never collide on account codes or idempotency keys. */
export function uniq(label = 't'): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
