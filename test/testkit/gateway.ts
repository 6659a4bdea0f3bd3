import { inject } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startGateway, type Gateway } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';

export interface TestGateway extends Gateway {
  /** Sends one operation over HTTP as a client would. */
  request<R, V>(document: TypedDocumentNode<R, V>, variables?: V, headers?: Record<string, string>): Promise<ExecutionResult<R> & { status: number }>;
  /** A graphql-ws client on the gateway's WebSocket. */
  ws(): Client;
}

/** Starts a gateway in this process on a free port, on the run's test database. */
export async function startTestGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const config = loadConfig({ ...env, DATABASE_URL: inject('databaseUrl'), PORT: '0', HOST: '127.0.0.1', DB_POOL_MAX: '10' });
  const gateway = await startGateway(config);
  const clients: Client[] = [];
  return {
    ...gateway,
    async request(document, variables, headers = {}) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return { ...(await response.json()), status: response.status };
    },
    ws() {
      const client = createClient({ url: gateway.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      clients.push(client);
      return client;
    },
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
