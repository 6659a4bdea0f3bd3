import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { AccountType, Direction } from '../../src/ledger/ledger.enums.js';
import type { LedgerTransaction } from '../../src/ledger/index.js';
import { UniqueViolation } from '../../src/platform/db/unique-violation.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { balanceOf, expectLedgerVerified, fundedWallet, gatewayForFile, openAccount } from '../testkit/ledger-fixtures.js';

// LedgerService.transaction is the money API a module is given (src/ledger/ledger.service.ts): these
// tests drive it the way a module does, in the gateway's own process, and read the result back
// through GraphQL as a client would.
let gw: TestGateway;
gatewayForFile((g) => { gw = g; });

const rowId = (globalId: string) => globalId.slice(globalId.indexOf('_') + 1);

function move(from: string, to: string, amount: string) {
  return {
    idempotencyKey: uniq('mod'), description: 'module transfer', postings: [
      { accountId: rowId(from), direction: Direction.DEBIT, amount, currency: 'USD' },
      { accountId: rowId(to), direction: Direction.CREDIT, amount, currency: 'USD' },
    ],
  };
}

function transaction<T>(work: (tx: LedgerTransaction) => Promise<T>, lockAccounts?: { ids?: string[]; codes?: string[] }): Promise<T> {
  return gw.services.ledger.transaction(gw.services.orm.em, work, { lockAccounts });
}

describe('a module transaction (LedgerService.transaction)', () => {
  it('locks the accounts of operations started together in one statement, in id order', async () => {
    const { bank, wallet } = await fundedWallet(gw, '100');
    const other = await openAccount(gw, { label: 'other' });
    const seen: string[][] = [];
    await transaction(async (tx) => {
      const spy = tx as unknown as { lockedAccountIds: Set<string> };
      const [a, b] = await Promise.all([tx.post(move(wallet.id, other.id, '10')), tx.post(move(bank.id, wallet.id, '5'))]);
      seen.push([...spy.lockedAccountIds]);
      expect(a.replayed).toBe(false);
      expect(b.replayed).toBe(false);
    });
    // One batch: all three accounts were locked by its single statement.
    expect(seen[0].sort()).toEqual([rowId(bank.id), rowId(wallet.id), rowId(other.id)].sort());
    expect((await balanceOf(gw, wallet.id)).posted).toBe('95');
    expect((await balanceOf(gw, other.id)).posted).toBe('10');
  });

  // Module transactions that each post twice, awaiting the first post before the second, in
  // opposite account order: the classic deadlock (without lockAccounts, PostgreSQL reports one for
  // about half of them). Naming the accounts up front locks them in id order before the work: every
  // transaction commits at its first attempt and none reaches its caller as an error.
  it('lets crossing module transactions over the same accounts all commit: no deadlock reaches the caller', async () => {
    const { wallet: a } = await fundedWallet(gw, '10000');
    const { wallet: b } = await fundedWallet(gw, '10000');
    const count = 16;
    const attempts: number[] = Array(count).fill(0);
    // Each transaction pays into a sink of its own, so it shares only a and b with the others.
    const sinks = await Promise.all(attempts.map(() => openAccount(gw, { label: 'sink' })));
    const cross = (i: number, first: string, second: string) => transaction(async (tx) => {
      attempts[i] += 1;
      await tx.post(move(first, sinks[i].id, '1'));
      // Long enough for a crossing transaction to lock its first account before this one asks for its second.
      await sql`select pg_sleep(0.05)`.execute(tx.em.getKysely());
      await tx.post(move(second, sinks[i].id, '2'));
    }, { ids: [rowId(a.id), rowId(b.id)] });
    const results = await Promise.allSettled(attempts.map((_, i) => (i % 2 === 0 ? cross(i, a.id, b.id) : cross(i, b.id, a.id))));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(Math.max(...attempts), `attempts per transaction: ${attempts.join(' ')}`).toBe(1);
    // Half the transactions took 1 from a and 2 from b, the other half 2 from a and 1 from b.
    expect((await balanceOf(gw, a.id)).posted).toBe(String(10000 - (count / 2) * 3));
    expect((await balanceOf(gw, b.id)).posted).toBe(String(10000 - (count / 2) * 3));
    await expectLedgerVerified(gw);
  });

  // Regression: a unique violation on a module's own row was retried as a race five times, then
  // reached the client as INTERNAL_SERVER_ERROR. It is now rerun once (a race's loser sees the
  // winner on the rerun) and then thrown as UniqueViolation, naming the constraint, with nothing written.
  it('turns a unique violation on a module row into UniqueViolation after one rerun, writing nothing', async () => {
    const { bank, wallet } = await fundedWallet(gw, '50');
    let runs = 0;
    const runKey = uniq('run');
    const attempt = transaction(async (tx) => {
      runs += 1;
      await tx.post(move(wallet.id, bank.id, '5'));
      // The same run key twice: payout_run's unique key refuses the second row, on every rerun.
      const insert = sql`insert into payout_run (run_key, request_hash, currency, threshold, state)
        values (${runKey}, ${'0'.repeat(64)}, 'XAU', 1000, 'RUNNING')`;
      await insert.execute(tx.em.getKysely());
      await insert.execute(tx.em.getKysely());
    });
    await expect(attempt).rejects.toBeInstanceOf(UniqueViolation);
    await expect(attempt).rejects.toMatchObject({ table: 'payout_run', constraint: 'payout_run_run_key_unique' });
    expect(runs).toBe(2);
    expect((await balanceOf(gw, wallet.id)).posted).toBe('50');
  });

  it('reverses an entry and opens an account inside the transaction; a rollback undoes both', async () => {
    const { bank, wallet } = await fundedWallet(gw, '40');
    const posted = await gw.services.ledger.postEntry(move(wallet.id, bank.id, '15'));
    const code = uniq('opened');
    await expect(transaction(async (tx) => {
      await tx.ensureAccount({ code, name: 'opened in a failed transaction', type: AccountType.LIABILITY, currency: 'USD' });
      await tx.reverse({ idempotencyKey: uniq('rev'), entryId: posted.entryId });
      throw new Error('the module failed after reversing');
    })).rejects.toThrow('the module failed');
    expect((await balanceOf(gw, wallet.id)).posted).toBe('25');
    expect(await gw.services.orm.em.fork().getKysely().selectFrom('ledger_account' as never).select('id' as never).where('code' as never, '=', code as never).execute()).toEqual([]);

    const reversal = await transaction(async (tx) => {
      const account = await tx.ensureAccount({ code, name: 'opened with the reversal', type: AccountType.LIABILITY, currency: 'USD' });
      const reversed = await tx.reverse({ idempotencyKey: uniq('rev'), entryId: posted.entryId, description: 'clawback' });
      return { account, reversed };
    });
    expect(reversal.reversed.replayed).toBe(false);
    expect(reversal.account.code).toBe(code);
    expect((await balanceOf(gw, wallet.id)).posted).toBe('40');
    await expectLedgerVerified(gw);
  });
});
