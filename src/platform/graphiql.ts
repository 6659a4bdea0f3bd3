/**
 * GraphiQL served by the gateway itself, fully offline: every script and stylesheet comes from an
 * installed npm package (graphiql 3 UMD bundle + React 18 UMD builds), never from a CDN.
 *
 * - GET `path` with an Accept header that prefers text/html (a browser) gets the GraphiQL page.
 *   Every other request (JSON Accept, `?query=` GETs, POSTs) falls through to the next handler,
 *   so mount this BEFORE the Apollo middleware on the same path.
 * - Assets live under `${path}/assets/<content-hash>/<file>` with a one-year immutable cache.
 * - Queries and mutations: HTTP POST (content-type: application/json) to `path`.
 *   Subscriptions: graphql-ws (graphql-transport-ws protocol) to ws(s)://<page host>`path`; the
 *   graphql-ws client is bundled inside graphiql's UMD build, nothing else is needed on the page.
 * - Authentication: the headers of GraphiQL's Headers pane go with every HTTP request; for a
 *   subscription, their Authorization header goes in the connectionInit payload instead.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Express, NextFunction, Request, Response } from 'express';

/**
 * Shown in the editor on a browser's first visit (GraphiQL keeps the user's tabs afterwards): how to
 * log in and send the token. Introspection and `login` need no token, so the Docs load before it.
 */
export const graphiqlDefaultQuery = `# Welcome to Folio, a double-entry ledger.
#
# 1. Put your email and password in Login, click
#    inside it and press Ctrl-Enter.
# 2. Open Headers (below) and paste the accessToken
#    from the response, like this:
#    {"Authorization": "Bearer <accessToken>"}
# 3. Click inside Accounts and press Ctrl-Enter.
#
# The header also authorises subscriptions. A token
# lasts minutes: on UNAUTHENTICATED, log in again.
# No user yet? \`register\` makes a customer, and
# \`npm run admin:create\` the first admin.
mutation Login {
  login(input: {
    email: "you@example.com"
    password: "your password"
  }) {
    accessToken
    refreshToken
    user { id role }
  }
}

query Accounts {
  me { email role }
  accounts(first: 10) {
    edges { node { id code currency balance {
      posted { amount } available { amount }
    } } }
  }
}
`;

interface Asset {
  body: Buffer;
  gzipped?: Buffer;
  contentType: string;
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The browser-side start-up code: no inline script, so the page's CSP can forbid inline scripts. */
const initJs = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var httpUrl = new URL(config.url, window.location.href);
  var wsUrl = new URL(config.url, window.location.href);
  wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';

  // The Authorization header typed in the Headers pane (header names have no letter case).
  function authorizationOf(headers) {
    if (!headers || typeof headers !== 'object') return undefined;
    for (var name in headers) {
      if (Object.prototype.hasOwnProperty.call(headers, name) && name.toLowerCase() === 'authorization'
          && typeof headers[name] === 'string') return headers[name];
    }
    return undefined;
  }

  // Queries and mutations carry the Headers pane's headers on every HTTP request. A subscription
  // authenticates once per graphql-ws connection, in its connectionInit payload, which a fetcher
  // fixes when it is made (wsConnectionParams): so keep the fetcher of the current Authorization
  // value and make a new one when it changes (the user logged in again, or pasted an API key).
  var current = null;
  function fetcherFor(authorization) {
    if (!current || current.authorization !== authorization) {
      current = {
        authorization: authorization,
        fetch: window.GraphiQL.createFetcher({
          url: httpUrl.href,
          subscriptionUrl: wsUrl.href,
          // Apollo's CSRF prevention accepts any request carrying this header (POSTs also send
          // content-type: application/json, which it accepts on its own).
          headers: { 'apollo-require-preflight': 'true' },
          wsConnectionParams: authorization === undefined ? {} : { authorization: authorization }
        })
      };
    }
    return current.fetch;
  }

  // GraphiQL 3 refreshes the editor's parsed document and operation name 100 ms after the last
  // keystroke, so an operation run sooner (paste + Ctrl-Enter) is classified from the previous
  // text: a subscription would go over HTTP. Classify from the text actually being sent.
  function fetcher(params, opts) {
    var authorization = authorizationOf(opts && opts.headers);
    var doc;
    try {
      doc = window.GraphiQL.GraphQL.parse(params.query);
    } catch (e) {
      return fetcherFor(authorization)(params, opts);
    }
    var ops = doc.definitions.filter(function (d) { return d.kind === 'OperationDefinition'; });
    if (ops.length === 1) {
      params = Object.assign({}, params, { operationName: ops[0].name ? ops[0].name.value : null });
    }
    var isSubscription = ops.some(function (op) {
      return op.operation === 'subscription' && (op.name ? op.name.value : null) === (params.operationName || null);
    });
    // The toolkit would copy every header of the pane into connectionInit; only the credential
    // belongs there, under the name the gateway reads (wsConnectionParams above).
    var sent = Object.assign({}, opts, { documentAST: doc }, isSubscription ? { headers: undefined } : {});
    var run = fetcherFor(authorization);
    if (!isSubscription || authorization === undefined) return run(params, sent);
    return refusal(authorization).then(function (refused) { return refused || run(params, sent); });
  }

  // The gateway closes a socket whose credential it refuses (4401), and GraphiQL would show only
  // the close event. Ask over HTTP first: a refused credential answers as a GraphQL error,
  // UNAUTHENTICATED with the reason (expired, invalid, revoked), like every other operation.
  function refusal(authorization) {
    return window.fetch(httpUrl.href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', authorization: authorization },
      body: JSON.stringify({ query: 'query CheckCredential { me { id } }' })
    }).then(function (res) { return res.json(); }).then(function (result) {
      var errors = (result.errors || []).filter(function (e) { return e.extensions && e.extensions.code === 'UNAUTHENTICATED'; });
      // Without the locations and path of the check, which are not in the user's document.
      return errors.length ? { errors: [{ message: errors[0].message, extensions: errors[0].extensions }] } : null;
    }, function () { return null; });
  }
  var root = window.ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(window.React.createElement(window.GraphiQL, {
    fetcher: fetcher,
    defaultQuery: config.defaultQuery,
    shouldPersistHeaders: false
  }));
})();
`;

function loadAssets(): Map<string, Asset> {
  const graphiql = packageDir('graphiql');
  const files: Array<[name: string, file: string, contentType: string]> = [
    ['react.production.min.js', join(packageDir('react'), 'umd/react.production.min.js'), 'text/javascript; charset=utf-8'],
    ['react-dom.production.min.js', join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), 'text/javascript; charset=utf-8'],
    ['graphiql.min.js', join(graphiql, 'graphiql.min.js'), 'text/javascript; charset=utf-8'],
    ['graphiql.min.css', join(graphiql, 'graphiql.min.css'), 'text/css; charset=utf-8'],
  ];
  const assets = new Map<string, Asset>();
  for (const [name, file, contentType] of files) {
    assets.set(name, { body: readFileSync(file), contentType });
  }
  assets.set('init.js', { body: Buffer.from(initJs), contentType: 'text/javascript; charset=utf-8' });
  return assets;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(path: string, assetBase: string): string {
  // JSON inside <script>: escape "<" so no value can close the element.
  const config = JSON.stringify({ url: path, defaultQuery: graphiqlDefaultQuery }).replace(/</g, '\\u003c');
  const src = (name: string) => escapeHtml(`${assetBase}/${name}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Folio GraphiQL</title>
<link rel="stylesheet" href="${src('graphiql.min.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; overflow: hidden; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${config}</script>
<script src="${src('react.production.min.js')}"></script>
<script src="${src('react-dom.production.min.js')}"></script>
<script src="${src('graphiql.min.js')}"></script>
<script src="${src('init.js')}"></script>
</body>
</html>
`;
}

const pageCsp = [
  "default-src 'self'",
  "script-src 'self'",
  // React and CodeMirror set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // 'self' covers same-origin ws(s) in current browsers; ws:/wss: for older ones.
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

function wantsHtml(req: Request): boolean {
  if (req.query.query !== undefined) return false; // a GET operation: Apollo's
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * Serves GraphiQL at `path` (e.g. '/graphql') for browsers. Call before mounting Apollo on the same
 * path. Throws at once if graphiql, react or react-dom is not installed.
 */
export function mountGraphiql(app: Express, path: string): void {
  const base = path.endsWith('/') ? path.slice(0, -1) : path;
  const assets = loadAssets();
  const hash = createHash('sha256');
  for (const [name, asset] of assets) hash.update(name).update(asset.body);
  const version = hash.digest('hex').slice(0, 12);
  const assetsPrefix = `${base}/assets/`;
  const assetBase = `${base}/assets/${version}`;
  const html = Buffer.from(page(base || '/', assetBase));

  app.get(`${assetsPrefix}:version/:name`, (req: Request, res: Response) => {
    const asset = req.params.version === version ? assets.get(String(req.params.name)) : undefined;
    if (!asset) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Content-Type', asset.contentType);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('ETag', `"${version}-${String(req.params.name)}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip' && asset.body.length > 1024) {
      asset.gzipped ??= gzipSync(asset.body);
      res.setHeader('Content-Encoding', 'gzip');
      res.end(asset.gzipped);
      return;
    }
    res.end(asset.body);
  });

  app.get(base || '/', (req: Request, res: Response, next: NextFunction) => {
    if (!wantsHtml(req)) {
      next();
      return;
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', pageCsp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Vary', 'Accept');
    res.end(html);
  });
}
