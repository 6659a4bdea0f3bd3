import { describe, expect, it } from 'vitest';
import type { TestGateway } from '../testkit/gateway.js';
import { commitPending, fundedWallet, gatewayForFile, openAccount, transfer } from '../testkit/ledger-fixtures.js';
import { captureStatements } from '../testkit/statement-count.js';

let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

/** The posting transaction's own statements, by role; background work (relay, sweeper, hub) is left out. */
async function writerStatements(run: () => Promise<unknown>): Promise<string[]> {
  const statements = await captureStatements(run, (text) => /ledger_idempotency|from ledger_account a|with ins_entries|from ledger_entry where id = any/.test(text));
  return statements.map(({ text }) => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t.startsWith('with claimed as') && t.includes('for update')) return 'claimAndLock';
    if (t.startsWith('with claimed as')) return 'claimKeys';
    if (t.includes('from ledger_account a') && t.includes('for update')) return 'lockAccounts';
    if (t.startsWith('with ins_entries')) return 'writePlan';
    if (t.includes('for update')) return 'lockEntries';
    return t.slice(0, 40);
  });
}

describe('the posting transaction', () => {
  it('claims a post’s key and locks its accounts in one statement, then writes in one more', async () => {
    const { wallet } = await fundedWallet(gw, '100');
    const other = await openAccount(gw);
    const kinds = await writerStatements(async () => expect((await transfer(gw, wallet.id, other.id, '40')).errors).toBeUndefined());
    expect(kinds).toEqual(['claimAndLock', 'writePlan']);
  });

  it('locks the entry a commit acts on between its claim and its accounts', async () => {
    const { wallet } = await fundedWallet(gw, '100');
    const other = await openAccount(gw);
    const hold = await transfer(gw, wallet.id, other.id, '30', 'USD', { pending: true });
    const entryId = hold.data!.postEntry.id;
    const kinds = await writerStatements(async () => expect((await commitPending(gw, entryId)).errors).toBeUndefined());
    expect(kinds).toEqual(['claimKeys', 'lockEntries', 'lockAccounts', 'writePlan']);
  });
});
