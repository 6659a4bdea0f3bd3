import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { mountGraphiql } from '../../src/platform/graphiql.js';

interface TestServer {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  close(): Promise<void>;
}

/**
 * The server under test: GraphiQL, then Apollo (HTTP) and graphql-ws (WebSocket) on one URL.
 * Swap this for the real gateway from test/testkit when it exists.
 */
async function startServer(): Promise<TestServer> {
  const schema = buildSchema('type Query { hello: String } type Subscription { tick: Int }');
  schema.getQueryType()!.getFields().hello!.resolve = () => 'world';
  const tick = schema.getSubscriptionType()!.getFields().tick!;
  tick.subscribe = async function* () {
    for (let i = 1; i <= 3; i++) {
      await sleep(100);
      yield i;
    }
  };
  tick.resolve = (n: number) => n;

  const app = express();
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer({ schema }, wsServer);
  const apollo = new ApolloServer({
    schema,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();
  mountGraphiql(app, '/graphql');
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      await wsCleanup.dispose();
      await apollo.stop();
    },
  };
}

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(`browser test did not run: ${chromiumPath} not found (apt-get install chromium)`);
  if (process.env.CI === 'true') {
    test('Chromium is installed (required when CI=true)', () => {
      expect.fail(`${chromiumPath} not found: install it with apt-get install chromium`);
    });
  }
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('GraphiQL over HTTP', () => {
  it('serves the page to browsers, with assets from the gateway only', async () => {
    const res = await fetch(server.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs).toHaveLength(5);
    for (const src of srcs) {
      expect(src).toMatch(/^\/graphql\/assets\/[0-9a-f]{12}\//);
      const asset = await fetch(new URL(src, server.url));
      expect(asset.status, src).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-type')).toMatch(src.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
    }
    expect((await fetch(new URL('/graphql/assets/000000000000/graphiql.min.js', server.url))).status).toBe(404);
  });

  it('leaves JSON requests and GET operations to Apollo', async () => {
    const post = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ hello }' }),
    });
    expect(await post.json()).toEqual({ data: { hello: 'world' } });

    const getUrl = `${server.url}?query=${encodeURIComponent('{ hello }')}`;
    const get = await fetch(getUrl, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: { hello: 'world' } });
    // A GET operation is Apollo's even when the Accept header prefers HTML.
    const getHtml = await fetch(getUrl, { headers: { accept: 'text/html', 'apollo-require-preflight': 'true' } });
    expect(getHtml.headers.get('content-type')).not.toMatch(/text\/html/);

    const json = await fetch(server.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/text\/html/);
  });
});

describe.skipIf(!hasChromium)('GraphiQL in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const isLocal = (url: string) => {
    const { protocol, hostname } = new URL(url);
    return protocol === 'data:' || protocol === 'blob:' || ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  };

  async function openGraphiql() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const sockets: string[] = [];
    const frames: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('websocket', (ws) => {
      sockets.push(ws.url());
      ws.on('framereceived', (f) => frames.push(String(f.payload)));
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // Belt and braces: nothing may leave the machine even if an assertion below is wrong.
    await page.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort()));
    await page.goto(server.url);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    // The docs button is enabled once the introspection query (HTTP POST) has succeeded.
    await page.locator('button[aria-label="Show Documentation Explorer"]').waitFor();
    return { page, context, requests, sockets, frames, errors };
  }

  const editorValue = (page: Page, selector: string) =>
    page.evaluate(
      (sel) => (document.querySelector(sel) as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
      selector,
    );

  async function typeAndRun(page: Page, operation: string) {
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(operation);
    await page.keyboard.press('Escape'); // close any autocomplete popup
    expect(await editorValue(page, '.graphiql-query-editor .CodeMirror')).toBe(operation);
    await page.keyboard.press('Control+Enter');
  }

  it('loads with no request off the machine and runs a typed query', async () => {
    const { page, context, requests, errors } = await openGraphiql();
    try {
      expect(await editorValue(page, '.graphiql-query-editor .CodeMirror')).toContain('__typename');
      await typeAndRun(page, '{ hello }');
      await expect
        .poll(() => editorValue(page, '.graphiql-response .CodeMirror'), { timeout: 10_000 })
        .toContain('"hello": "world"');
      await page.screenshot({ path: '/tmp/graphiql.png' });

      expect(requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(requests.some((u) => u.includes('/graphql/assets/') && u.endsWith('/graphiql.min.js'))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('runs a subscription over graphql-ws at the same URL', async () => {
    const { page, context, requests, sockets, frames, errors } = await openGraphiql();
    try {
      await typeAndRun(page, 'subscription { tick }');
      await expect
        .poll(() => editorValue(page, '.graphiql-response .CodeMirror'), { timeout: 10_000 })
        .toContain('"tick": 3');

      expect(sockets).toEqual([server.url.replace(/^http:/, 'ws:')]);
      const ticks = frames.map((f) => JSON.parse(f)).filter((m) => m.type === 'next');
      expect(ticks.map((m) => m.payload.data.tick)).toEqual([1, 2, 3]);
      expect(requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
