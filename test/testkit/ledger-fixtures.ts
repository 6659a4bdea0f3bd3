import { afterAll, beforeAll, expect } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestGateway, uniq, type TestGateway } from './gateway.js';

export const OpenAccount = graphql(`
  mutation OpenAccount($input: OpenAccountInput!) {
    openAccount(input: $input) { id code currency status type normalSide
      balance { posted { amount currency } pending { amount } available { amount } } }
  }
`);

export const PostEntry = graphql(`
  mutation PostEntry($input: PostEntryInput!) {
    postEntry(input: $input) {
      id sequence status idempotencyKey description effectiveAt expiresAt
      postings { direction amount { amount currency } account { id } }
    }
  }
`);

export const AccountBalance = graphql(`
  query AccountBalance($id: ID!, $asOf: DateTimeISO) {
    account(id: $id) { id status balance(asOf: $asOf) { posted { amount } pending { amount } available { amount } } }
  }
`);

export const VerifyLedger = graphql(`
  query VerifyLedger {
    verifyLedger { ok accountsChecked mismatches { accountId } currencyNets { amount currency } unbalancedEntryIds }
  }
`);

type AccountType = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE';

/** Opens an account with a unique code; throws if the gateway refuses. */
export async function openAccount(gw: TestGateway, options: { type?: AccountType; currency?: string; allowNegative?: boolean; label?: string; ownerId?: string } = {}) {
  const result = await gw.request(OpenAccount, {
    input: {
      code: uniq(options.label ?? 'acct'), name: 'Test account', type: options.type ?? 'LIABILITY',
      currency: options.currency ?? 'USD', negativeBalance: options.allowNegative ? 'ALLOW' : 'FORBID', ownerId: options.ownerId,
    },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.openAccount;
}

/** A funding source (an asset that may go negative: money arriving from outside) and a wallet. */
export async function fundedWallet(gw: TestGateway, amount: string, currency = 'USD') {
  const bank = await openAccount(gw, { type: 'ASSET', currency, allowNegative: true, label: 'bank' });
  const wallet = await openAccount(gw, { currency, label: 'wallet' });
  if (amount !== '0') await transfer(gw, bank.id, wallet.id, amount, currency);
  return { bank, wallet };
}

/** Posts a two-posting entry debiting `from` and crediting `to`. */
export function transfer(gw: TestGateway, from: string, to: string, amount: string, currency = 'USD', extra: { idempotencyKey?: string; pending?: boolean; effectiveAt?: string; expiresAt?: string } = {}) {
  return gw.request(PostEntry, {
    input: {
      idempotencyKey: extra.idempotencyKey ?? uniq('key'), pending: extra.pending, effectiveAt: extra.effectiveAt, expiresAt: extra.expiresAt,
      postings: [
        { accountId: from, direction: 'DEBIT', amount, currency },
        { accountId: to, direction: 'CREDIT', amount, currency },
      ],
    },
  });
}

export async function balanceOf(gw: TestGateway, accountId: string, asOf?: string) {
  const result = await gw.request(AccountBalance, { id: accountId, asOf });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  const { balance } = result.data!.account!;
  return { posted: balance.posted.amount, pending: balance.pending.amount, available: balance.available.amount };
}

export const CommitHold = graphql(`
  mutation CommitHold($input: CommitPendingEntryInput!) {
    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }
  }
`);

export const VoidHold = graphql(`
  mutation VoidHold($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status } }
`);

export const ReversePosted = graphql(`
  mutation ReversePosted($input: ReverseEntryInput!) { reverseEntry(input: $input) { id status effectiveAt } }
`);

/** The `extensions.code` of a response's first error, or undefined when it succeeded. */
export function errorCode(result: { errors?: readonly { extensions?: Record<string, unknown> }[] }): string | undefined {
  return result.errors?.[0]?.extensions?.code as string | undefined;
}

/** Commits a pending entry, in full or for `amount`. */
export function commitPending(gw: TestGateway, entryId: string, amount?: string) {
  return gw.request(CommitHold, { input: { idempotencyKey: uniq('commit'), entryId, amount } });
}

export function voidPending(gw: TestGateway, entryId: string) {
  return gw.request(VoidHold, { input: { idempotencyKey: uniq('void'), entryId } });
}

export function reverseEntry(gw: TestGateway, entryId: string, effectiveAt?: string) {
  return gw.request(ReversePosted, { input: { idempotencyKey: uniq('reverse'), entryId, effectiveAt } });
}

/** verifyLedger recomputes every balance from the postings: nothing may differ and every entry balances. */
export async function expectLedgerVerified(gw: TestGateway): Promise<void> {
  const verified = await gw.request(VerifyLedger, {});
  expect(verified.errors, JSON.stringify(verified.errors)).toBeUndefined();
  expect(verified.data!.verifyLedger, JSON.stringify(verified.data)).toMatchObject({ ok: true, mismatches: [], unbalancedEntryIds: [] });
}

/**
 * One gateway for a test file: started before its tests and handed to `use`; when they end, the
 * ledger must still verify (every balance equal to its postings), and the gateway is stopped.
 */
export function gatewayForFile(use: (gw: TestGateway) => void, env: Record<string, string> = {}): void {
  let gw: TestGateway | undefined;
  beforeAll(async () => { gw = await startTestGateway(env); use(gw); });
  afterAll(async () => {
    if (!gw) return;
    try { await expectLedgerVerified(gw); } finally { await gw.close(); }
  });
}
