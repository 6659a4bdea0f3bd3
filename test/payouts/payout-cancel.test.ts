import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { errorCode } from '../testkit/ledger-fixtures.js';
import { balanceOf } from '../wallets/wallet-fixtures.js';
import { expectLedgerVerified, fundedUser, listedPayouts, payoutLines, payoutOf, payoutReaches, PayoutCancel, PayoutList, requestPayout, userGid } from './payout-fixtures.js';

// Two gateways on one database: `waiting` keeps payouts REQUESTED for an hour (cancellable), `prompt`
// sends them at once. CHF is this file's own currency (no payout run pays it).
const currency = 'CHF';
let waiting: TestGateway;
let prompt: TestGateway;

beforeAll(async () => {
  const env = { WALLET_CURRENCIES: `USD,${currency}`, PAYOUT_MINIMUM: '1000' };
  [waiting, prompt] = await Promise.all([
    startTestGateway({ ...env, PAYOUT_CANCEL_WINDOW_SECONDS: '3600' }),
    startTestGateway({ ...env, PAYOUT_CANCEL_WINDOW_SECONDS: '0' }),
  ]);
});
afterAll(async () => { await Promise.all([waiting?.close(), prompt?.close()]); });

describe('cancelPayout', () => {
  it('lets the owner cancel a REQUESTED payout inside the window: CANCELLED, funds back; a replay returns it', async () => {
    const alice = await fundedUser(waiting, '5000', currency);
    const asked = await requestPayout(waiting.as(alice), { currency, amount: '2000' });
    expect(asked.status).toBe('REQUESTED');
    expect(Date.parse(asked.processAfter) - Date.now(), 'processing waits out the window').toBeGreaterThan(3_500_000);
    expect(await balanceOf(waiting.as(alice), currency)).toEqual({ posted: '5000', pending: '-2000', available: '3000' });
    expect((await payoutLines(waiting.as(alice), currency)).lines).toEqual([expect.objectContaining({ status: 'PENDING', payout: { id: asked.id, status: 'REQUESTED' } })]);

    const key = uniq('cancel');
    const cancelled = await waiting.as(alice).request(PayoutCancel, { input: { id: asked.id, idempotencyKey: key } });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelPayout).toMatchObject({ id: asked.id, status: 'CANCELLED', amount: { amount: '2000' } });
    expect(cancelled.data!.cancelPayout.history).toEqual([
      { from: null, to: 'REQUESTED', reason: 'requested' },
      { from: 'REQUESTED', to: 'CANCELLED', reason: 'cancelled by request' },
    ]);
    expect(await balanceOf(waiting.as(alice), currency)).toEqual({ posted: '5000', pending: '0', available: '5000' });
    expect((await payoutLines(waiting.as(alice), currency)).lines).toEqual([expect.objectContaining({
      status: 'CANCELLED', description: 'Payout to default (cancelled)', entry: expect.objectContaining({ status: 'VOIDED' }), payout: { id: asked.id, status: 'CANCELLED' },
    })]);

    const replay = await waiting.as(alice).request(PayoutCancel, { input: { id: asked.id, idempotencyKey: key } });
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.cancelPayout).toMatchObject({ id: asked.id, status: 'CANCELLED' });
    expect(replay.data!.cancelPayout.history, 'cancelled once').toHaveLength(2);
    const fresh = await waiting.as(alice).request(PayoutCancel, { input: { id: asked.id, idempotencyKey: uniq('cancel') } });
    expect(errorCode(fresh)).toBe('PAYOUT_NOT_CANCELLABLE');
    expect(await balanceOf(waiting.as(alice), currency)).toEqual({ posted: '5000', pending: '0', available: '5000' });
  });

  it('refuses a cancel key that already cancelled another payout, and leaves that payout REQUESTED', async () => {
    const bob = await fundedUser(waiting, '5000', currency);
    const first = await requestPayout(waiting.as(bob), { currency, amount: '1000' });
    const second = await requestPayout(waiting.as(bob), { currency, amount: '1500' });
    const key = uniq('cancel');
    expect((await waiting.as(bob).request(PayoutCancel, { input: { id: first.id, idempotencyKey: key } })).errors).toBeUndefined();
    const reused = await waiting.as(bob).request(PayoutCancel, { input: { id: second.id, idempotencyKey: key } });
    expect(errorCode(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await payoutOf(waiting.as(bob), second.id))!.status).toBe('REQUESTED');
    expect(await balanceOf(waiting.as(bob), currency)).toEqual({ posted: '5000', pending: '-1500', available: '3500' });
  });

  // Fails against src/wallets/disbursement.service.ts as it is: `changedBy` only reads which payouts a key
  // changed, and two cancels holding locks on different payouts both see none, so both commit. The
  // key then belongs to two payouts and a retry of either request is refused as IDEMPOTENCY_KEY_REUSED.
  it('ties a cancel key to one payout even when two cancels with it race on different payouts', async () => {
    for (let round = 0; round < 3; round += 1) {
      const hugo = await fundedUser(waiting, '3000', currency);
      const x = await requestPayout(waiting.as(hugo), { currency, amount: '1000' });
      const y = await requestPayout(waiting.as(hugo), { currency, amount: '1500' });
      const key = uniq('cancel');
      const raced = await Promise.all([x, y].map((p) => waiting.as(hugo).request(PayoutCancel, { input: { id: p.id, idempotencyKey: key } })));
      const outcomes = raced.map((r) => errorCode(r) ?? r.data!.cancelPayout.status);
      expect(outcomes.sort(), `round ${round}`).toEqual(['CANCELLED', 'IDEMPOTENCY_KEY_REUSED']);
      const winner = raced.find((r) => !r.errors)!.data!.cancelPayout.id;
      const retry = await waiting.as(hugo).request(PayoutCancel, { input: { id: winner, idempotencyKey: key } });
      expect(errorCode(retry), 'a retry of the winning request returns its payout').toBeUndefined();
    }
  });

  it('hides a payout from another customer (null, NOT_FOUND) and lets staff cancel it', async () => {
    const [carol, mallory] = [await fundedUser(waiting, '4000', currency), await fundedUser(waiting, '4000', currency)];
    const asked = await requestPayout(waiting.as(carol), { currency, amount: '4000' });
    expect(await payoutOf(waiting.as(mallory), asked.id)).toBeNull();
    expect(await listedPayouts(waiting.as(mallory), { userId: userGid(carol) }), 'a named user is ignored for a customer').toEqual([]);
    const foreign = await waiting.as(mallory).request(PayoutCancel, { input: { id: asked.id, idempotencyKey: uniq('cancel') } });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    // Named by the global id the caller sent, like every id in the API.
    expect(foreign.errors![0]).toMatchObject({ message: `payout ${asked.id} not found`, extensions: { id: asked.id } });
    expect(foreign.data?.cancelPayout ?? null).toBeNull();
    expect((await payoutOf(waiting.as(carol), asked.id))!.status).toBe('REQUESTED');

    const byStaff = await waiting.request(PayoutCancel, { input: { id: asked.id, idempotencyKey: uniq('cancel') } });
    expect(byStaff.errors).toBeUndefined();
    expect(byStaff.data!.cancelPayout.status).toBe('CANCELLED');
    expect(await balanceOf(waiting.as(carol), currency)).toEqual({ posted: '4000', pending: '0', available: '4000' });
    expect(await balanceOf(waiting.as(mallory), currency)).toEqual({ posted: '4000', pending: '0', available: '4000' });
  });

  it('refuses to cancel a payout once it is PAID or FAILED (no window), and the money stays where it went', async () => {
    const dan = await fundedUser(prompt, '5000', currency);
    const paid = await requestPayout(prompt.as(dan), { currency, amount: '3000', destination: 'sim:succeed' });
    await payoutReaches(prompt.as(dan), paid.id, 'PAID');
    const failed = await requestPayout(prompt.as(dan), { currency, amount: '1000', destination: 'sim:fail' });
    await payoutReaches(prompt.as(dan), failed.id, 'FAILED');
    for (const id of [paid.id, failed.id]) {
      expect(errorCode(await prompt.as(dan).request(PayoutCancel, { input: { id, idempotencyKey: uniq('cancel') } })), id).toBe('PAYOUT_NOT_CANCELLABLE');
      expect(errorCode(await prompt.request(PayoutCancel, { input: { id, idempotencyKey: uniq('cancel') } })), `${id} by staff`).toBe('PAYOUT_NOT_CANCELLABLE');
    }
    expect(await balanceOf(prompt.as(dan), currency)).toEqual({ posted: '2000', pending: '0', available: '2000' });
  });

  it('lets exactly one of concurrent cancels with different keys win, and releases the funds once', async () => {
    const gil = await fundedUser(waiting, '3000', currency);
    const asked = await requestPayout(waiting.as(gil), { currency, amount: '3000' });
    const cancels = await Promise.all(Array.from({ length: 6 }, () =>
      waiting.as(gil).request(PayoutCancel, { input: { id: asked.id, idempotencyKey: uniq('cancel') } })));
    expect(cancels.map((r) => errorCode(r) ?? r.data!.cancelPayout.status).sort()).toEqual(['CANCELLED', ...Array(5).fill('PAYOUT_NOT_CANCELLABLE')]);
    expect((await payoutOf(waiting.as(gil), asked.id))!.history.map((h) => h.to)).toEqual(['REQUESTED', 'CANCELLED']);
    expect(await balanceOf(waiting.as(gil), currency)).toEqual({ posted: '3000', pending: '0', available: '3000' });
  });

  it('either cancels or pays a payout whose cancel races the worker (no window), never both', async () => {
    const hana = await fundedUser(prompt, '10000', currency);
    const outcomes = await Promise.all(Array.from({ length: 5 }, async () => {
      const asked = await requestPayout(prompt.as(hana), { currency, amount: '2000', destination: 'sim:succeed' });
      const cancel = await prompt.as(hana).request(PayoutCancel, { input: { id: asked.id, idempotencyKey: uniq('cancel') } });
      const final = errorCode(cancel) === undefined ? 'CANCELLED' : 'PAID';
      if (final === 'PAID') expect(errorCode(cancel)).toBe('PAYOUT_NOT_CANCELLABLE');
      const settled = await payoutReaches(prompt.as(hana), asked.id, final);
      expect(settled.history.map((h) => h.to)).toEqual(final === 'CANCELLED' ? ['REQUESTED', 'CANCELLED'] : ['REQUESTED', 'PROCESSING', 'PAID']);
      return final;
    }));
    const paid = outcomes.filter((o) => o === 'PAID').length;
    const left = String(10000 - 2000 * paid);
    expect(await balanceOf(prompt.as(hana), currency)).toEqual({ posted: left, pending: '0', available: left });
  });

  it('refuses an id that is not a payout id', async () => {
    const erin = await fundedUser(waiting, '0', currency);
    expect(errorCode(await waiting.as(erin).request(PayoutCancel, { input: { id: 'wd_1', idempotencyKey: uniq('cancel') } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await waiting.as(erin).request(PayoutCancel, { input: { id: 'po_9223372036854775807', idempotencyKey: uniq('cancel') } }))).toBe('NOT_FOUND');
  });
});

describe('payouts(filter: { statuses })', () => {
  it('lists by status for staff (everyone’s, or one user’s); a customer lists only its own', async () => {
    const [fay, gus] = [await fundedUser(waiting, '9000', currency), await fundedUser(waiting, '3000', currency, Role.MERCHANT)];
    const requested = await requestPayout(waiting.as(fay), { currency, amount: '1000' });
    const cancelled = await requestPayout(waiting.as(fay), { currency, amount: '2000' });
    expect((await waiting.as(fay).request(PayoutCancel, { input: { id: cancelled.id, idempotencyKey: uniq('cancel') } })).errors).toBeUndefined();
    const paid = await requestPayout(prompt.as(fay), { currency, amount: '3000', destination: 'sim:succeed' });
    const failed = await requestPayout(prompt.as(fay), { currency, amount: '1500', destination: 'sim:fail' });
    await payoutReaches(prompt.as(fay), paid.id, 'PAID');
    await payoutReaches(prompt.as(fay), failed.id, 'FAILED');
    const gusCancelled = await requestPayout(waiting.as(gus), { currency, amount: '3000' });
    expect((await waiting.request(PayoutCancel, { input: { id: gusCancelled.id, idempotencyKey: uniq('cancel') } })).errors).toBeUndefined();

    const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);
    const fayId = userGid(fay);
    expect(ids(await listedPayouts(waiting, { userId: fayId, statuses: ['REQUESTED'] }))).toEqual([requested.id]);
    expect(ids(await listedPayouts(waiting, { userId: fayId, statuses: ['CANCELLED'] }))).toEqual([cancelled.id]);
    expect(ids(await listedPayouts(waiting, { userId: fayId, statuses: ['PAID', 'FAILED'] }))).toEqual([failed.id, paid.id]);
    expect(ids(await listedPayouts(waiting, { userId: fayId }))).toEqual([failed.id, paid.id, cancelled.id, requested.id]);
    expect(await listedPayouts(waiting, { userId: fayId, statuses: ['PROCESSING'] })).toEqual([]);
    const firstPage = await waiting.request(PayoutList, { filter: { userId: fayId }, first: 3 });
    expect(ids(firstPage.data!.payouts.edges.map((e) => e.node))).toEqual([failed.id, paid.id, cancelled.id]);
    expect(firstPage.data!.payouts.pageInfo.hasNextPage).toBe(true);
    const nextPage = await waiting.request(PayoutList, { filter: { userId: fayId }, first: 3, after: firstPage.data!.payouts.pageInfo.endCursor });
    expect(ids(nextPage.data!.payouts.edges.map((e) => e.node))).toEqual([requested.id]);
    expect(nextPage.data!.payouts.pageInfo.hasNextPage).toBe(false);

    const everyonesCancelled = await listedPayouts(waiting, { statuses: ['CANCELLED'] });
    expect(everyonesCancelled.every((n) => n.status === 'CANCELLED')).toBe(true);
    expect(ids(everyonesCancelled)).toEqual(expect.arrayContaining([cancelled.id, gusCancelled.id]));
    expect(everyonesCancelled.map((n) => n.wallet.ownerId)).toEqual(expect.arrayContaining([fayId, userGid(gus)]));

    expect(ids(await listedPayouts(waiting.as(fay), { statuses: ['CANCELLED'] }))).toEqual([cancelled.id]);
    expect(ids(await listedPayouts(waiting.as(fay), { statuses: ['CANCELLED'], userId: userGid(gus) }))).toEqual([cancelled.id]);
    expect(ids(await listedPayouts(waiting.as(gus), { statuses: ['CANCELLED', 'REQUESTED'] }))).toEqual([gusCancelled.id]);
    expect(await balanceOf(waiting.as(fay), currency)).toEqual({ posted: '6000', pending: '-1000', available: '5000' });
  });
});

describe('the ledger after the cancellations', () => {
  it('still balances: every balance equals its postings and every currency nets to zero', async () => {
    await expectLedgerVerified(waiting);
  });
});
