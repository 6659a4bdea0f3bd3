import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/platform/db/embedded-postgres.js';
import { testJwtSecret, uniq } from '../testkit/gateway.js';
import { baseUrl } from './http-helpers.js';

// Regression (issue 10, item 5): when PostgreSQL was still starting at the event hub's one retry,
// LISTEN was never re-established, and every subscriber on that gateway got events only from the
// one-second poll until the process restarted. This test owns its PostgreSQL (an embedded cluster
// of its own, never the machine's shared server), stops it for three seconds, and starts it again.
describe('the event listener after a PostgreSQL restart', () => {
  const dir = path.resolve('.data', `restart-pg-${process.pid}`);
  let db: EmbeddedDatabase | undefined;
  let gateway: Gateway | undefined;

  afterAll(async () => {
    // No bound on the close: a connection left checked out after the restart would hang it
    // (database-outage.test.ts tests that on its own).
    await gateway?.close();
    await db?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function readyz(): Promise<{ status: string; details?: Record<string, string> }> {
    return (await fetch(`${baseUrl(gateway!.url)}/readyz`)).json() as never;
  }

  it('reconnects by itself, with backoff, however long the server takes to come back', async () => {
    await fs.rm(dir, { recursive: true, force: true });
    const port = await freePort();
    db = await startEmbeddedPostgres({ dir, port, persistent: true, fast: true });
    gateway = await startGateway(loadConfig({
      JWT_SECRET: testJwtSecret, RATE_LIMIT_IP_PER_MINUTE: '0', RATE_LIMIT_CALLER_PER_SECOND: '0', RATE_LIMIT_KEY_PREFIX: uniq('restart'),
      DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', DB_POOL_MAX: '4',
    }));
    expect(await readyz()).toEqual({ status: 'ready', details: { eventListener: 'listening' } });

    await db.stop();
    await expect.poll(() => gateway!.services.events.listenerState, { timeout: 10_000 }).toBe('reconnecting');
    // A multi-second outage: every reconnect attempt in it fails.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(gateway.services.events.listenerState).toBe('reconnecting');
    db = await startEmbeddedPostgres({ dir, port, persistent: true, fast: true });

    await expect.poll(() => gateway!.services.events.listenerState, { timeout: 20_000, interval: 200 }).toBe('listening');
    await expect.poll(() => readyz(), { timeout: 20_000, interval: 500 }).toEqual({ status: 'ready', details: { eventListener: 'listening' } });
    const metrics = await (await fetch(`${baseUrl(gateway.url)}/metrics`)).text();
    expect(metrics).toMatch(/^folio_event_listener_connected 1$/m);
    expect(metrics).toMatch(/^folio_event_listener_reconnects_total [1-9]\d*$/m);
  });
});
