// One urql client per session: queries and mutations over HTTP with the access token, subscriptions
// over graphql-ws on the same URL with the token in the connection's payload.
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { sessions } from './session';
import { graphqlUrl, graphqlWsUrl } from './urls';

/** The WebSocket client: it reconnects by itself, for ever, with the then current token. */
export function wsClient(): WsClient {
  return createWsClient({
    url: graphqlWsUrl(),
    connectionParams: () => ({ Authorization: `Bearer ${sessions.token ?? ''}` }),
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: async (retries) => { await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** retries, 3_000))); },
  });
}

export function apiClient(ws: WsClient): Client {
  return new Client({
    url: graphqlUrl(),
    // Balances change under the app's feet: every query asks the API, the cache only dedupes.
    requestPolicy: 'network-only',
    // POST with a JSON body for queries too: the gateway refuses a simple GET as a possible CSRF.
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${sessions.token ?? ''}` } }),
    exchanges: [cacheExchange, fetchExchange, subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ query: request.query ?? '', variables: request.variables }, sink) }),
      }),
    })],
  });
}
