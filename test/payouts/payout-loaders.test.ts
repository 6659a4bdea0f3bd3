import { countStatements } from '../testkit/statement-count.js';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { deposit } from '../wallets/wallet-fixtures.js';
import { fundedUser, PayoutRunView, PayoutStartRun, userGid } from './payout-fixtures.js';

// A currency of this file's own, so the runs pay only the wallets made here.
const currency = 'PLN';
let gw: TestGateway;

// A plain document (codegen does not read it): two pages of payouts, one per run, each asking for its run.
const PayoutsOfTwoRuns = parse(`
  query PayoutsOfTwoRuns($first: ID!, $second: ID!) {
    first: payouts(filter: { runId: $first }, first: 50) { edges { node { id run { id runKey } } } }
    second: payouts(filter: { runId: $second }, first: 50) { edges { node { id run { id runKey } } } }
  }
`) as TypedDocumentNode<Record<'first' | 'second', PayoutPage>, { first: string; second: string }>;
const PayoutsOfUser = parse(`
  query PayoutsOfUser($userId: ID!) { payouts(filter: { userId: $userId }, first: 50) { edges { node { id run { id runKey } } } } }
`) as TypedDocumentNode<{ payouts: PayoutPage }, { userId: string }>;
type PayoutPage = { edges: { node: { id: string; run: { id: string; runKey: string } | null } }[] };

/** Counts the statements this process sends that read payout runs while `run` executes. */
function countRunReads(run: () => Promise<unknown>): Promise<number> {
  return countStatements(run, (text) => /^select\b[\s\S]*\bfrom "payout_run"/i.test(text));
}

/** Starts a run over every wallet of the currency and waits for it to complete; its global id and key. */
async function completedRun(): Promise<{ id: string; runKey: string }> {
  const runKey = uniq('run');
  const started = await gw.request(PayoutStartRun, { input: { runKey, currency } });
  expect(started.errors, JSON.stringify(started.errors)).toBeUndefined();
  const { id } = started.data!.startPayoutRun;
  for (const deadline = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 100))) {
    const status = (await gw.request(PayoutRunView, { id })).data?.payoutRun?.status;
    if (status === 'COMPLETED') return { id, runKey };
    if (Date.now() > deadline) throw new Error(`payout run ${id} is ${status}, not COMPLETED, after 20 s`);
  }
}

let runs: { id: string; runKey: string }[];
let annId: string;
beforeAll(async () => {
  gw = await startTestGateway({ WALLET_CURRENCIES: `USD,${currency}`, PAYOUT_MINIMUM: '1000', PAYOUT_CANCEL_WINDOW_SECONDS: '3600' });
  // The first run pays two wallets; the second pays two new ones and one of the first two, funded again.
  const [ann] = await Promise.all([fundedUser(gw, '2000', currency), fundedUser(gw, '2000', currency)]);
  const first = await completedRun();
  await Promise.all([fundedUser(gw, '2000', currency), fundedUser(gw, '2000', currency), deposit(gw.as(ann), '3000', currency)]);
  const second = await completedRun();
  runs = [first, second];
  annId = userGid(ann);
});
afterAll(async () => { await gw?.close(); });

describe('Payout.run goes through a per-request DataLoader', () => {
  it('answers each payout with its own run, reading the runs of a page in one statement', async () => {
    const send = () => gw.request(PayoutsOfTwoRuns, { first: runs[0].id, second: runs[1].id });
    let result: Awaited<ReturnType<typeof send>> | undefined;
    const reads = await countRunReads(async () => { result = await send(); });
    expect(result!.errors, JSON.stringify(result!.errors)).toBeUndefined();
    const [first, second] = [result!.data!.first.edges, result!.data!.second.edges];
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(3);
    for (const { node } of first) expect(node.run).toEqual(runs[0]);
    for (const { node } of second) expect(node.run).toEqual(runs[1]);
    // Five payouts: one statement per page of payouts (the two pages resolve apart), not one per payout.
    expect(reads).toBeLessThanOrEqual(2);
  });

  it('loads the runs of two payouts in one page, from two different runs, in one statement', async () => {
    const send = () => gw.request(PayoutsOfUser, { userId: annId });
    let result: Awaited<ReturnType<typeof send>> | undefined;
    const reads = await countRunReads(async () => { result = await send(); });
    expect(result!.errors, JSON.stringify(result!.errors)).toBeUndefined();
    // Newest first: the second run's payout, then the first's.
    expect(result!.data!.payouts.edges.map(({ node }) => node.run)).toEqual([runs[1], runs[0]]);
    expect(reads).toBe(1);
  });
});
