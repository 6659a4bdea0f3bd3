import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { balanceOf, CommitHold, errorCode, fundedWallet, gatewayForFile, transfer, VoidHold } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';

// Issue 10, item 8: a client (and the README's walkthrough) can name a hold by the key it posted it
// with and watch accounts by code, so nothing needs an id copied from an earlier answer.
const WatchByCode = graphql(`
  subscription WatchByCode($accountCodes: [String!], $accountIds: [ID!]) {
    balanceChanged(accountCodes: $accountCodes, accountIds: $accountIds) { accountId balance { posted { amount } } }
  }
`);
const EntriesByCode = graphql(`
  subscription EntriesByCode($accountCodes: [String!]) { entryPosted(accountCodes: $accountCodes) { type entry { id } } }
`);
const AccountCode = graphql(`query AccountCodeOf($id: ID!) { account(id: $id) { code } }`);

let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

async function codeOf(id: string): Promise<string> {
  return (await gw.request(AccountCode, { id })).data!.account!.code;
}

describe('a hold named by the key it was posted with', () => {
  it('commits and voids by pendingEntryKey, and a retry under the same key replays', async () => {
    const { bank, wallet } = await fundedWallet(gw, '100');
    const holdKey = uniq('hold');
    const hold = await transfer(gw, wallet.id, bank.id, '30', 'USD', { pending: true, idempotencyKey: holdKey });
    const input = { idempotencyKey: uniq('commit'), pendingEntryKey: holdKey, amount: '20' };
    const committed = await gw.request(CommitHold, { input });
    expect(committed.errors).toBeUndefined();
    expect(committed.data!.commitPendingEntry.pendingEntry).toEqual({ id: hold.data!.postEntry.id, status: 'COMMITTED' });
    // The same commit named by id instead is the same request: a replay, not a second commit.
    const byId = await gw.request(CommitHold, { input: { idempotencyKey: input.idempotencyKey, entryId: hold.data!.postEntry.id, amount: '20' } });
    expect(byId.data!.commitPendingEntry.id).toBe(committed.data!.commitPendingEntry.id);
    expect(await balanceOf(gw, wallet.id)).toMatchObject({ posted: '80', pending: '0' });

    const otherKey = uniq('hold');
    await transfer(gw, wallet.id, bank.id, '5', 'USD', { pending: true, idempotencyKey: otherKey });
    const voided = await gw.request(VoidHold, { input: { idempotencyKey: uniq('void'), pendingEntryKey: otherKey } });
    expect(voided.data!.voidPendingEntry.status).toBe('VOIDED');
  });

  it('refuses neither or both (BAD_USER_INPUT before NOT_FOUND) and names an unknown key', async () => {
    const neither = await gw.request(VoidHold, { input: { idempotencyKey: uniq('void') } });
    expect(neither.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entryId' });
    const both = await gw.request(CommitHold, { input: { idempotencyKey: uniq('commit'), entryId: 'ent_1', pendingEntryKey: 'k' } });
    expect(errorCode(both)).toBe('BAD_USER_INPUT');
    const badAmount = await gw.request(CommitHold, { input: { idempotencyKey: uniq('commit'), pendingEntryKey: uniq('never-posted'), amount: 'ten' } });
    expect(errorCode(badAmount)).toBe('INVALID_AMOUNT');
    const unknown = uniq('never-posted');
    const missing = await gw.request(CommitHold, { input: { idempotencyKey: uniq('commit'), pendingEntryKey: unknown } });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', resource: 'entry', pendingEntryKey: unknown });
  });
});

describe('subscriptions by account code', () => {
  it('watches balances and entries by code, alone or with ids', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const other = await fundedWallet(gw, '0');
    const balances = collect(gw.ws(), WatchByCode, { accountCodes: [await codeOf(wallet.id)], accountIds: [other.wallet.id] });
    const entries = collect(gw.ws(), EntriesByCode, { accountCodes: [await codeOf(wallet.id)] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const posted = await transfer(gw, bank.id, wallet.id, '4');
    await transfer(gw, other.bank.id, other.wallet.id, '9');
    await expect.poll(() => balances.items.map((i) => [i.balanceChanged.accountId, i.balanceChanged.balance.posted.amount]).sort())
      .toEqual([[other.wallet.id, '9'], [wallet.id, '4']].sort());
    await expect.poll(() => entries.items.map((i) => i.entryPosted.entry.id)).toEqual([posted.data!.postEntry.id]);
    balances.stop();
    entries.stop();
  });

  it('refuses an unknown code (NOT_FOUND) and no account at all (BAD_USER_INPUT)', async () => {
    const code = uniq('no-such-account');
    const unknown = collect(gw.ws(), WatchByCode, { accountCodes: [code] });
    await expect.poll(() => unknown.errors.length).toBe(1);
    expect((unknown.errors[0] as { extensions: unknown }).extensions).toMatchObject({ code: 'NOT_FOUND', accountCode: code });
    const none = collect(gw.ws(), WatchByCode, {});
    await expect.poll(() => none.errors.length).toBe(1);
    expect((none.errors[0] as { extensions: unknown }).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
