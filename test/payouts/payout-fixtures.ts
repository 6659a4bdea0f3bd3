import { expect } from 'vitest';
import { graphql } from '../gql/index.js';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type CallerClient, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { deposit } from '../wallets/wallet-fixtures.js';

// Typed documents of the payout tests (test/payouts/*.test.ts); every operation name starts with "Payout".

export const PayoutRequest = graphql(`
  mutation PayoutRequest($input: RequestPayoutInput!) {
    requestPayout(input: $input) { id status amount { amount currency } destination processAfter processorReference failureReason }
  }
`);
export const PayoutCancel = graphql(`
  mutation PayoutCancel($input: CancelPayoutInput!) {
    cancelPayout(input: $input) { id status amount { amount } history { from to reason } }
  }
`);
export const PayoutView = graphql(`
  query PayoutView($id: ID!) {
    payout(id: $id) {
      id status amount { amount currency } destination processorReference failureReason
      history { from to reason } wallet { ownerId currency } run { id }
    }
  }
`);
export const PayoutList = graphql(`
  query PayoutList($filter: PayoutFilterInput, $first: Int, $after: String) {
    payouts(filter: $filter, first: $first, after: $after) {
      edges { node { id status amount { amount } wallet { ownerId } run { id } } } pageInfo { endCursor hasNextPage }
    }
  }
`);
export const PayoutWalletLines = graphql(`
  query PayoutWalletLines {
    wallets {
      currency account { id }
      transactions(filter: { kinds: [PAYOUT] }) {
        edges { node { id kind status direction description amount { amount } entry { id status } payout { id status } } }
      }
    }
  }
`);
export const PayoutStartRun = graphql(`
  mutation PayoutStartRun($input: StartPayoutRunInput!) {
    startPayoutRun(input: $input) {
      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt
    }
  }
`);
export const PayoutRunView = graphql(`
  query PayoutRunView($id: ID!) {
    payoutRun(id: $id) {
      id runKey status threshold { amount currency } walletsScanned payoutsCreated walletsSkipped totalAmount { amount currency } error finishedAt
    }
  }
`);
export const PayoutRunList = graphql(`
  query PayoutRunList($first: Int) { payoutRuns(first: $first) { edges { node { id runKey status } } } }
`);
export const PayoutUpdates = graphql(`
  subscription PayoutUpdates($after: String) {
    payoutUpdated(after: $after) { sequence status payout { id status wallet { ownerId } } }
  }
`);
export const PayoutRunProgress = graphql(`
  subscription PayoutRunProgress($runId: ID!, $after: String) {
    payoutRunProgress(runId: $runId, after: $after) { sequence run { id status walletsScanned payoutsCreated walletsSkipped totalAmount { amount } } }
  }
`);
/** A user of the role with `amount` deposited in the currency (nothing for "0"). */
export async function fundedUser(gw: TestGateway, amount: string, currency: string, role = Role.CUSTOMER): Promise<TestCaller> {
  const caller = await gw.user(role, `payout-${role.toLowerCase()}`);
  if (amount !== '0') await deposit(gw.as(caller), amount, currency);
  return caller;
}

/** Asks for a payout and fails the test on any error. */
export async function requestPayout(client: CallerClient, input: { currency: string; amount?: string; destination?: string; idempotencyKey?: string }) {
  const result = await client.request(PayoutRequest, { input: { idempotencyKey: uniq('po'), ...input } });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.requestPayout;
}

/** The payout as the client sees it (null when it may not). */
export async function payoutOf(client: CallerClient, id: string) {
  const result = await client.request(PayoutView, { id });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.payout;
}

/** Polls a payout until it reaches `status`, then returns it. */
export async function payoutReaches(client: CallerClient, id: string, status: string, timeout = 20_000) {
  await expect.poll(async () => (await payoutOf(client, id))?.status, { timeout, interval: 100 }).toBe(status);
  return (await payoutOf(client, id))!;
}

/** The ids of the payouts the client lists with this filter, newest first. */
export async function listedPayouts(client: CallerClient, filter: { statuses?: ('REQUESTED' | 'PROCESSING' | 'PAID' | 'FAILED' | 'CANCELLED')[]; userId?: string; runId?: string } = {}) {
  const result = await client.request(PayoutList, { filter, first: 100 });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.payouts.edges.map((edge) => edge.node);
}

/** The caller's PAYOUT history lines in the currency, newest first, and the wallet's account id. */
export async function payoutLines(client: CallerClient, currency: string) {
  const result = await client.request(PayoutWalletLines, {});
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const wallet = result.data!.wallets.find((w) => w.currency === currency);
  return { accountId: wallet?.account.id, lines: wallet?.transactions.edges.map((edge) => edge.node) ?? [] };
}

/** The global id of a user, as `Wallet.ownerId` and `filter.userId` carry it. */
export const userGid = (caller: TestCaller) => `usr_${caller.userId}`;

/** Fails unless every balance equals its postings and every currency nets to zero. */
export { expectLedgerVerified } from '../testkit/ledger-fixtures.js';
