import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { fundedWallet, transfer } from '../testkit/ledger-fixtures.js';

interface TestServer {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  gw: TestGateway;
  close(): Promise<void>;
}

/** The real gateway: GraphiQL, then Apollo (HTTP) and graphql-ws (WebSocket) on one URL. */
async function startServer(): Promise<TestServer> {
  const gw = await startTestGateway();
  return { url: gw.url, gw, close: () => gw.close() };
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
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });

    const getUrl = `${server.url}?query=${encodeURIComponent('{ __typename }')}`;
    const get = await fetch(getUrl, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
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
      const { wallet } = await fundedWallet(server.gw, '4242');
      await typeAndRun(page, `{ account(id: "${wallet.id}") { code balance { posted { amount currency } } } }`);
      await expect
        .poll(() => editorValue(page, '.graphiql-response .CodeMirror'), { timeout: 10_000 })
        .toContain('"amount": "4242"');
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
      const { bank, wallet } = await fundedWallet(server.gw, '0');
      await typeAndRun(page, `subscription { balanceChanged(accountIds: ["${wallet.id}"]) { sequence balance { posted { amount } } } }`);
      // Post until the subscription (opened asynchronously by the page) has seen one change.
      await expect.poll(async () => {
        await transfer(server.gw, bank.id, wallet.id, '5');
        return frames.map((f) => JSON.parse(f)).filter((m) => m.type === 'next').length;
      }, { timeout: 15_000, interval: 500 }).toBeGreaterThan(0);
      await expect
        .poll(() => editorValue(page, '.graphiql-response .CodeMirror'), { timeout: 10_000 })
        .toContain('"balanceChanged"');

      expect(sockets).toEqual([server.url.replace(/^http:/, 'ws:')]);
      const changes = frames.map((f) => JSON.parse(f)).filter((m) => m.type === 'next');
      expect(changes[0].payload.data.balanceChanged.balance.posted.amount).toMatch(/^[1-9]\d*$/);
      expect(requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
