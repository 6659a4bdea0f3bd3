import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import {
  balanceOf, commitPending, errorCode, fundedWallet, openAccount, reverseEntry, transfer, voidPending, expectLedgerVerified,
} from '../testkit/ledger-fixtures.js';

/** A small seeded PRNG (mulberry32), so a failing run can be replayed from the seed in its message. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Every code that reached the client, other than the ones expected, with a count. */
function unexpectedCodes(results: { errors?: readonly { extensions?: Record<string, unknown> }[] }[], allowed: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const code = errorCode(result);
    if (code !== undefined && !allowed.includes(code)) counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => { await gw?.close(); });

describe('concurrent transfers', () => {
  it('between 20 wallets: only INSUFFICIENT_FUNDS refusals, no lost update, money conserved', async () => {
    const seed = Date.now() % 100_000;
    const random = rng(seed);
    const wallets = await Promise.all(Array.from({ length: 20 }, () => fundedWallet(gw, String(100 + random(900)))));
    const ids = wallets.map((w) => w.wallet.id);
    const initial = new Map<string, bigint>();
    for (const id of ids) initial.set(id, BigInt((await balanceOf(gw, id)).posted));
    const total = [...initial.values()].reduce((a, b) => a + b, 0n);

    // One in ten asks for more than all the wallets hold together: refused whatever the order.
    const transfers = Array.from({ length: 300 }, (_, i) => {
      const from = ids[random(ids.length)];
      const to = ids.filter((id) => id !== from)[random(ids.length - 1)];
      const amount = i % 10 === 0 ? total + 1n : BigInt(1 + random(700));
      return { from, to, amount };
    });
    const results = await Promise.all(transfers.map((t) => transfer(gw, t.from, t.to, String(t.amount))));

    const context = `seed ${seed}`;
    expect(unexpectedCodes(results, ['INSUFFICIENT_FUNDS']), context).toEqual({});
    expect(results.filter((r) => errorCode(r) === 'INSUFFICIENT_FUNDS').length, context).toBeGreaterThanOrEqual(30);
    const expected = new Map(initial);
    transfers.forEach((t, i) => {
      if (results[i].errors) return;
      expect(results[i].data!.postEntry.status).toBe('POSTED');
      expected.set(t.from, expected.get(t.from)! - t.amount);
      expected.set(t.to, expected.get(t.to)! + t.amount);
    });
    const balances = await Promise.all(ids.map((id) => balanceOf(gw, id)));
    let sum = 0n;
    balances.forEach((balance, i) => {
      expect(BigInt(balance.posted), `${context}, wallet ${ids[i]}`).toBeGreaterThanOrEqual(0n);
      expect(BigInt(balance.available), `${context}, wallet ${ids[i]}`).toBeGreaterThanOrEqual(0n);
      expect(balance, `${context}, wallet ${ids[i]}`).toEqual({ posted: String(expected.get(ids[i])), pending: '0', available: String(expected.get(ids[i])) });
      sum += BigInt(balance.posted);
    });
    expect(sum).toBe(total);
    await expectLedgerVerified(gw);
  });

  it('from one hot wallet: exactly floor(funds / amount) spends pass the funds check', async () => {
    const { wallet } = await fundedWallet(gw, '703');
    const shops = await Promise.all([openAccount(gw), openAccount(gw), openAccount(gw)]);
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => transfer(gw, wallet.id, shops[i % 3].id, '7')));

    expect(unexpectedCodes(results, ['INSUFFICIENT_FUNDS'])).toEqual({});
    expect(results.filter((r) => !r.errors)).toHaveLength(100);
    expect(results.filter((r) => errorCode(r) === 'INSUFFICIENT_FUNDS')).toHaveLength(200);
    expect(await balanceOf(gw, wallet.id)).toEqual({ posted: '3', pending: '0', available: '3' });
    const received = await Promise.all(shops.map((shop) => balanceOf(gw, shop.id)));
    expect(received.reduce((sum, b) => sum + BigInt(b.posted), 0n)).toBe(700n);
    await expectLedgerVerified(gw);
  });
});

describe('concurrent two-phase entries on one wallet', () => {
  it('holds, commits (full and partial), voids and spends never make available negative', async () => {
    const seed = Date.now() % 100_000;
    const random = rng(seed);
    const context = `seed ${seed}`;
    const funds = 5_000n;
    const { wallet } = await fundedWallet(gw, String(funds));
    const shop = await openAccount(gw);

    type Outcome = { committed: bigint; held: bigint; codes: (string | undefined)[] };
    const flow = async ({ kind, amount, part }: { kind: number; amount: bigint; part: bigint }): Promise<Outcome> => {
      if (kind === 4) {
        const spent = await transfer(gw, wallet.id, shop.id, String(amount));
        return { committed: spent.errors ? 0n : amount, held: 0n, codes: [errorCode(spent)] };
      }
      const hold = await transfer(gw, wallet.id, shop.id, String(amount), 'USD', { pending: true });
      if (hold.errors) return { committed: 0n, held: 0n, codes: [errorCode(hold)] };
      const id = hold.data!.postEntry.id;
      if (kind === 0) return { committed: 0n, held: amount, codes: [] }; // left open
      if (kind === 1) return { committed: 0n, held: 0n, codes: [errorCode(await voidPending(gw, id))] };
      const commit = await commitPending(gw, id, kind === 2 ? undefined : String(part));
      return { committed: commit.errors ? 0n : part, held: 0n, codes: [errorCode(commit)] };
    };

    let running = true;
    const samples: { posted: string; pending: string; available: string }[] = [];
    const sampler = (async () => {
      while (running) samples.push(await balanceOf(gw, wallet.id));
    })();
    // Kinds: 0 hold left open, 1 hold then void, 2 hold then full commit, 3 hold then partial commit, 4 spend.
    // Every 25th flow holds or spends more than the wallet ever had: refused whatever the order.
    const flows = Array.from({ length: 250 }, (_, i) => {
      if (i % 25 === 0) return { kind: i % 50 === 0 ? 0 : 4, amount: funds + 1n, part: 0n };
      const kind = random(5);
      const amount = 1 + random(120);
      return { kind, amount: BigInt(amount), part: kind === 2 ? BigInt(amount) : BigInt(1 + random(amount)) };
    });
    const outcomes = await Promise.all(flows.map(flow));
    running = false;
    await sampler;

    const codes = outcomes.flatMap((o) => o.codes).filter((c): c is string => c !== undefined);
    expect(codes.filter((c) => c !== 'INSUFFICIENT_FUNDS'), context).toEqual([]);
    expect(codes.length, context).toBeGreaterThanOrEqual(10);
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      expect(BigInt(sample.available), context).toBeGreaterThanOrEqual(0n);
      expect(BigInt(sample.posted), context).toBeGreaterThanOrEqual(0n);
    }
    const committed = outcomes.reduce((sum, o) => sum + o.committed, 0n);
    const held = outcomes.reduce((sum, o) => sum + o.held, 0n);
    expect(await balanceOf(gw, wallet.id), context).toEqual({
      posted: String(funds - committed), pending: String(-held), available: String(funds - committed - held),
    });
    expect(await balanceOf(gw, shop.id), context).toEqual({ posted: String(committed), pending: String(held), available: String(committed) });
    await expectLedgerVerified(gw);
  });

  it('a commit and a void racing on one hold: exactly one wins', async () => {
    const { wallet } = await fundedWallet(gw, '10000');
    const shop = await openAccount(gw);
    const holds = await Promise.all(Array.from({ length: 40 }, () => transfer(gw, wallet.id, shop.id, '100', 'USD', { pending: true })));
    const ids = holds.map((h) => h.data!.postEntry.id);
    const races = await Promise.all(ids.map((id) => Promise.all([commitPending(gw, id), voidPending(gw, id), commitPending(gw, id, '60')])));

    let committed = 0n;
    for (const [full, voided, partial] of races) {
      const winners = [full, voided, partial].filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(unexpectedCodes([full, voided, partial], ['ENTRY_NOT_PENDING'])).toEqual({});
      if (!full.errors) committed += 100n;
      if (!partial.errors) committed += 60n;
    }
    expect(await balanceOf(gw, wallet.id)).toEqual({ posted: String(10000n - committed), pending: '0', available: String(10000n - committed) });
    expect((await balanceOf(gw, shop.id)).posted).toBe(String(committed));
    await expectLedgerVerified(gw);
  });

});

describe('concurrent reversals', () => {
  // Regression: a reversal that waited on the entry's row lock read reversed_by from its stale
  // snapshot, planned a second reversal and was refused INSUFFICIENT_FUNDS (the wallet was empty).
  it('of one entry: one is posted, every other gets ENTRY_ALREADY_REVERSED', async () => {
    const { bank, wallet } = await fundedWallet(gw, '0');
    const posted = await transfer(gw, bank.id, wallet.id, '500');
    const results = await Promise.all(Array.from({ length: 30 }, () => reverseEntry(gw, posted.data!.postEntry.id)));

    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(unexpectedCodes(results, ['ENTRY_ALREADY_REVERSED'])).toEqual({});
    expect(await balanceOf(gw, wallet.id)).toEqual({ posted: '0', pending: '0', available: '0' });
  });
});
