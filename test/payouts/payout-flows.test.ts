import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { errorCode } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';
import { balanceOf } from '../wallets/wallet-fixtures.js';
import {
  expectLedgerVerified, fundedUser, listedPayouts, payoutLines, payoutOf, payoutReaches, PayoutRequest, PayoutUpdates, requestPayout, userGid,
} from './payout-fixtures.js';

// Payouts through the API with no cancellation window, so the worker sends them at once. SEK is this
// file's own currency (no payout run pays it), so its balances are exactly what these tests did.
const currency = 'SEK';
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ WALLET_CURRENCIES: `USD,${currency}`, PAYOUT_CANCEL_WINDOW_SECONDS: '0', PAYOUT_MINIMUM: '1000' });
});
afterAll(async () => { await gw?.close(); });

describe('a payout from request to PAID or FAILED', () => {
  it('holds a customer’s amount at once, then pays it: REQUESTED → PROCESSING → PAID, and its history line completes', async () => {
    const alice = await fundedUser(gw, '10000', currency);
    // The processor answers after 4 s, so the hold is still in place when the balance is read below.
    const asked = await requestPayout(gw.as(alice), { currency, amount: '4000', destination: 'sim:delay:4000' });
    expect(asked).toMatchObject({ status: 'REQUESTED', amount: { amount: '4000', currency }, destination: 'sim:delay:4000', failureReason: null });
    expect(await balanceOf(gw.as(alice), currency)).toEqual({ posted: '10000', pending: '-4000', available: '6000' });
    const held = await payoutLines(gw.as(alice), currency);
    expect(held.lines).toEqual([expect.objectContaining({
      kind: 'PAYOUT', status: 'PENDING', direction: 'OUT', amount: { amount: '4000' }, description: 'Payout to sim:delay:4000 (pending)',
      entry: expect.objectContaining({ status: 'PENDING' }), payout: expect.objectContaining({ id: asked.id }),
    })]);

    const paid = await payoutReaches(gw.as(alice), asked.id, 'PAID');
    const reference = `po_${asked.id.slice('po_'.length)}_1`;
    expect(paid).toMatchObject({ processorReference: reference, failureReason: null, wallet: { ownerId: userGid(alice), currency }, run: null });
    expect(paid.history).toEqual([
      { from: null, to: 'REQUESTED', reason: 'requested' },
      { from: 'REQUESTED', to: 'PROCESSING', reason: `sent to the payment processor as ${reference}` },
      { from: 'PROCESSING', to: 'PAID', reason: 'paid by the processor' },
    ]);
    expect(await balanceOf(gw.as(alice), currency)).toEqual({ posted: '6000', pending: '0', available: '6000' });
    const done = await payoutLines(gw.as(alice), currency);
    expect(done.lines).toEqual([expect.objectContaining({
      id: held.lines[0].id, kind: 'PAYOUT', status: 'COMPLETED', description: 'Payout to sim:delay:4000', payout: { id: asked.id, status: 'PAID' },
      entry: expect.objectContaining({ status: 'POSTED' }),
    })]);
    expect(done.lines[0].entry.id, 'the line now shows the posted commit, not the hold').not.toBe(held.lines[0].entry.id);
  });

  it('pays a merchant its whole available balance when the amount is omitted, to the default destination', async () => {
    const shop = await fundedUser(gw, '2500', currency, Role.MERCHANT);
    const asked = await requestPayout(gw.as(shop), { currency });
    expect(asked).toMatchObject({ status: 'REQUESTED', amount: { amount: '2500', currency }, destination: 'default' });
    const after = await balanceOf(gw.as(shop), currency);
    expect(after.available, 'held or paid, the money is no longer available').toBe('0');
    const paid = await payoutReaches(gw.as(shop), asked.id, 'PAID');
    expect(paid.history.map((change) => change.to)).toEqual(['REQUESTED', 'PROCESSING', 'PAID']);
    expect(await balanceOf(gw.as(shop), currency)).toEqual({ posted: '0', pending: '0', available: '0' });
    expect((await payoutLines(gw.as(shop), currency)).lines).toEqual([expect.objectContaining({ status: 'COMPLETED', payout: { id: asked.id, status: 'PAID' } })]);
  });

  it('returns the funds when the processor declines (sim:fail), with the reason', async () => {
    const carol = await fundedUser(gw, '3000', currency);
    const asked = await requestPayout(gw.as(carol), { currency, amount: '2000', destination: 'sim:fail' });
    const failed = await payoutReaches(gw.as(carol), asked.id, 'FAILED');
    expect(failed.failureReason).toBe('the simulated bank declined the payment');
    expect(failed.history).toEqual([
      { from: null, to: 'REQUESTED', reason: 'requested' },
      { from: 'REQUESTED', to: 'PROCESSING', reason: expect.stringMatching(/^sent to the payment processor as po_\d+_1$/) },
      { from: 'PROCESSING', to: 'FAILED', reason: 'the processor declined: the simulated bank declined the payment' },
    ]);
    expect(await balanceOf(gw.as(carol), currency)).toEqual({ posted: '3000', pending: '0', available: '3000' });
    expect((await payoutLines(gw.as(carol), currency)).lines).toEqual([expect.objectContaining({
      status: 'FAILED', description: 'Payout to sim:fail (failed)', entry: expect.objectContaining({ status: 'VOIDED' }), payout: { id: asked.id, status: 'FAILED' },
    })]);
  });
});

describe('what a payout may not be', () => {
  it('refuses an amount below PAYOUT_MINIMUM and holds nothing; takes exactly the minimum', async () => {
    const dave = await fundedUser(gw, '5000', currency);
    const below = await gw.as(dave).request(PayoutRequest, { input: { currency, amount: '999', idempotencyKey: uniq('po') } });
    expect(errorCode(below)).toBe('PAYOUT_BELOW_MINIMUM');
    expect(await balanceOf(gw.as(dave), currency)).toEqual({ posted: '5000', pending: '0', available: '5000' });
    expect(await listedPayouts(gw.as(dave))).toEqual([]);
    expect((await payoutLines(gw.as(dave), currency)).lines).toEqual([]);

    const atMinimum = await requestPayout(gw.as(dave), { currency, amount: '1000', destination: 'sim:succeed' });
    expect(atMinimum.amount.amount).toBe('1000');
    await payoutReaches(gw.as(dave), atMinimum.id, 'PAID');
    expect(await balanceOf(gw.as(dave), currency)).toEqual({ posted: '4000', pending: '0', available: '4000' });
  });

  it('refuses an omitted amount when the whole available balance is below the minimum (or there is no wallet)', async () => {
    const erin = await fundedUser(gw, '999', currency);
    const whole = await gw.as(erin).request(PayoutRequest, { input: { currency, idempotencyKey: uniq('po') } });
    expect(errorCode(whole)).toBe('PAYOUT_BELOW_MINIMUM');
    expect(await balanceOf(gw.as(erin), currency)).toEqual({ posted: '999', pending: '0', available: '999' });
    const empty = await fundedUser(gw, '0', currency);
    expect(errorCode(await gw.as(empty).request(PayoutRequest, { input: { currency, idempotencyKey: uniq('po') } }))).toBe('PAYOUT_BELOW_MINIMUM');
  });

  it('refuses more than is available, a currency wallets are not kept in, and a key reserved for runs', async () => {
    const fay = await fundedUser(gw, '2000', currency);
    const ask = (input: { amount?: string; currency?: string; idempotencyKey?: string }) =>
      gw.as(fay).request(PayoutRequest, { input: { currency, amount: '1500', idempotencyKey: uniq('po'), ...input } });
    expect(errorCode(await ask({ amount: '2001' }))).toBe('INSUFFICIENT_FUNDS');
    expect(errorCode(await ask({ currency: 'NOK' }))).toBe('CURRENCY_NOT_SUPPORTED');
    expect(errorCode(await ask({ idempotencyKey: `run:${uniq('stolen')}` }))).toBe('BAD_USER_INPUT');
    expect(await balanceOf(gw.as(fay), currency)).toEqual({ posted: '2000', pending: '0', available: '2000' });
    expect(await listedPayouts(gw.as(fay))).toEqual([]);
  });
});

describe('idempotent requests', () => {
  it('returns the first payout for a replayed key and holds the money once; a different input with the key is refused', async () => {
    const gus = await fundedUser(gw, '10000', currency);
    const key = uniq('po');
    const input = { currency, amount: '3000', destination: 'sim:succeed', idempotencyKey: key };
    const first = await requestPayout(gw.as(gus), input);
    const again = await requestPayout(gw.as(gus), input);
    expect(again.id).toBe(first.id);
    expect((await balanceOf(gw.as(gus), currency)).available).toBe('7000');
    for (const changed of [{ amount: '3001' }, { destination: 'sim:fail' }, { amount: undefined }]) {
      const refused = await gw.as(gus).request(PayoutRequest, { input: { ...input, ...changed } });
      expect(errorCode(refused), JSON.stringify(changed)).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    await payoutReaches(gw.as(gus), first.id, 'PAID');
    // Replayed after it was paid: still the same payout, and nothing more leaves the wallet.
    expect((await requestPayout(gw.as(gus), input)).id).toBe(first.id);
    expect(await listedPayouts(gw.as(gus))).toEqual([expect.objectContaining({ id: first.id, status: 'PAID' })]);
    expect(await balanceOf(gw.as(gus), currency)).toEqual({ posted: '7000', pending: '0', available: '7000' });
  });

  it('never holds more than is available when concurrent requests with different keys compete for it', async () => {
    const kim = await fundedUser(gw, '5000', currency);
    const asks = await Promise.all(Array.from({ length: 10 }, () =>
      gw.as(kim).request(PayoutRequest, { input: { currency, amount: '1000', destination: 'sim:succeed', idempotencyKey: uniq('po') } })));
    expect(asks.map((r) => errorCode(r) ?? 'OK').sort()).toEqual([...Array(5).fill('INSUFFICIENT_FUNDS'), ...Array(5).fill('OK')]);
    const wholes = await Promise.all(Array.from({ length: 5 }, async () => {
      const lee = await fundedUser(gw, '3000', currency);
      const all = await Promise.all(Array.from({ length: 4 }, () => gw.as(lee).request(PayoutRequest, { input: { currency, destination: 'sim:succeed', idempotencyKey: uniq('po') } })));
      return { lee, made: all.filter((r) => !r.errors).map((r) => r.data!.requestPayout.amount.amount), refused: all.map(errorCode).filter(Boolean) };
    }));
    for (const { lee, made, refused } of wholes) {
      expect(made, 'one of the whole-balance requests wins').toEqual(['3000']);
      expect(refused.every((code) => code === 'INSUFFICIENT_FUNDS' || code === 'PAYOUT_BELOW_MINIMUM'), refused.join()).toBe(true);
      expect((await balanceOf(gw.as(lee), currency)).available).toBe('0');
    }
    expect((await balanceOf(gw.as(kim), currency)).available).toBe('0');
    expect(await listedPayouts(gw.as(kim))).toHaveLength(5);
  });

  it('makes one payout of 10 concurrent identical requests, with an amount and with the whole balance', async () => {
    const hal = await fundedUser(gw, '6000', currency);
    const fixed = { currency, amount: '2000', destination: 'sim:succeed', idempotencyKey: uniq('po') };
    const fixedIds = new Set((await Promise.all(Array.from({ length: 10 }, () => requestPayout(gw.as(hal), fixed)))).map((p) => p.id));
    expect(fixedIds.size).toBe(1);
    const whole = { currency, destination: 'sim:succeed', idempotencyKey: uniq('po') };
    const wholes = await Promise.all(Array.from({ length: 10 }, () => requestPayout(gw.as(hal), whole)));
    expect(new Set(wholes.map((p) => p.id)).size).toBe(1);
    expect(wholes[0].amount.amount).toBe('4000');
    const listed = await listedPayouts(gw.as(hal));
    expect(listed.map((p) => p.id).sort()).toEqual([...fixedIds, wholes[0].id].sort());
    for (const payout of listed) await payoutReaches(gw.as(hal), payout.id, 'PAID');
    expect(await balanceOf(gw.as(hal), currency)).toEqual({ posted: '0', pending: '0', available: '0' });
  });
});

describe('payoutUpdated over WebSocket', () => {
  it('streams a customer only its own payouts’ changes, and staff everyone’s', async () => {
    const [ivy, jon] = [await fundedUser(gw, '3000', currency), await fundedUser(gw, '3000', currency)];
    const ivySub = collect(gw.as(ivy).ws(), PayoutUpdates, { after: '0' });
    const jonSub = collect(gw.as(jon).ws(), PayoutUpdates, { after: '0' });
    const staffSub = collect(gw.ws(), PayoutUpdates, { after: '0' });
    const ivyPayout = await requestPayout(gw.as(ivy), { currency, amount: '1000', destination: 'sim:succeed' });
    const jonPayout = await requestPayout(gw.as(jon), { currency, amount: '2000', destination: 'sim:fail' });

    const changesOf = (items: typeof ivySub.items, id: string) => items.filter((i) => i.payoutUpdated.payout.id === id).map((i) => i.payoutUpdated.status);
    await expect.poll(() => changesOf(ivySub.items, ivyPayout.id), { timeout: 20_000 }).toEqual(['REQUESTED', 'PROCESSING', 'PAID']);
    await expect.poll(() => changesOf(jonSub.items, jonPayout.id), { timeout: 20_000 }).toEqual(['REQUESTED', 'PROCESSING', 'FAILED']);
    await expect.poll(() => [changesOf(staffSub.items, ivyPayout.id), changesOf(staffSub.items, jonPayout.id)], { timeout: 20_000 })
      .toEqual([['REQUESTED', 'PROCESSING', 'PAID'], ['REQUESTED', 'PROCESSING', 'FAILED']]);

    expect(ivySub.items.every((i) => i.payoutUpdated.payout.wallet.ownerId === userGid(ivy))).toBe(true);
    expect(jonSub.items.every((i) => i.payoutUpdated.payout.wallet.ownerId === userGid(jon))).toBe(true);
    expect(ivySub.items).toHaveLength(3);
    expect(jonSub.items).toHaveLength(3);
    const sequences = staffSub.items.map((i) => BigInt(i.payoutUpdated.sequence));
    expect(sequences.every((seq, n) => n === 0 || seq > sequences[n - 1]), 'in sequence order').toBe(true);
    expect([ivySub.errors, jonSub.errors, staffSub.errors]).toEqual([[], [], []]);
    for (const sub of [ivySub, jonSub, staffSub]) sub.stop();
    expect(await payoutOf(gw.as(ivy), jonPayout.id), 'nor can it read another’s payout').toBeNull();
  });
});

describe('the ledger after the payouts', () => {
  it('still balances: every balance equals its postings and every currency nets to zero', async () => {
    await expectLedgerVerified(gw);
  });
});
