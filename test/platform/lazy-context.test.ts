import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { modules } from '../../src/modules.js';
import { currentRequestId } from '../../src/platform/request-context.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { openAccount } from '../testkit/ledger-fixtures.js';
import { postGraphql } from './http-helpers.js';

// Issue 11, lever 4: every request forked an EntityManager and built every module's DataLoaders
// before Apollo ran, even one that reads no row. They are now made when a resolver first reads
// `context.em` or `context.loaders`. Forks and loader sets are counted by the request id they were
// made under, so the background workers' own forks (relay, event hub, sweeper) never count.

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => { await gw?.close(); });

/** The forks of the gateway's EntityManager, and the ledger loader sets built, while serving one request. */
async function scopeCostOf(query: string, variables?: Record<string, unknown>) {
  const requestId = `lazy-${randomUUID()}`;
  const em = gw.services.orm.em;
  const ledger = modules.modules.find((module) => module.name === 'ledger')!;
  const fork = em.fork;
  const ledgerLoaders = ledger.loaders!;
  const forks: (string | undefined)[] = [];
  const loaderSets: (string | undefined)[] = [];
  const forkSpy = vi.spyOn(em, 'fork').mockImplementation(function (this: typeof em, ...args) {
    forks.push(currentRequestId());
    return fork.apply(this, args);
  });
  const loadersSpy = vi.spyOn(ledger, 'loaders').mockImplementation((...args) => {
    loaderSets.push(currentRequestId());
    return ledgerLoaders(...args);
  });
  try {
    const response = await postGraphql(gw.url, query, { variables, headers: gw.finance.headers, requestId });
    const mine = (ids: (string | undefined)[]) => ids.filter((id) => id === requestId).length;
    return { forks: mine(forks), loaderSets: mine(loaderSets), response };
  } finally {
    forkSpy.mockRestore();
    loadersSpy.mockRestore();
  }
}

describe('per-request context', () => {
  it('forks no EntityManager and builds no loaders for a request that reads no row', async () => {
    const { forks, loaderSets, response } = await scopeCostOf('{ __typename }');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
    expect(forks).toBe(0);
    expect(loaderSets).toBe(0);
  });

  it('forks one EntityManager and builds one set of loaders, on first use, for a request that reads rows', async () => {
    const account = await openAccount(gw);
    const { forks, loaderSets, response } = await scopeCostOf('query ($id: ID!) { account(id: $id) { id recentEntries(first: 1) { id } } }', { id: account.id });
    expect(response.status).toBe(200);
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    expect({ forks, loaderSets }).toEqual({ forks: 1, loaderSets: 1 });
  });
});
