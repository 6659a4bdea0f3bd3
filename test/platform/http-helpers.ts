import { randomUUID } from 'node:crypto';

export interface RawResponse {
  status: number;
  requestId: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  text: string;
}

/**
 * Sends a GraphQL document as plain text over HTTP (no typed document: these tests are about the
 * transport, logs and metrics, and some send operations a client would not).
 */
export async function postGraphql(url: string, query: string, options: { variables?: Record<string, unknown>; headers?: Record<string, string>; requestId?: string } = {}): Promise<RawResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': options.requestId ?? randomUUID(), ...options.headers },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const text = await response.text();
  let body: RawResponse['body'] = {};
  try { body = JSON.parse(text); } catch { /* not JSON: the test looks at text */ }
  return { status: response.status, requestId: response.headers.get('x-request-id'), body, text };
}

/** The base URL of a gateway (`http://host:port`) from its /graphql URL. */
export function baseUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql$/, '');
}

/** The value of one sample of a Prometheus text exposition, e.g. `folio_subscriptions_active` or `name{label="x"}`. */
export function sample(metricsText: string, series: string): number | undefined {
  for (const line of metricsText.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
