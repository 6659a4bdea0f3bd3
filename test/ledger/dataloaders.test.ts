import { countStatements as countMatching } from '../testkit/statement-count.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { openAccount, OpenAccount, transfer } from '../testkit/ledger-fixtures.js';

const NestedAccounts = graphql(`
  query NestedAccounts($prefix: String!, $first: Int!) {
    accounts(filter: { codePrefix: $prefix }, first: $first) {
      edges { node {
        code parent { code }
        balance { posted { amount } }
        recentEntries(first: 3) {
          id reversedBy { id } pendingEntry { id }
          postings { amount { amount } account { code balance { available { amount } } } }
        }
      } }
    }
  }
`);

/** Counts the SQL statements this process sends while `run` executes, leaving out background work. */
function countStatements(run: () => Promise<unknown>): Promise<number> {
  // The outbox relay, the event hub, the expiry sweeper and the disbursement worker poll in the background
  // (the sweeper's query comes from Kysely's builder, which quotes its identifiers).
  return countMatching(run, (text) => !/ledger_event|pg_notify|pg_try_advisory|"?expires_at"? <= now\(\)|disbursement|^listen|^(begin|commit|rollback)/i.test(text));
}

let gw: TestGateway;
let prefix: string;
beforeAll(async () => {
  gw = await startTestGateway();
  prefix = uniq('nest');
  const bank = await openAccount(gw, { type: 'ASSET', allowNegative: true });
  const parent = (await gw.request(OpenAccount, { input: { code: `${prefix}-parent`, name: 'Parent', type: 'LIABILITY', currency: 'USD' } })).data!.openAccount;
  for (let i = 0; i < 50; i += 1) {
    const child = await gw.request(OpenAccount, { input: { code: `${prefix}-c${String(i).padStart(2, '0')}`, name: `Child ${i}`, type: 'LIABILITY', currency: 'USD', parentId: parent.id } });
    await transfer(gw, bank.id, child.data!.openAccount.id, String(i + 1));
    await transfer(gw, bank.id, child.data!.openAccount.id, '1');
  }
});
afterAll(async () => { await gw?.close(); });

describe('nested queries go through DataLoaders', () => {
  // Counted over the whole process: once in a full embedded run (2 cores shared by every test
  // file), a background pass landed in the window and counted 12 against 10. A real N+1 costs tens
  // more on every try, so a rerun tells the two apart.
  it('costs the same number of statements for 50 accounts as for 5', { retry: 2 }, async () => {
    let small: Awaited<ReturnType<TestGateway['request']>> | undefined;
    let large: typeof small;
    const few = await countStatements(async () => { small = await gw.request(NestedAccounts, { prefix: `${prefix}-c`, first: 5 }); });
    const many = await countStatements(async () => { large = await gw.request(NestedAccounts, { prefix: `${prefix}-c`, first: 50 }); });
    expect(small!.errors).toBeUndefined();
    expect(large!.errors).toBeUndefined();
    const edges = (large!.data as { accounts: { edges: { node: { recentEntries: unknown[] } }[] } }).accounts.edges;
    expect(edges).toHaveLength(50);
    expect(edges.every((e) => e.node.recentEntries.length === 2)).toBe(true);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(8);
  });
});
