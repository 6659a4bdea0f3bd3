import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { balanceOf, fundedWallet, openAccount, transfer, VerifyLedger } from '../testkit/ledger-fixtures.js';

const CommitPending = graphql(`
  mutation CommitPending($input: CommitPendingEntryInput!) {
    commitPendingEntry(input: $input) { id status pendingEntry { id status } postings { amount { amount } } }
  }
`);
const VoidPending = graphql(`
  mutation VoidPending($input: VoidPendingEntryInput!) { voidPendingEntry(input: $input) { id status resolvedAt } }
`);
const ReverseEntry = graphql(`
  mutation ReverseEntry($input: ReverseEntryInput!) {
    reverseEntry(input: $input) { id status reverses { id reversedBy { id } } postings { direction account { id } } }
  }
`);
const PostEntries = graphql(`
  mutation PostEntries($input: PostEntriesInput!) {
    postEntries(input: $input) { index replayed entry { id } error { code message } }
  }
`);
const EntriesOfAccount = graphql(`
  query EntriesOfAccount($accountId: ID!, $first: Int, $after: String) {
    entries(filter: { accountId: $accountId }, first: $first, after: $after) {
      edges { cursor node { id sequence } } pageInfo { hasNextPage endCursor }
    }
  }
`);

const NodeById = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename id
      ... on Account { code }
      ... on JournalEntry { status }
      ... on Posting { direction amount { amount } }
    }
  }
`);

const EntryPostingIds = graphql(`
  query EntryPostingIds($id: ID!) { entry(id: $id) { postings { id } } }
`);

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => { await gw?.close(); });

describe('posting', () => {
  it('moves money between accounts and keeps both balances current', async () => {
    const { bank, wallet } = await fundedWallet(gw, '10000');
    const other = await openAccount(gw);
    const result = await transfer(gw, wallet.id, other.id, '2500');
    expect(result.errors).toBeUndefined();
    expect(result.data!.postEntry.status).toBe('POSTED');
    expect(await balanceOf(gw, wallet.id)).toEqual({ posted: '7500', pending: '0', available: '7500' });
    expect(await balanceOf(gw, other.id)).toEqual({ posted: '2500', pending: '0', available: '2500' });
    expect((await balanceOf(gw, bank.id)).posted).toBe('10000');
  });

  it('carries amounts above 2^53 exactly', async () => {
    const big = '9007199254740993123'; // > 2^63? no: 9.007e18 < 9.22e18
    const { wallet } = await fundedWallet(gw, big);
    expect((await balanceOf(gw, wallet.id)).posted).toBe(big);
  });

  it('returns the first result for a replayed key and refuses the key with another input', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const key = uniq('idem');
    const first = await transfer(gw, bank.id, wallet.id, '100', 'USD', { idempotencyKey: key });
    const again = await transfer(gw, bank.id, wallet.id, '100', 'USD', { idempotencyKey: key });
    expect(again.data!.postEntry.id).toBe(first.data!.postEntry.id);
    const reused = await transfer(gw, bank.id, wallet.id, '101', 'USD', { idempotencyKey: key });
    expect(reused.errors?.[0].extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await balanceOf(gw, wallet.id)).posted).toBe('100');
  });

  it('posts once when the same key arrives concurrently, and every caller gets the same entry', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const key = uniq('race');
    const results = await Promise.all(Array.from({ length: 20 }, () => transfer(gw, bank.id, wallet.id, '7', 'USD', { idempotencyKey: key })));
    const ids = new Set(results.map((r) => r.data?.postEntry.id));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(ids.size).toBe(1);
    expect((await balanceOf(gw, wallet.id)).posted).toBe('7');
  });
});

describe('two-phase entries', () => {
  it('holds funds while pending and posts them on commit', async () => {
    const { wallet } = await fundedWallet(gw, '1000');
    const shop = await openAccount(gw);
    const pending = await transfer(gw, wallet.id, shop.id, '400', 'USD', { pending: true });
    expect(pending.data!.postEntry.status).toBe('PENDING');
    expect(await balanceOf(gw, wallet.id)).toEqual({ posted: '1000', pending: '-400', available: '600' });
    expect(await balanceOf(gw, shop.id)).toEqual({ posted: '0', pending: '400', available: '0' });
    const commit = await gw.request(CommitPending, { input: { idempotencyKey: uniq('c'), entryId: pending.data!.postEntry.id } });
    expect(commit.data!.commitPendingEntry.pendingEntry).toEqual({ id: pending.data!.postEntry.id, status: 'COMMITTED' });
    expect(await balanceOf(gw, wallet.id)).toEqual({ posted: '600', pending: '0', available: '600' });
    expect(await balanceOf(gw, shop.id)).toEqual({ posted: '400', pending: '0', available: '400' });
  });

  it('commits for less than held and releases the rest', async () => {
    const { wallet } = await fundedWallet(gw, '1000');
    const shop = await openAccount(gw);
    const pending = await transfer(gw, wallet.id, shop.id, '400', 'USD', { pending: true });
    const over = await gw.request(CommitPending, { input: { idempotencyKey: uniq('c'), entryId: pending.data!.postEntry.id, amount: '401' } });
    expect(over.errors?.[0].extensions?.code).toBe('COMMIT_EXCEEDS_PENDING');
    const commit = await gw.request(CommitPending, { input: { idempotencyKey: uniq('c'), entryId: pending.data!.postEntry.id, amount: '150' } });
    expect(commit.data!.commitPendingEntry.postings.map((p) => p.amount.amount)).toEqual(['150', '150']);
    expect(await balanceOf(gw, wallet.id)).toEqual({ posted: '850', pending: '0', available: '850' });
  });

  it('voids a hold, and a voided entry cannot be committed', async () => {
    const { wallet } = await fundedWallet(gw, '1000');
    const shop = await openAccount(gw);
    const pending = await transfer(gw, wallet.id, shop.id, '400', 'USD', { pending: true });
    const voided = await gw.request(VoidPending, { input: { idempotencyKey: uniq('v'), entryId: pending.data!.postEntry.id } });
    expect(voided.data!.voidPendingEntry.status).toBe('VOIDED');
    expect(await balanceOf(gw, wallet.id)).toEqual({ posted: '1000', pending: '0', available: '1000' });
    const late = await gw.request(CommitPending, { input: { idempotencyKey: uniq('c'), entryId: pending.data!.postEntry.id } });
    expect(late.errors?.[0].extensions?.code).toBe('ENTRY_NOT_PENDING');
  });

  it('expires a hold after its expiry and releases the funds', async () => {
    const { wallet } = await fundedWallet(gw, '1000');
    const shop = await openAccount(gw);
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const pending = await transfer(gw, wallet.id, shop.id, '300', 'USD', { pending: true, expiresAt });
    expect((await balanceOf(gw, wallet.id)).available).toBe('700');
    await expect.poll(() => balanceOf(gw, wallet.id), { timeout: 10_000, interval: 250 }).toEqual({ posted: '1000', pending: '0', available: '1000' });
    const late = await gw.request(CommitPending, { input: { idempotencyKey: uniq('c'), entryId: pending.data!.postEntry.id } });
    expect(late.errors?.[0].extensions?.code).toBe('ENTRY_NOT_PENDING');
  });

  // Regression (issue 10, item 4): a client whose answer was lost retried its hold with the same
  // key after the expiry and got "expiresAt must be in the future", although its hold existed.
  // The clock's checks run after the key's replay: a replay returns the stored entry.
  it('replays a hold after its expiry has passed, instead of refusing its expiresAt', async () => {
    const { wallet } = await fundedWallet(gw, '1000');
    const shop = await openAccount(gw);
    const idempotencyKey = uniq('late-replay');
    const expiresAt = new Date(Date.now() + 1_000).toISOString();
    const first = await transfer(gw, wallet.id, shop.id, '300', 'USD', { pending: true, expiresAt, idempotencyKey });
    expect(first.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const replay = await transfer(gw, wallet.id, shop.id, '300', 'USD', { pending: true, expiresAt, idempotencyKey });
    expect(replay.errors, JSON.stringify(replay.errors)).toBeUndefined();
    expect(replay.data!.postEntry.id).toBe(first.data!.postEntry.id);
    // A new key with the same past expiry is still refused.
    const fresh = await transfer(gw, wallet.id, shop.id, '300', 'USD', { pending: true, expiresAt });
    expect(fresh.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
  });
});

describe('reversal and history', () => {
  it('reverses an entry once, linked both ways', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const posted = await transfer(gw, bank.id, wallet.id, '900');
    const entryId = posted.data!.postEntry.id;
    const reversal = await gw.request(ReverseEntry, { input: { idempotencyKey: uniq('r'), entryId } });
    expect(reversal.data!.reverseEntry.reverses).toEqual({ id: entryId, reversedBy: { id: reversal.data!.reverseEntry.id } });
    expect((await balanceOf(gw, wallet.id)).posted).toBe('0');
    const twice = await gw.request(ReverseEntry, { input: { idempotencyKey: uniq('r'), entryId } });
    expect(twice.errors?.[0].extensions?.code).toBe('ENTRY_ALREADY_REVERSED');
  });

  it('gives exact balances as of past times, backdated entries included', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const t = (iso: string) => new Date(iso).toISOString();
    await transfer(gw, bank.id, wallet.id, '100', 'USD', { effectiveAt: t('2026-01-10T00:00:00Z') });
    await transfer(gw, bank.id, wallet.id, '40', 'USD', { effectiveAt: t('2026-01-05T00:00:00Z') }); // backdated
    expect((await balanceOf(gw, wallet.id, t('2026-01-01T00:00:00Z'))).posted).toBe('0');
    expect((await balanceOf(gw, wallet.id, t('2026-01-06T00:00:00Z'))).posted).toBe('40');
    expect((await balanceOf(gw, wallet.id, t('2026-01-10T00:00:00Z'))).posted).toBe('140');
    expect((await balanceOf(gw, wallet.id)).posted).toBe('140');
  });

  it('pages an account’s entries newest first with cursors', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    for (let i = 0; i < 5; i += 1) await transfer(gw, bank.id, wallet.id, String(i + 1));
    const first = await gw.request(EntriesOfAccount, { accountId: wallet.id, first: 3 });
    const page1 = first.data!.entries;
    expect(page1.edges).toHaveLength(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await gw.request(EntriesOfAccount, { accountId: wallet.id, first: 3, after: page1.pageInfo.endCursor });
    const seqs = [...page1.edges, ...second.data!.entries.edges].map((e) => BigInt(e.node.sequence));
    expect(seqs).toHaveLength(5);
    expect([...seqs].sort((a, b) => (a > b ? -1 : 1))).toEqual(seqs);
    expect(second.data!.entries.pageInfo.hasNextPage).toBe(false);
  });
});

describe('batch', () => {
  it('posts many entries in one call and reports each, refusing only the bad ones', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const entry = (amount: string) => ({
      idempotencyKey: uniq('b'),
      postings: [
        { accountId: bank.id, direction: 'DEBIT' as const, amount, currency: 'USD' },
        { accountId: wallet.id, direction: 'CREDIT' as const, amount, currency: 'USD' },
      ],
    });
    const result = await gw.request(PostEntries, { input: { entries: [entry('10'), entry('0'), entry('20'), entry('1.5')] } });
    const rows = result.data!.postEntries;
    expect(rows.map((r) => r.error?.code ?? 'OK')).toEqual(['OK', 'AMOUNT_NOT_POSITIVE', 'OK', 'INVALID_AMOUNT']);
    expect((await balanceOf(gw, wallet.id)).posted).toBe('30');
  });

  it('reports a malformed account id or an over-long key in its own item, as a ledger refusal would be', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const entry = (fromId: string, idempotencyKey = uniq('b')) => ({
      idempotencyKey,
      postings: [
        { accountId: fromId, direction: 'DEBIT' as const, amount: '10', currency: 'USD' },
        { accountId: wallet.id, direction: 'CREDIT' as const, amount: '10', currency: 'USD' },
      ],
    });
    const result = await gw.request(PostEntries, { input: { entries: [entry('acc_x'), entry(bank.id), entry(bank.id, 'k'.repeat(201))] } });
    const rows = result.data!.postEntries;
    expect(rows.map((r) => r.error?.code ?? 'OK')).toEqual(['BAD_USER_INPUT', 'OK', 'BAD_USER_INPUT']);
    expect(rows[0].error?.message).toBe('"acc_x" is not a Account id (expected acc_<number>)');
    expect((await balanceOf(gw, wallet.id)).posted).toBe('10');
  });
});

describe('global ids', () => {
  it('refetches accounts, entries and postings by id alone, and refuses ids of no type', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const posted = (await transfer(gw, bank.id, wallet.id, '12')).data!.postEntry;
    const account = await gw.request(NodeById, { id: wallet.id });
    expect(account.data!.node).toEqual({ __typename: 'Account', id: wallet.id, code: wallet.code });
    const entry = await gw.request(NodeById, { id: posted.id });
    expect(entry.data!.node).toEqual({ __typename: 'JournalEntry', id: posted.id, status: 'POSTED' });
    const postingIds = (await gw.request(EntryPostingIds, { id: posted.id })).data!.entry!.postings.map((p) => p.id);
    const posting = await gw.request(NodeById, { id: postingIds[0] });
    expect(posting.data!.node).toEqual({ __typename: 'Posting', id: postingIds[0], direction: 'DEBIT', amount: { amount: '12' } });
    const missing = await gw.request(NodeById, { id: 'acc_999999999999' });
    expect(missing.data!.node).toBeNull();
    const bad = await gw.request(NodeById, { id: 'xyz_1' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('verification', () => {
  it('finds every stored balance equal to its postings', async () => {
    const result = await gw.request(VerifyLedger);
    expect(result.data!.verifyLedger.mismatches).toEqual([]);
    expect(result.data!.verifyLedger.unbalancedEntryIds).toEqual([]);
    expect(result.data!.verifyLedger.ok).toBe(true);
  });
});
