import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { balanceOf, commitPending, fundedWallet, openAccount, OpenAccount, PostEntry } from '../testkit/ledger-fixtures.js';

const UpdateAccount = graphql(`
  mutation FreezeAccount($input: UpdateAccountInput!) { updateAccount(input: $input) { id status } }
`);
const AccountEntries = graphql(`
  query AccountEntryCount($accountId: ID!) { entries(filter: { accountId: $accountId }, first: 100) { edges { node { id } } } }
`);
const AccountsPage = graphql(`
  query AccountsPage($first: Int, $after: String) { accounts(first: $first, after: $after) { edges { node { id } } } }
`);

let gw: TestGateway;
let ids: Record<'bank' | 'wallet' | 'other' | 'frozen' | 'closed' | 'euro', string>;
let codes: { wallet: string };

beforeAll(async () => {
  gw = await startTestGateway();
  const { bank, wallet } = await fundedWallet(gw, '1000');
  const [other, frozen, closed, euro] = await Promise.all([openAccount(gw), openAccount(gw), openAccount(gw), openAccount(gw, { currency: 'EUR' })]);
  await gw.request(UpdateAccount, { input: { id: frozen.id, status: 'FROZEN' } });
  await gw.request(UpdateAccount, { input: { id: closed.id, status: 'CLOSED' } });
  ids = { bank: bank.id, wallet: wallet.id, other: other.id, frozen: frozen.id, closed: closed.id, euro: euro.id };
  codes = { wallet: wallet.code };
});
afterAll(async () => { await gw?.close(); });

type Posting = { accountId?: string; accountCode?: string; direction: 'DEBIT' | 'CREDIT'; amount: string; currency: string };
const leg = (accountId: string, direction: Posting['direction'], amount: string, currency = 'USD'): Posting => ({ accountId, direction, amount, currency });
const pair = (from: string, to: string, amount: string, currency = 'USD') => [leg(from, 'DEBIT', amount, currency), leg(to, 'CREDIT', amount, currency)];

/** One row per code: the entry input that must be refused with it. */
const cases: [string, string, () => Record<string, unknown>][] = [
  ['unbalanced', 'UNBALANCED_ENTRY', () => ({ postings: [leg(ids.wallet, 'DEBIT', '10'), leg(ids.other, 'CREDIT', '9')] })],
  ['zero amount', 'AMOUNT_NOT_POSITIVE', () => ({ postings: pair(ids.wallet, ids.other, '0') })],
  ['negative amount', 'AMOUNT_NOT_POSITIVE', () => ({ postings: pair(ids.wallet, ids.other, '-5') })],
  ['fractional amount', 'INVALID_AMOUNT', () => ({ postings: pair(ids.wallet, ids.other, '1.5') })],
  ['non-numeric amount', 'INVALID_AMOUNT', () => ({ postings: pair(ids.wallet, ids.other, 'ten') })],
  ['exponent amount', 'INVALID_AMOUNT', () => ({ postings: pair(ids.wallet, ids.other, '1e3') })],
  ['amount of 2^63', 'AMOUNT_OUT_OF_RANGE', () => ({ postings: pair(ids.wallet, ids.other, '9223372036854775808') })],
  ['huge amount', 'AMOUNT_OUT_OF_RANGE', () => ({ postings: pair(ids.wallet, ids.other, '9'.repeat(30)) })],
  ['unknown account id', 'NOT_FOUND', () => ({ postings: pair(ids.wallet, 'acc_999999999999', '10') })],
  ['unknown account code', 'NOT_FOUND', () => ({ postings: [leg(ids.wallet, 'DEBIT', '10'), { accountCode: uniq('nope'), direction: 'CREDIT', amount: '10', currency: 'USD' }] })],
  ['malformed account id', 'BAD_USER_INPUT', () => ({ postings: pair(ids.wallet, 'not-an-id', '10') })],
  ['both id and code', 'BAD_USER_INPUT', () => ({ postings: [leg(ids.wallet, 'DEBIT', '10'), { accountId: ids.other, accountCode: codes.wallet, direction: 'CREDIT', amount: '10', currency: 'USD' }] })],
  ['currency mismatch', 'CURRENCY_MISMATCH', () => ({ postings: pair(ids.euro, ids.wallet, '10', 'EUR') })],
  ['unknown currency', 'INVALID_CURRENCY', () => ({ postings: pair(ids.wallet, ids.other, '10', 'XYZ') })],
  ['lower-case currency', 'INVALID_CURRENCY', () => ({ postings: pair(ids.wallet, ids.other, '10', 'usd') })],
  ['frozen account', 'ACCOUNT_FROZEN', () => ({ postings: pair(ids.wallet, ids.frozen, '10') })],
  ['closed account', 'ACCOUNT_CLOSED', () => ({ postings: pair(ids.wallet, ids.closed, '10') })],
  ['one posting', 'TOO_FEW_POSTINGS', () => ({ postings: [leg(ids.wallet, 'DEBIT', '10')] })],
  ['101 postings', 'TOO_MANY_POSTINGS', () => ({ postings: [...Array.from({ length: 100 }, () => leg(ids.wallet, 'DEBIT', '1')), leg(ids.other, 'CREDIT', '100')] })],
  ['overdraft', 'INSUFFICIENT_FUNDS', () => ({ postings: pair(ids.wallet, ids.other, '1001') })],
  ['future effective time', 'BAD_USER_INPUT', () => ({ effectiveAt: new Date(Date.now() + 86_400_000).toISOString(), postings: pair(ids.wallet, ids.other, '10') })],
  ['expiry on a posted entry', 'BAD_USER_INPUT', () => ({ expiresAt: new Date(Date.now() + 86_400_000).toISOString(), postings: pair(ids.wallet, ids.other, '10') })],
  ['oversized metadata', 'BAD_USER_INPUT', () => ({ metadata: { blob: 'x'.repeat(10_000) }, postings: pair(ids.wallet, ids.other, '10') })],
  ['blank idempotency key', 'BAD_USER_INPUT', () => ({ idempotencyKey: '  ', postings: pair(ids.wallet, ids.other, '10') })],
];

describe('a refused entry writes nothing', () => {
  it.each(cases)('%s → %s', async (_name, code, input) => {
    const before = await Promise.all([balanceOf(gw, ids.wallet), balanceOf(gw, ids.other)]);
    const entriesBefore = (await gw.request(AccountEntries, { accountId: ids.other })).data!.entries.edges.length;
    const key = uniq('bad');
    const result = await gw.request(PostEntry, { input: { idempotencyKey: key, ...input() } as never });
    expect(result.status).toBeLessThan(500);
    expect(result.errors?.[0].extensions?.code).toBe(code);
    expect(result.errors?.[0].message).toBeTruthy();
    expect(result.data?.postEntry ?? null).toBeNull();
    expect(await Promise.all([balanceOf(gw, ids.wallet), balanceOf(gw, ids.other)])).toEqual(before);
    expect((await gw.request(AccountEntries, { accountId: ids.other })).data!.entries.edges.length).toBe(entriesBefore);
    if (key.trim()) {
      // The refused entry did not consume its key: a correct entry may still use it.
      const retry = await gw.request(PostEntry, { input: { idempotencyKey: key, postings: pair(ids.bank, ids.other, '1') } });
      expect(retry.errors).toBeUndefined();
    }
  });
});

describe('malformed requests get a 4xx and a code, never a 5xx', () => {
  it('refuses a JSON number where an amount string belongs', async () => {
    const result = await gw.request(PostEntry, { input: { idempotencyKey: uniq('n'), postings: [{ ...leg(ids.wallet, 'DEBIT', '1'), amount: 1 as never }, leg(ids.other, 'CREDIT', '1')] } });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([['not base64 at all!'], [Buffer.from('{"v":1,"p":"x"}').toString('base64url')], [Buffer.from('[1]').toString('base64url')]])('refuses the cursor %s', async (cursor) => {
    const result = await gw.request(AccountsPage, { first: 5, after: cursor });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  // Regression: a position past the id range reached PostgreSQL and answered INTERNAL_SERVER_ERROR.
  it('refuses a cursor whose position is past 2^63 - 1', async () => {
    const cursor = Buffer.from(JSON.stringify({ v: 1, p: '9999999999999999999' })).toString('base64url');
    const result = await gw.request(AccountsPage, { first: 5, after: cursor });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  // Regression: updateAccount with an explicit null wrote it (a NOT NULL violation) or threw a
  // TypeError: both INTERNAL_SERVER_ERROR. A null is BAD_USER_INPUT, and the account is unchanged.
  it.each([['name'], ['status'], ['negativeBalance'], ['metadata']])('refuses updateAccount with %s: null', async (field) => {
    const account = await openAccount(gw, { label: 'nulls' });
    const result = await gw.request(UpdateAccount, { input: { id: account.id, [field]: null } as never });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const after = await gw.request(UpdateAccount, { input: { id: account.id } });
    expect(after.data?.updateAccount.status).toBe('OPEN');
  });

  // Regression: the ledger's NOT_FOUND named raw row ids ("entry 9223372036854775000 not found",
  // extensions.id a bare number); errors name accounts and entries by the global ids clients send.
  it('names a missing entry and a missing account by their global ids', async () => {
    const entry = await commitPending(gw, 'ent_9223372036854775000');
    expect(entry.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', resource: 'entry', id: 'ent_9223372036854775000' });
    expect(entry.errors?.[0].message).toContain('ent_9223372036854775000');
    const account = await gw.request(PostEntry, { input: { idempotencyKey: uniq('nf'), postings: pair(ids.wallet, 'acc_999999999999', '10') } });
    expect(account.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', resource: 'account', id: 'acc_999999999999' });
  });

  // Regression: the error's details were spread over its envelope, so ACCOUNT_CODE_TAKEN answered
  // with extensions.code set to the account's own code.
  it('answers ACCOUNT_CODE_TAKEN with that code in extensions.code, the taken code beside it', async () => {
    const code = uniq('taken');
    const input = { code, name: 'Taken', type: 'LIABILITY', currency: 'USD' };
    expect((await gw.request(OpenAccount, { input } as never)).errors).toBeUndefined();
    const again = await gw.request(OpenAccount, { input } as never);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'ACCOUNT_CODE_TAKEN', accountCode: code, field: 'code' });
  });

  it.each([[0], [101], [-1]])('refuses a page size of %i', async (first) => {
    const result = await gw.request(AccountsPage, { first });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers malformed JSON and oversized bodies with JSON errors', async () => {
    const bad = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
    const big = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect((await big.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
