import { expect } from 'vitest';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql/index.js';
import { uniq, type CallerClient } from '../testkit/gateway.js';

export const Deposit = graphql(`
  mutation Deposit($input: DepositInput!) {
    deposit(input: $input) { id kind status direction amount { amount currency } reference description wallet { id balance { posted { amount } available { amount } } } }
  }
`);
export const Transfer = graphql(`
  mutation Transfer($input: TransferInput!) {
    transfer(input: $input) { id kind status amount { amount } memo description counterparty { userId email } wallet { balance { available { amount } } } }
  }
`);
export const RequestWithdrawal = graphql(`
  mutation RequestWithdrawal($input: RequestWithdrawalInput!) {
    requestWithdrawal(input: $input) { id status amount { amount } fee { amount } attempt destination }
  }
`);
export const WithdrawalView = graphql(`
  query WithdrawalView($id: ID!) {
    withdrawal(id: $id) { id status attempt failureReason processorReference history { from to reason attempt at } }
  }
`);
export const MyWallets = graphql(`
  query MyWallets {
    wallets { id currency balance { posted { amount } pending { amount } available { amount } } }
  }
`);

/** Deposits into the caller's own wallet and fails the test on any error. */
export async function deposit(client: CallerClient, amount: string, currency = 'USD') {
  const result = await client.request(Deposit, { input: { currency, amount, reference: uniq('bank'), idempotencyKey: uniq('dep') } });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.deposit;
}

/** The caller's balance in a currency as { posted, pending, available } decimal strings. */
export async function balanceOf(client: CallerClient, currency = 'USD') {
  const result = await client.request(MyWallets, {});
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const wallet = result.data!.wallets.find((w) => w.currency === currency);
  if (!wallet) return { posted: '0', pending: '0', available: '0' };
  return { posted: wallet.balance.posted.amount, pending: wallet.balance.pending.amount, available: wallet.balance.available.amount };
}

/** Polls a withdrawal until it reaches `status`. */
export async function withdrawalReaches(client: CallerClient, id: string, status: string, timeout = 15_000) {
  await expect.poll(async () => (await client.request(WithdrawalView, { id })).data?.withdrawal?.status, { timeout, interval: 100 }).toBe(status);
  return (await client.request(WithdrawalView, { id })).data!.withdrawal!;
}

export const RetryWithdrawal = graphql(`
  mutation WalletRetryWithdrawal($input: RetryWithdrawalInput!) {
    retryWithdrawal(input: $input) { id status attempt processorReference amount { amount } fee { amount } }
  }
`);
export const WalletHistory = graphql(`
  query WalletHistory($id: ID!, $filter: WalletTransactionFilterInput, $first: Int, $after: String) {
    wallet(id: $id) {
      id
      transactions(filter: $filter, first: $first, after: $after) {
        edges { cursor node {
          id kind direction status amount { amount currency } memo reference description createdAt
          counterparty { userId email } withdrawal { id }
        } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);
export const WalletWithdrawals = graphql(`
  query WalletWithdrawals($filter: WithdrawalFilterInput, $first: Int, $after: String) {
    withdrawals(filter: $filter, first: $first, after: $after) {
      edges { node { id status attempt wallet { ownerId } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export type HistoryLine = NonNullable<ResultOf<typeof WalletHistory>['wallet']>['transactions']['edges'][number]['node'];

/** Throws on a GraphQL error, so a fixture step that must work says why it did not. */
export function ok<R>(result: { data?: R | null; errors?: readonly unknown[] }): R {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

/** The global id of the caller's wallet in the currency (opened on first use). */
export async function walletIdOf(client: CallerClient, currency = 'USD'): Promise<string> {
  const wallet = ok(await client.request(MyWallets, {})).wallets.find((w) => w.currency === currency);
  if (!wallet) throw new Error(`no ${currency} wallet yet`);
  return wallet.id;
}

/** Every line of a wallet's history (newest first), paging through it. */
export async function historyOf(client: CallerClient, walletId: string, filter?: VariablesOf<typeof WalletHistory>['filter']): Promise<HistoryLine[]> {
  const lines: HistoryLine[] = [];
  let after: string | null | undefined;
  do {
    const page = ok(await client.request(WalletHistory, { id: walletId, filter, first: 100, after })).wallet!.transactions;
    lines.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
  } while (after);
  return lines;
}

/** The caller's own withdrawal ids (newest first), as the `withdrawals` list shows them. */
export async function withdrawalIdsOf(client: CallerClient, filter?: VariablesOf<typeof WalletWithdrawals>['filter']): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null | undefined;
  do {
    const page = ok(await client.request(WalletWithdrawals, { filter, first: 100, after })).withdrawals;
    ids.push(...page.edges.map((e) => e.node.id));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
  } while (after);
  return ids;
}

/** What a user has in a currency: balance, number of history lines and of withdrawals. Equal snapshots: no money moved. */
export async function moneySnapshot(client: CallerClient, currency = 'USD') {
  const wallet = ok(await client.request(MyWallets, {})).wallets.find((w) => w.currency === currency);
  return {
    balance: await balanceOf(client, currency),
    lines: wallet ? (await historyOf(client, wallet.id)).length : 0,
    withdrawals: (await withdrawalIdsOf(client)).length,
  };
}

/** Requests a withdrawal and fails the test on any error. */
export async function withdraw(client: CallerClient, amount: string, destination: string, idempotencyKey = uniq('w')) {
  return ok(await client.request(RequestWithdrawal, { input: { currency: 'USD', amount, destination, idempotencyKey } })).requestWithdrawal;
}

/** An error response is a typed refusal: not a 5xx, not masked as INTERNAL_SERVER_ERROR. */
export function expectRefused(result: { status: number; errors?: readonly { extensions?: Record<string, unknown> }[] }, code: string) {
  expect(result.status, JSON.stringify(result.errors)).toBeLessThan(500);
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
}

/** The currencies the caller has a wallet in. */
export async function walletCurrencies(client: CallerClient): Promise<string[]> {
  return ok(await client.request(MyWallets, {})).wallets.map((w) => w.currency);
}

export const OpenWallet = graphql(`mutation WalletOpen($currency: String!) { openWallet(currency: $currency) { id currency } }`);

/**
 * Opens the caller's wallet before a test sends it concurrent requests, so that those test what
 * they name and not the race to open a wallet (wallet-races.test.ts has its own test of that).
 */
export async function openWallet(client: CallerClient, currency = 'USD') {
  return ok(await client.request(OpenWallet, { currency })).openWallet;
}
