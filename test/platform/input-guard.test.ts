import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Role } from '../../src/platform/auth/roles.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { balanceOf, fundedWallet, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';
import { Deposit } from '../wallets/wallet-fixtures.js';

// Regressions (issue 10, items 12-15): bad strings, nesting and times reached PostgreSQL or a
// recursive walk and answered INTERNAL_SERVER_ERROR. They are refused where input enters
// (platform/graphql/input-guard.ts and the DateTimeISO scalar) as BAD_USER_INPUT, nothing written.

const doc = (text: string) => parse(text) as TypedDocumentNode<any, any>;
const Post = doc('mutation GuardPost($input: PostEntryInput!) { postEntry(input: $input) { id } }');
const Watch = doc('subscription GuardWatch($ids: [ID!]!, $after: String) { balanceChanged(accountIds: $ids, after: $after) { sequence } }');

let gw: TestGateway;
gatewayForFile((g) => { gw = g; });

/** Metadata nested `depth` arrays deep, a few bytes a level: far under the 8 KB limit. */
function nested(depth: number): Record<string, unknown> {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return { deep: value };
}

const loneSurrogate = 'memo \ud800 here';

describe('input that cannot enter Folio is BAD_USER_INPUT, and nothing is written', () => {
  const cases: [string, (ids: { from: string; to: string }) => Record<string, unknown>][] = [
    ['a NUL in the idempotency key', () => ({ idempotencyKey: `key\u0000${uniq('k')}` })],
    ['a lone surrogate in the idempotency key', () => ({ idempotencyKey: `key\udc00${uniq('k')}` })],
    ['a NUL in the description', () => ({ description: 'bad\u0000text' })],
    ['a lone surrogate in the description', () => ({ description: loneSurrogate })],
    ['a NUL in a metadata key', () => ({ metadata: { 'k\u0000': 'v' } })],
    ['a lone surrogate in a metadata value', () => ({ metadata: { note: loneSurrogate } })],
    ['metadata nested 4,000 deep', () => ({ metadata: nested(4_000) })],
    ['metadata nested one level past the limit', () => ({ metadata: nested(40) })],
    ['an effective time in year 0', () => ({ effectiveAt: '0000-01-01T00:00:00Z' })],
    ['an effective time before year 1 by its offset', () => ({ effectiveAt: '0001-01-01T00:00:00+01:00' })],
    ['a NUL in an account code', ({ to }) => ({ postings: [{ accountCode: 'bank\u0000', direction: 'DEBIT', amount: '5', currency: 'USD' }, { accountId: to, direction: 'CREDIT', amount: '5', currency: 'USD' }] })],
  ];

  it.each(cases)('postEntry with %s', async (_what, bad) => {
    const { bank, wallet } = await fundedWallet(gw, '100');
    const input = {
      idempotencyKey: uniq('guard'),
      postings: [{ accountId: bank.id, direction: 'DEBIT', amount: '5', currency: 'USD' }, { accountId: wallet.id, direction: 'CREDIT', amount: '5', currency: 'USD' }],
      ...bad({ from: bank.id, to: wallet.id }),
    };
    const result = await gw.request(Post, { input });
    expect(result.status).toBe(400);
    expect(result.errors?.[0].extensions?.code, JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
    expect((await balanceOf(gw, wallet.id)).posted).toBe('100');
  });

  it('refuses a NUL written in the query itself', async () => {
    const { bank, wallet } = await fundedWallet(gw, '100');
    const inline = doc(`mutation GuardInline { postEntry(input: { idempotencyKey: "${uniq('inline')}", description: "a\\u0000b", postings: [
      { accountId: "${bank.id}", direction: DEBIT, amount: "5", currency: "USD" }, { accountId: "${wallet.id}", direction: CREDIT, amount: "5", currency: "USD" }] }) { id } }`);
    const result = await gw.request(inline, {});
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await balanceOf(gw, wallet.id)).posted).toBe('100');
  });

  // Issue 11, lever 4: a document's literals are walked once and remembered when they pass.
  it('refuses a NUL in the query each time it is sent, and checks the variables of a document that passed', async () => {
    const { bank, wallet } = await fundedWallet(gw, '100');
    const inline = doc(`mutation GuardRepeat { postEntry(input: { idempotencyKey: "${uniq('repeat')}", description: "a\\u0000b", postings: [
      { accountId: "${bank.id}", direction: DEBIT, amount: "5", currency: "USD" }, { accountId: "${wallet.id}", direction: CREDIT, amount: "5", currency: "USD" }] }) { id } }`);
    for (let i = 0; i < 2; i += 1) expect((await gw.request(inline, {})).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const input = (description: string) => ({ idempotencyKey: uniq('repeat'), description, postings: [
      { accountId: bank.id, direction: 'DEBIT', amount: '5', currency: 'USD' }, { accountId: wallet.id, direction: 'CREDIT', amount: '5', currency: 'USD' }] });
    expect((await gw.request(Post, { input: input('fine') })).errors).toBeUndefined();
    expect((await gw.request(Post, { input: input('bad\u0000text') })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await balanceOf(gw, wallet.id)).posted).toBe('105');
  });

  it('refuses a deposit reference with a NUL, in the wallets module too', async () => {
    const customer = await gw.user(Role.CUSTOMER, 'guard');
    const result = await gw.as(customer).request(Deposit, { input: { currency: 'USD', amount: '5', reference: 'ref\u0000', idempotencyKey: uniq('dep') } });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses the same over WebSocket', async () => {
    const { wallet } = await fundedWallet(gw, '1');
    const sub = collect(gw.ws(), Watch, { ids: [wallet.id], after: '1\u0000' });
    await expect.poll(() => sub.errors.length).toBeGreaterThan(0);
    // graphql-ws hands a refused subscription's errors over as one list.
    expect(JSON.stringify(sub.errors)).toContain('"code":"BAD_USER_INPUT"');
    // Refused by the guard, before the subscription's own parse of `after` runs.
    expect(JSON.stringify(sub.errors)).toContain('contains a NUL character');
    sub.stop();
  });

  it('still takes emoji, accents and a time at the edge of the range', async () => {
    const { bank, wallet } = await fundedWallet(gw, '100');
    const result = await gw.request(Post, { input: {
      idempotencyKey: uniq('ok-😀'), description: 'café 😀 — ok', metadata: { note: 'naïve 🎉', deep: nested(20).deep }, effectiveAt: '2000-01-01T00:00:00Z',
      postings: [{ accountId: bank.id, direction: 'DEBIT', amount: '5', currency: 'USD' }, { accountId: wallet.id, direction: 'CREDIT', amount: '5', currency: 'USD' }],
    } });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect((await balanceOf(gw, wallet.id)).posted).toBe('105');
  });
});
