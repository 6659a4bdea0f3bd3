import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../src/platform/limits.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { codeOf, post, wsOnce, type WsAnswer } from './abuse-testkit.js';

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => { await gw?.close(); });

const openInput = (code: string) => `{ code: "${code}", name: "limits", type: ASSET, currency: "USD" }`;

/**
 * Over-limit mutations, each of which would open an account if it ran: that no account exists
 * afterwards shows the refusal came before execution, not after.
 */
const cases: { limit: string; code: string; message: RegExp; document: (code: string) => string }[] = [
  {
    limit: 'depth', code: 'GRAPHQL_VALIDATION_FAILED', message: new RegExp(`depth limit of ${limits.queryDepthMax} exceeded`),
    document: (code) => `mutation { openAccount(input: ${openInput(code)}) { ${'parent { '.repeat(limits.queryDepthMax)}id${' }'.repeat(limits.queryDepthMax)} } }`,
  },
  {
    limit: 'cost', code: 'GRAPHQL_VALIDATION_FAILED', message: new RegExp(`Cost limit of ${limits.queryCostMax} exceeded`),
    document: (code) => `mutation { openAccount(input: ${openInput(code)}) { recentEntries(first: 100) { postings { account { recentEntries(first: 100) { id } } } } } }`,
  },
  {
    limit: 'aliases', code: 'GRAPHQL_VALIDATION_FAILED', message: new RegExp(`Aliases limit of ${limits.queryAliasesMax} exceeded`),
    document: (code) => `mutation { ${Array.from({ length: limits.queryAliasesMax + 1 }, (_, i) => `a${i}: openAccount(input: ${openInput(i === 0 ? code : `${code}-${i}`)}) { id }`).join(' ')} }`,
  },
  {
    limit: 'directives', code: 'GRAPHQL_VALIDATION_FAILED', message: new RegExp(`Directives limit of ${limits.queryDirectivesMax} exceeded`),
    document: (code) => `mutation { openAccount(input: ${openInput(code)}) { id ${'__typename @include(if: true) '.repeat(limits.queryDirectivesMax + 1)}} }`,
  },
  {
    limit: 'tokens', code: 'GRAPHQL_PARSE_FAILED', message: new RegExp(`more that ${limits.queryTokensMax} tokens`),
    document: (code) => `mutation { openAccount(input: ${openInput(code)}) { id ${'__typename '.repeat(limits.queryTokensMax)}} }`,
  },
];

async function accountExists(code: string): Promise<boolean> {
  const answer = await post(gw.url, 'query Exists($code: String!) { accountByCode(code: $code) { id } }', gw.finance.headers, { code });
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data?.accountByCode != null;
}

/** `open` n times, then `inner`, then `close` n times. */
const nest = (n: number, open: string, inner: string, close: string) => `${open.repeat(n)}${inner}${close.repeat(n)}`;

/**
 * Documents that fit in the body limit but nest thousands deep. graphql's parser recurses once per
 * level, so they answered GRAPHQL_PARSE_FAILED "Maximum call stack size exceeded" (and the token
 * limit, counted as the parser goes, never got its turn); now one pass over their tokens refuses them
 * first, with the limit's own message.
 */
const deepDocuments: { shape: string; message: RegExp; document: string }[] = [
  { shape: 'selections 3,000 deep', message: new RegExp(`more that ${limits.queryTokensMax} tokens`), document: `{ ${nest(3_000, 'a { ', 'b', ' }')} }` },
  { shape: 'a list value 3,000 deep', message: new RegExp(`more that ${limits.queryTokensMax} tokens`), document: `{ __typename(x: ${nest(3_000, '[', '', ']')}) }` },
  { shape: 'a list value 2,400 deep (within the token limit)', message: new RegExp(`nests brackets deeper than ${limits.queryNestingMax} levels`), document: `{ __typename(x: ${nest(2_400, '[', '', ']')}) }` },
  { shape: 'an object value 1,200 deep', message: new RegExp(`nests brackets deeper than ${limits.queryNestingMax} levels`), document: `{ __typename(x: ${nest(1_200, '{ a: ', '1', ' }')}) }` },
  { shape: 'a list type 2,400 deep', message: new RegExp(`nests brackets deeper than ${limits.queryNestingMax} levels`), document: `query Deep($v: ${nest(2_400, '[', 'Int', ']')}) { __typename }` },
];

describe.each(deepDocuments)('a document with $shape (it overflowed the parser\'s stack)', ({ message, document }) => {
  it('is refused over HTTP with 400 GRAPHQL_PARSE_FAILED naming the limit, not "Maximum call stack size exceeded"', async () => {
    const answer = await post(gw.url, document, gw.finance.headers);
    expect(answer.status).toBe(400);
    expect(codeOf(answer.body)).toBe('GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors?.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
  });

  it('is refused over WebSocket the same way, and the connection stays usable', async () => {
    const client = gw.ws();
    const answer = await wsOnce(client, document);
    expect(answer.closed).toBeUndefined();
    expect(codeOf(answer)).toBe('GRAPHQL_PARSE_FAILED');
    expect(answer.errors?.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(await wsOnce(client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the nesting limit', () => {
  // `{ __typename(x: …) }` opens a brace and a parenthesis around the list.
  const nested = (levels: number) => `{ __typename(x: ${nest(levels - 2, '[', '', ']')}) }`;

  it(`parses a document nested ${limits.queryNestingMax} deep (the other limits judge it) and refuses one level more`, async () => {
    const within = await post(gw.url, nested(limits.queryNestingMax), gw.finance.headers);
    expect(codeOf(within.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(within.body.errors?.[0].message).toMatch(/Unknown argument "x"/);
    const over = await post(gw.url, nested(limits.queryNestingMax + 1), gw.finance.headers);
    expect(codeOf(over.body)).toBe('GRAPHQL_PARSE_FAILED');
    expect(over.body.errors?.[0]).toMatchObject({ locations: [{ line: 1, column: 17 + limits.queryNestingMax - 2 }], extensions: { requestId: expect.any(String) } });
  });

  it('holds for a GET too', async () => {
    const response = await fetch(`${gw.url}?query=${encodeURIComponent(nested(limits.queryNestingMax + 1))}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/nests brackets deeper/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });
});

describe.each(cases)('an operation over the $limit limit', ({ code, message, document }) => {
  it('is refused over HTTP with 400 and a message naming the limit, before it runs', async () => {
    const account = uniq('limit');
    const answer = await post(gw.url, document(account), gw.finance.headers);
    expect(answer.status).toBe(400);
    expect(codeOf(answer.body)).toBe(code);
    expect(answer.body.errors?.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(await accountExists(account)).toBe(false);
  });

  it('is refused over WebSocket with the same code, before it runs, and the connection stays usable', async () => {
    const account = uniq('limit');
    const client = gw.ws();
    const answer: WsAnswer = await wsOnce(client, document(account));
    expect(answer.closed).toBeUndefined();
    expect(codeOf(answer)).toBe(code);
    expect(answer.errors?.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(await accountExists(account)).toBe(false);
    expect(await wsOnce(client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('operations within the limits', () => {
  it('run: the deepest and costliest shapes the tests and README use are admitted', async () => {
    const account = uniq('limit');
    const opened = await post(gw.url, `mutation { a: openAccount(input: ${openInput(account)}) { id ${'parent { '.repeat(limits.queryDepthMax - 2)}id${' }'.repeat(limits.queryDepthMax - 2)} } }`, gw.finance.headers);
    expect(opened.body.errors).toBeUndefined();
    const page = await post(gw.url, `{ accounts(first: 100) { edges { node { id code name type currency status
      balance { posted { amount currency } pending { amount currency } available { amount currency } } } } pageInfo { hasNextPage endCursor } } }`, gw.finance.headers);
    expect(page.status).toBe(200);
    expect(page.body.errors).toBeUndefined();
  });

  it('a subscription over the depth limit is refused too', async () => {
    const deep = `subscription { entryPosted { entry { postings { account { ${'parent { '.repeat(limits.queryDepthMax)}id${' }'.repeat(limits.queryDepthMax)} } } } } }`;
    const answer = await wsOnce(gw.ws(), deep);
    expect(codeOf(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('HTTP requests', () => {
  it('refuses a batch (a JSON array of operations) with 400', async () => {
    const response = await fetch(gw.url, {
      method: 'POST', headers: { 'content-type': 'application/json', ...gw.finance.headers },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/batching disabled/i), extensions: { code: 'BAD_REQUEST' } });
  });

  it('keeps CSRF prevention on: a simple text/plain POST and a GET without a preflight header are refused', async () => {
    const simplePost = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(simplePost.status).toBe(400);
    expect(await simplePost.text()).toMatch(/Cross-Site Request Forgery/);
    const query = `${gw.url}?query=${encodeURIComponent('{ __typename }')}`;
    const simpleGet = await fetch(query);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/Cross-Site Request Forgery/);
    // The same GET with the header a browser cannot send cross-site without a preflight runs.
    const preflighted = await fetch(query, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await preflighted.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers introspection and serves GraphiQL by default', async () => {
    const answer = await post(gw.url, '{ __schema { queryType { name } } }');
    expect(answer.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const page = await fetch(gw.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('INTROSPECTION=false and GRAPHIQL=false', () => {
  let closed: TestGateway;
  beforeAll(async () => { closed = await startTestGateway({ INTROSPECTION: 'false', GRAPHIQL: 'false' }); });
  afterAll(async () => { await closed?.close(); });

  const introspections = ['{ __schema { queryType { name } } }', '{ __type(name: "Account") { name } }'];

  it.each(introspections)('refuses %s over HTTP and WebSocket', async (query) => {
    const http = await post(closed.url, query, closed.finance.headers);
    expect(http.status).toBe(400);
    expect(codeOf(http.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(http.body.errors?.[0].message).toMatch(/introspection/i);
    const ws = await wsOnce(closed.ws(), query);
    expect(codeOf(ws)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(ws.errors?.[0].message).toMatch(/introspection/i);
  });

  it('still answers __typename and ordinary operations', async () => {
    expect((await post(closed.url, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    expect(await wsOnce(closed.ws(), '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves no GraphiQL page to a browser', async () => {
    const page = await fetch(closed.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await page.text()).not.toMatch(/graphiql/i);
  });
});
