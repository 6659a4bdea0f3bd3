import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
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

  /** What one WebSocket of the page sent and received, as parsed graphql-ws messages. */
  interface SocketLog {
    url: string;
    sent: Array<{ type: string; payload?: any }>;
    received: Array<{ type: string; payload?: any }>;
  }

  async function openGraphiql() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const posts: Array<{ headers: Record<string, string>; body: string }> = [];
    const sockets: SocketLog[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      requests.push(r.url());
      if (r.method() === 'POST') posts.push({ headers: r.headers(), body: r.postData() ?? '' });
    });
    page.on('websocket', (ws) => {
      const log: SocketLog = { url: ws.url(), sent: [], received: [] };
      sockets.push(log);
      ws.on('framesent', (f) => log.sent.push(JSON.parse(String(f.payload))));
      ws.on('framereceived', (f) => log.received.push(JSON.parse(String(f.payload))));
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // Belt and braces: nothing may leave the machine even if an assertion below is wrong.
    await page.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort()));
    await page.goto(server.url);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    // The docs button is enabled once the introspection query (HTTP POST) has succeeded: with no
    // Authorization header, since nobody has logged in yet.
    await page.locator('button[aria-label="Show Documentation Explorer"]').waitFor();
    return { page, context, requests, posts, sockets, errors };
  }

  const queryEditor = '.graphiql-query-editor .CodeMirror';
  const responsePane = '.graphiql-response .CodeMirror';
  /** The editor of the bottom tools pane that is showing (Variables or Headers). */
  const toolEditor = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';

  const editorValue = (page: Page, selector: string) =>
    page.evaluate(
      (sel) => (document.querySelector(sel) as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
      selector,
    );

  /** Clears the editor at `selector` and types `text` into it, key by key. */
  async function typeInto(page: Page, selector: string, text: string) {
    await page.locator(selector).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(text);
    await page.keyboard.press('Escape'); // close any autocomplete popup
    expect(await editorValue(page, selector)).toBe(text);
  }

  async function typeAndRun(page: Page, operation: string) {
    await typeInto(page, queryEditor, operation);
    await page.keyboard.press('Control+Enter');
  }

  /** Opens the Headers tab of the editor tools below the query, as a person would, and types `json`. */
  async function typeHeaders(page: Page, json: string) {
    await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Headers', exact: true }).click();
    await typeInto(page, toolEditor, json);
  }

  /** Clicks back into the query editor (at its end) and runs the operation there. */
  async function runAgain(page: Page) {
    await page.locator(queryEditor).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Enter');
  }

  /** Selects the first occurrence of `text` in the query editor, as a double-click or drag would. */
  async function selectInQuery(page: Page, text: string) {
    await page.evaluate(({ sel, text }) => {
      const cm = (document.querySelector(sel) as unknown as {
        CodeMirror: { getValue(): string; focus(): void; posFromIndex(i: number): unknown; setSelection(a: unknown, b: unknown): void };
      }).CodeMirror;
      const at = cm.getValue().indexOf(text);
      if (at < 0) throw new Error(`${text} is not in the editor`);
      cm.focus();
      cm.setSelection(cm.posFromIndex(at), cm.posFromIndex(at + text.length));
    }, { sel: queryEditor, text });
  }

  const responseJson = async (page: Page) => JSON.parse(await editorValue(page, responsePane));

  it('loads with no request off the machine, and its guide logs in and runs a query', async () => {
    const { page, context, requests, errors } = await openGraphiql();
    try {
      const guide = await editorValue(page, queryEditor);
      expect(guide).toMatch(/^# /);
      expect(guide).toContain('{"Authorization": "Bearer <accessToken>"}');

      // A person with an account follows the guide: their email and password into Login, run it.
      const email = `${uniq('graphiql')}@example.test`;
      const password = 'correct horse battery staple';
      const registered = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `mutation { register(input: { email: "${email}", password: "${password}" }) { email } }` }),
      });
      expect(await registered.json()).toEqual({ data: { register: { email } } });
      await selectInQuery(page, 'you@example.com');
      await page.keyboard.type(email);
      await selectInQuery(page, 'your password');
      await page.keyboard.type(password);
      await page.keyboard.press('Control+Enter'); // the cursor is inside Login
      await expect.poll(() => editorValue(page, responsePane), { timeout: 10_000 }).toContain('"accessToken"');
      const { data: { login } } = await responseJson(page);
      expect(login.user.role).toBe('CUSTOMER');

      // Then the token into the Headers pane, and Accounts: a new customer owns no account yet.
      await typeHeaders(page, `{"Authorization": "Bearer ${login.accessToken}"}`);
      await page.locator('.graphiql-query-editor .CodeMirror-line', { hasText: 'accounts(first: 10)' }).click();
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => editorValue(page, responsePane), { timeout: 10_000 }).toContain('"accounts"');
      expect(await responseJson(page)).toEqual({ data: { me: { email, role: 'CUSTOMER' }, accounts: { edges: [] } } });

      expect(requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(requests.some((u) => u.includes('/graphql/assets/') && u.endsWith('/graphiql.min.js'))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('answers UNAUTHENTICATED without the Authorization header, and the account with it', async () => {
    const { page, context, posts, errors } = await openGraphiql();
    try {
      const { wallet } = await fundedWallet(server.gw, '4242');
      const query = `{ account(id: "${wallet.id}") { code balance { posted { amount currency } } } }`;
      await typeAndRun(page, query);
      await expect.poll(() => editorValue(page, responsePane), { timeout: 10_000 }).toContain('"UNAUTHENTICATED"');
      expect(await responseJson(page)).toMatchObject({ data: { account: null }, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });

      const authorization = server.gw.finance.headers.authorization!;
      await typeHeaders(page, `{"Authorization": "${authorization}"}`);
      await runAgain(page);
      await expect.poll(() => editorValue(page, responsePane), { timeout: 10_000 }).toContain('"amount": "4242"');
      await page.screenshot({ path: '/tmp/graphiql.png' });

      const runs = posts.filter((p) => p.body.includes(wallet.id));
      expect(runs.map((p) => p.headers.authorization)).toEqual([undefined, authorization]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('runs a subscription over graphql-ws with the Authorization header in connectionInit', async () => {
    const { page, context, requests, sockets, errors } = await openGraphiql();
    try {
      const { bank, wallet } = await fundedWallet(server.gw, '0');
      const wsUrl = server.url.replace(/^http:/, 'ws:');
      await typeAndRun(page, `subscription { balanceChanged(accountIds: ["${wallet.id}"]) { sequence balance { posted { amount } } } }`);
      // No credential: the socket connects, the subscription is refused.
      await expect.poll(() => editorValue(page, responsePane), { timeout: 10_000 }).toContain('UNAUTHENTICATED');
      expect(sockets[0]!.sent[0]).toEqual({ type: 'connection_init', payload: {} });

      // Logged in: a new socket, the credential in its connectionInit payload.
      const authorization = server.gw.finance.headers.authorization!;
      await typeHeaders(page, `{"Authorization": "${authorization}"}`);
      await runAgain(page);
      await expect.poll(() => sockets.length, { timeout: 10_000 }).toBe(2);
      const socket = sockets[1]!;
      // Post until the subscription (opened asynchronously by the page) has seen one change.
      await expect.poll(async () => {
        await transfer(server.gw, bank.id, wallet.id, '5');
        return socket.received.filter((m) => m.type === 'next').length;
      }, { timeout: 15_000, interval: 500 }).toBeGreaterThan(0);
      await expect.poll(() => editorValue(page, responsePane), { timeout: 10_000 }).toContain('"balanceChanged"');

      expect(sockets.map((s) => s.url)).toEqual([wsUrl, wsUrl]);
      expect(socket.sent[0]).toEqual({ type: 'connection_init', payload: { authorization } });
      expect(socket.received[0]).toEqual({ type: 'connection_ack' });
      const next = socket.received[1]!;
      expect(next.type).toBe('next');
      expect(next.payload.errors).toBeUndefined();
      expect(next.payload.data.balanceChanged.balance.posted.amount).toMatch(/^[1-9]\d*$/);
      expect(requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('answers a subscription with a refused credential UNAUTHENTICATED at once, opening no socket', async () => {
    const { page, context, sockets, errors } = await openGraphiql();
    try {
      const { wallet } = await fundedWallet(server.gw, '0');
      const tampered = `${server.gw.finance.headers.authorization!}x`;
      await typeHeaders(page, `{"Authorization": "${tampered}"}`);
      await typeAndRun(page, `subscription { balanceChanged(accountIds: ["${wallet.id}"]) { sequence } }`);
      // As a GraphQL error in the pane, from the HTTP check, with no socket opened.
      await expect.poll(() => editorValue(page, responsePane), { timeout: 5_000 }).toContain('"UNAUTHENTICATED"');
      expect(sockets).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
