import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { privateDatabase } from '../testkit/private-database.js';
import { errorCode, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { Role } from '../../src/platform/auth/roles.js';
import { events, linkMerchant, merchantAt, registerProcessor, send, type Processor } from '../testkit/processor.js';

// Refunds, disputes, maturity, payout runs and their reports, driven as a processor drives them:
// signed webhooks over HTTP, and staff through GraphQL.
let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

const SfBalances = graphql(`
  query SfBalances($id: ID!, $asOf: DateTimeISO) {
    merchant(id: $id) { settlementBalances(asOf: $asOf) { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }
  }
`);
const SfEvents = graphql(`query SfEvents($filter: ProcessorEventFilterInput) { processorEvents(filter: $filter, first: 100) { edges { node { eventId type status note awaiting entryId } } } }`);
const SfRun = graphql(`
  mutation SfRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state currency minimum { amount } } }
`);
const SfPayouts = graphql(`
  query SfPayouts($filter: SettlementPayoutFilterInput) {
    settlementPayouts(filter: $filter) { edges { node {
      id merchantId status amount { amount currency } settledAt
      report { amount { amount } charges gross { amount } fees { amount } refunds { amount } disputes { amount } returned { amount }
        lines { kind amount { amount } chargeId disputeId gross { amount } fee { amount } } }
    } } }
  }
`);
const SfTerms = graphql(`mutation SfTerms($input: SetSettlementTermsInput!) { setSettlementTerms(input: $input) { merchantId maturityHours ownMaturityHours payoutMinimum } }`);

type Balances = { immature: string; available: string; owed: string; held: string; inPayout: string; paid: string };

async function balances(merchantId: string, asOf?: Date, on = gw): Promise<Balances | undefined> {
  const [row] = (await on.request(SfBalances, { id: merchantId, asOf: asOf?.toISOString() })).data!.merchant!.settlementBalances;
  return row && { immature: row.immature.amount, available: row.available.amount, owed: row.owed.amount, held: row.held.amount, inPayout: row.inPayout.amount, paid: row.paid.amount };
}

const zero: Balances = { immature: '0', available: '0', owed: '0', held: '0', inPayout: '0', paid: '0' };

async function eventsOf(p: Processor) {
  return (await gw.request(SfEvents, { filter: { processorId: p.id } })).data!.processorEvents.edges.map((e) => e.node);
}
const statusOf = async (p: Processor, eventId: string) => (await eventsOf(p)).find((e) => e.eventId === eventId)!;

/** Runs the maturity worker's work now: what a pass does on its poll. */
async function mature(on = gw): Promise<void> {
  const { maturity } = on.services.settlement;
  for (const id of await maturity.due(10_000)) await maturity.mature(id);
}

async function run(p: Processor, minimum?: string) {
  const answer = await gw.request(SfRun, { input: { runKey: uniq('run'), processorId: p.id, currency: 'USD', minimum } });
  return answer.data!.runSettlementPayouts;
}

const payoutsOf = async (merchantId: string) => (await gw.request(SfPayouts, { filter: { merchantId } })).data!.settlementPayouts.edges.map((e) => e.node);

/** A processor and a linked merchant with a matured charge of 10,000 less a 300 fee. */
async function withMaturedCharge() {
  const p = await registerProcessor(gw);
  const m = await merchantAt(gw, p);
  const charge = events.charge(m.externalId, { amount: 10_000, fee: 300, occurred_at: events.hoursAgo(72) });
  expect((await send(gw, p, 'charge.succeeded', charge)).body.status).toBe('APPLIED');
  await mature();
  return { p, m, charge };
}

/** The accounting equation of one processor's accounts: what it holds plus the fees equals what merchants are owed plus the fees recharged. */
async function processorBalances(p: Processor) {
  const db = gw.services.orm.em.fork().getKysely();
  const { rows } = await sql<{ debits: string; credits: string }>`select coalesce(sum(case when po.direction = 'DEBIT' then po.amount end), 0)::text as debits,
    coalesce(sum(case when po.direction = 'CREDIT' then po.amount end), 0)::text as credits
    from ledger_posting po join ledger_account a on a.id = po.account_id
    where a.metadata->>'processorId' = ${p.rowId}`.execute(db);
  return rows[0];
}

describe('refunds', () => {
  it('applies a partial refund against the available balance and refuses one past the charge, or in another currency', async () => {
    const { p, m, charge } = await withMaturedCharge();
    expect(await balances(m.id)).toEqual({ ...zero, available: '9700' });
    expect((await send(gw, p, 'refund.succeeded', events.refund(charge.id, 4000))).body.status).toBe('APPLIED');
    expect(await balances(m.id)).toEqual({ ...zero, available: '5700' });
    const over = await send(gw, p, 'refund.succeeded', events.refund(charge.id, 6001));
    expect(over.body.status).toBe('REJECTED');
    expect((await statusOf(p, over.eventId)).note).toMatch(/more than its 10000/);
    const euro = await send(gw, p, 'refund.succeeded', events.refund(charge.id, 10, { currency: 'EUR' }));
    expect((await statusOf(p, euro.eventId)).note).toMatch(/in EUR/);
    expect((await send(gw, p, 'refund.succeeded', events.refund(charge.id, 6000))).body.status).toBe('APPLIED');
    expect(await balances(m.id)).toEqual({ ...zero, owed: '300' });
  });

  it('regression: a refund sent again under a new event id posts once (refund ids were not deduplicated)', async () => {
    const { p, m, charge } = await withMaturedCharge();
    const refund = events.refund(charge.id, 1000);
    expect((await send(gw, p, 'refund.succeeded', refund)).body.status).toBe('APPLIED');
    const first = (await eventsOf(p)).find((e) => e.type === 'refund.succeeded')!;
    const again = await send(gw, p, 'refund.succeeded', refund);
    expect(again).toMatchObject({ status: 201, body: { status: 'REJECTED' } });
    expect((await statusOf(p, again.eventId)).note).toBe(`refund "${refund.id}" was applied already, from event ${first.eventId}`);
    // Naming another charge of the merchant's does not make it a new refund either.
    const other = events.charge(m.externalId, { amount: 5000, fee: 0 });
    await send(gw, p, 'charge.succeeded', other);
    expect((await send(gw, p, 'refund.succeeded', { ...refund, charge: other.id })).body.status).toBe('REJECTED');
    expect(await balances(m.id)).toEqual({ ...zero, immature: '5000', available: '8700' });
  });

  it('keeps a refund that comes before its charge WAITING, and applies it when the charge arrives', async () => {
    const p = await registerProcessor(gw);
    const m = await merchantAt(gw, p);
    const charge = events.charge(m.externalId, { amount: 5000, fee: 100 });
    const refund = await send(gw, p, 'refund.succeeded', events.refund(charge.id, 1500));
    expect(refund.status).toBe(201);
    expect(await statusOf(p, refund.eventId)).toMatchObject({ status: 'WAITING', awaiting: `charge:${charge.id}`, entryId: null });
    await send(gw, p, 'charge.succeeded', charge);
    expect(await statusOf(p, refund.eventId)).toMatchObject({ status: 'APPLIED', awaiting: null, entryId: expect.stringMatching(/^ent_/) });
    // Not matured: the merchant owes the refund until the charge's net matures and nets it.
    expect(await balances(m.id)).toEqual({ ...zero, immature: '4900', owed: '1500' });
  });

  it('applies a charge UNMATCHED for want of a link, and the refund that waited for it, when the merchant is linked', async () => {
    const p = await registerProcessor(gw);
    const m = await merchantAt(gw, p, false);
    const externalId = uniq('later');
    const charge = events.charge(externalId, { amount: 800, fee: 0 });
    const sent = await send(gw, p, 'charge.succeeded', charge);
    const refund = await send(gw, p, 'refund.succeeded', events.refund(charge.id, 200));
    expect(await statusOf(p, sent.eventId)).toMatchObject({ status: 'UNMATCHED', awaiting: `merchant:${externalId}` });
    expect((await statusOf(p, refund.eventId)).status).toBe('WAITING');
    await linkMerchant(gw, p, m.id, externalId);
    expect((await statusOf(p, sent.eventId)).status).toBe('APPLIED');
    expect((await statusOf(p, refund.eventId)).status).toBe('APPLIED');
    expect(await balances(m.id)).toEqual({ ...zero, immature: '800', owed: '200' });
  });
});

describe('disputes', () => {
  it('holds a dispute’s amount, returns it when won, and takes it from the processor’s receivable when lost', async () => {
    const { p, m, charge } = await withMaturedCharge();
    const won = events.disputeOpened(charge.id, 2000);
    const lost = events.disputeOpened(charge.id, 3000);
    await send(gw, p, 'dispute.opened', won);
    await send(gw, p, 'dispute.opened', lost);
    expect(await balances(m.id)).toEqual({ ...zero, available: '4700', held: '5000' });
    expect((await send(gw, p, 'dispute.closed', events.disputeClosed(won.id, 'won'))).body.status).toBe('APPLIED');
    expect((await send(gw, p, 'dispute.closed', events.disputeClosed(lost.id, 'lost'))).body.status).toBe('APPLIED');
    expect(await balances(m.id)).toEqual({ ...zero, available: '6700' });
    const again = await send(gw, p, 'dispute.closed', events.disputeClosed(won.id, 'lost'));
    expect((await statusOf(p, again.eventId)).note).toMatch(/closed already \(WON\)/);
    const twice = await send(gw, p, 'dispute.opened', { ...won, amount: 1 });
    expect((await statusOf(p, twice.eventId)).note).toMatch(/opened already/);
    const totals = await processorBalances(p);
    expect(totals.debits).toBe(totals.credits);
  });

  it('keeps a closing that comes before its opening WAITING, and applies it after', async () => {
    const { p, m, charge } = await withMaturedCharge();
    const dispute = events.disputeOpened(charge.id, 1000);
    const closed = await send(gw, p, 'dispute.closed', events.disputeClosed(dispute.id, 'lost'));
    expect(await statusOf(p, closed.eventId)).toMatchObject({ status: 'WAITING', awaiting: `dispute:${dispute.id}` });
    await send(gw, p, 'dispute.opened', dispute);
    expect((await statusOf(p, closed.eventId)).status).toBe('APPLIED');
    expect(await balances(m.id)).toEqual({ ...zero, available: '8700' });
  });
});

describe('maturity', () => {
  it('shows a charge immature before its window ends and available after, at any past time by asOf', async () => {
    const { m } = await withMaturedCharge();
    // Occurred 72 hours ago, matured 24 hours ago (SETTLEMENT_MATURITY_HOURS is 48).
    expect(await balances(m.id, new Date(Date.now() - 73 * 3_600_000))).toEqual(zero);
    expect(await balances(m.id, new Date(Date.now() - 30 * 3_600_000))).toEqual({ ...zero, immature: '9700' });
    expect(await balances(m.id, new Date(Date.now() - 20 * 3_600_000))).toEqual({ ...zero, available: '9700' });
    expect(await balances(m.id)).toEqual({ ...zero, available: '9700' });
  });

  // On a database of its own: a clock moved two days ahead matures every charge due by then, and
  // on the shared database it matured the charges other test files were checking as immature.
  it('matures by the module’s clock, once, and a clock set back does not undo it', async () => {
    const db = await privateDatabase('settlement_clock');
    const own = await startTestGateway({ DATABASE_URL: db.url });
    try {
      const p = await registerProcessor(own);
      const m = await merchantAt(own, p);
      await send(own, p, 'charge.succeeded', events.charge(m.externalId, { amount: 1000, fee: 10 }));
      const { clock } = own.services.settlement;
      await mature(own);
      expect(await balances(m.id, undefined, own)).toEqual({ ...zero, immature: '990' });
      clock.now = () => new Date(Date.now() + 48 * 3_600_000);
      await mature(own);
      await mature(own);
      expect(await balances(m.id, undefined, own)).toEqual({ ...zero, available: '990' });
      clock.now = () => new Date(Date.now() - 48 * 3_600_000);
      await mature(own);
      expect(await balances(m.id, undefined, own)).toEqual({ ...zero, available: '990' });
    } finally {
      await own.close();
      await db.drop();
    }
  });

  it('follows a merchant’s own maturity window for charges after it is set', async () => {
    const p = await registerProcessor(gw);
    const m = await merchantAt(gw, p);
    const terms = await gw.request(SfTerms, { input: { merchantId: m.id, maturityHours: 2, payoutMinimum: '500' } });
    expect(terms.data!.setSettlementTerms).toEqual({ merchantId: m.id, maturityHours: 2, ownMaturityHours: true, payoutMinimum: '500' });
    await send(gw, p, 'charge.succeeded', events.charge(m.externalId, { amount: 1000, fee: 0, occurred_at: events.hoursAgo(3) }));
    await send(gw, p, 'charge.succeeded', events.charge(m.externalId, { amount: 700, fee: 0, occurred_at: events.hoursAgo(1) }));
    await mature();
    expect(await balances(m.id)).toEqual({ ...zero, immature: '700', available: '1000' });
    for (const [input, code] of [[{ maturityHours: -1 }, 'BAD_USER_INPUT'], [{ maturityHours: 9000 }, 'BAD_USER_INPUT'], [{ payoutMinimum: '0' }, 'AMOUNT_NOT_POSITIVE'], [{ payoutMinimum: 'x' }, 'INVALID_AMOUNT']] as const) {
      expect(errorCode(await gw.request(SfTerms, { input: { merchantId: m.id, ...input } })), JSON.stringify(input)).toBe(code);
    }
    expect(errorCode(await gw.request(SfTerms, { input: { merchantId: 'mer_999999999' } }))).toBe('NOT_FOUND');
  });
});

describe('payout runs', () => {
  it('pays nothing before the charges mature, then the available balance, with a report that sums to it', async () => {
    const p = await registerProcessor(gw);
    const m = await merchantAt(gw, p);
    const first = events.charge(m.externalId, { amount: 10_000, fee: 290, occurred_at: events.hoursAgo(1) });
    await send(gw, p, 'charge.succeeded', first);
    expect((await run(p)).state).toBe('COMPLETED');
    expect(await payoutsOf(m.id)).toEqual([]);
    const second = events.charge(m.externalId, { amount: 4000, fee: 120, occurred_at: events.hoursAgo(50) });
    await send(gw, p, 'charge.succeeded', second);
    await send(gw, p, 'refund.succeeded', events.refund(second.id, 1000));
    await send(gw, p, 'dispute.opened', events.disputeOpened(second.id, 500));
    await mature();
    await run(p);
    const [payout] = await payoutsOf(m.id);
    expect(payout).toMatchObject({ status: 'PENDING', amount: { amount: '2380', currency: 'USD' } });
    expect(payout.report).toMatchObject({ amount: { amount: '2380' }, charges: 1, gross: { amount: '4000' }, fees: { amount: '120' }, refunds: { amount: '-1000' }, disputes: { amount: '-500' }, returned: { amount: '0' } });
    expect(payout.report.lines.map((l) => [l.kind, l.amount.amount, l.chargeId])).toEqual([
      ['REFUND', '-1000', second.id], ['DISPUTE_HELD', '-500', second.id], ['CHARGE_MATURED', '3880', second.id],
    ]);
    expect(payout.report.lines.reduce((sum, l) => sum + BigInt(l.amount.amount), 0n)).toBe(2380n);
    expect(await balances(m.id)).toEqual({ ...zero, immature: '9710', held: '500', inPayout: '2380' });
  });

  it('confirms a payout on payout.paid, and makes a failed one available again for the next run', async () => {
    const { p, m } = await withMaturedCharge();
    await run(p);
    const [payout] = await payoutsOf(m.id);
    expect((await send(gw, p, 'payout.paid', events.payout(payout.id, 9700))).body.status).toBe('APPLIED');
    expect(await balances(m.id)).toEqual({ ...zero, paid: '9700' });
    const again = await send(gw, p, 'payout.failed', events.payout(payout.id, 9700));
    expect((await statusOf(p, again.eventId)).note).toMatch(/PAID already/);

    const second = events.charge(m.externalId, { amount: 2000, fee: 0, occurred_at: events.hoursAgo(49) });
    await send(gw, p, 'charge.succeeded', second);
    await mature();
    await run(p);
    const [pending] = await payoutsOf(m.id);
    for (const [data, note] of [
      [events.payout(pending.id, 1999), /the payout is 2000 USD/], [events.payout('spo_999999999', 2000), /no payout/], [events.payout('mer_1', 2000), /not a SettlementPayout id/],
    ] as const) {
      const sent = await send(gw, p, 'payout.failed', data);
      expect((await statusOf(p, sent.eventId)).note).toMatch(note);
    }
    expect((await send(gw, p, 'payout.failed', events.payout(pending.id, 2000))).body.status).toBe('APPLIED');
    expect(await balances(m.id)).toEqual({ ...zero, available: '2000', paid: '9700' });
    await run(p);
    const [retried] = await payoutsOf(m.id);
    expect(retried.id).not.toBe(pending.id);
    expect(retried.report.lines.map((l) => [l.kind, l.amount.amount])).toEqual([['PAYOUT_RETURNED', '2000']]);
    expect(retried.report.returned.amount).toBe('2000');
  });

  it('never pays out an owed balance, and nets it against later charges', async () => {
    const { p, m, charge } = await withMaturedCharge();
    await send(gw, p, 'refund.succeeded', events.refund(charge.id, 10_000));
    expect(await balances(m.id)).toEqual({ ...zero, owed: '300' });
    await run(p);
    expect(await payoutsOf(m.id)).toEqual([]);
    await send(gw, p, 'charge.succeeded', events.charge(m.externalId, { amount: 1000, fee: 0, occurred_at: events.hoursAgo(49) }));
    await mature();
    expect(await balances(m.id)).toEqual({ ...zero, available: '700' });
    await run(p);
    const [payout] = await payoutsOf(m.id);
    expect(payout.amount.amount).toBe('700');
    expect(payout.report.lines.map((l) => l.kind)).toEqual(['CHARGE_MATURED', 'REFUND', 'CHARGE_MATURED']);
  });

  it('pays only merchants with their minimum, replays a run by its key, and refuses bad input', async () => {
    const { p, m } = await withMaturedCharge();
    const small = await merchantAt(gw, p);
    await send(gw, p, 'charge.succeeded', events.charge(small.externalId, { amount: 50, fee: 0, occurred_at: events.hoursAgo(49) }));
    await mature();
    const runKey = uniq('run');
    const input = { runKey, processorId: p.id, currency: 'USD', minimum: '100' };
    const made = (await gw.request(SfRun, { input })).data!.runSettlementPayouts;
    expect(made).toMatchObject({ state: 'COMPLETED', minimum: { amount: '100' } });
    expect((await gw.request(SfRun, { input })).data!.runSettlementPayouts.id).toBe(made.id);
    expect((await payoutsOf(m.id)).length).toBe(1);
    expect(await payoutsOf(small.id)).toEqual([]);
    const cases: [Record<string, unknown>, string][] = [
      [{ minimum: '200' }, 'IDEMPOTENCY_KEY_REUSED'], [{ runKey: '' }, 'BAD_USER_INPUT'], [{ runKey: uniq('r'), currency: 'usd' }, 'INVALID_CURRENCY'],
      [{ runKey: uniq('r'), minimum: '-5' }, 'AMOUNT_NOT_POSITIVE'], [{ runKey: uniq('r'), processorId: 'prc_999999999' }, 'NOT_FOUND'], [{ runKey: uniq('r'), processorId: 'mer_1' }, 'BAD_USER_INPUT'],
    ];
    for (const [change, code] of cases) expect(errorCode(await gw.request(SfRun, { input: { ...input, ...change } })), JSON.stringify(change)).toBe(code);
  });

  it('shows a merchant’s payouts to its own users and staff only', async () => {
    const { p, m } = await withMaturedCharge();
    await run(p);
    const customer = await gw.user(Role.CUSTOMER);
    expect(errorCode(await gw.as(customer).request(SfPayouts, {}))).toBe('FORBIDDEN');
    const outsider = await gw.user(Role.MERCHANT);
    expect((await gw.as(outsider).request(SfPayouts, { filter: { merchantId: m.id } })).data!.settlementPayouts.edges).toEqual([]);
    expect(errorCode(await gw.as(outsider).request(SfRun, { input: { runKey: uniq('r'), processorId: p.id, currency: 'USD' } }))).toBe('FORBIDDEN');
  });
});

describe('the sweeper', () => {
  it('applies an event a crash left RECEIVED', async () => {
    const p = await registerProcessor(gw);
    const m = await merchantAt(gw, p);
    const eventId = uniq('evt');
    const body = JSON.stringify({ type: 'charge.succeeded', data: events.charge(m.externalId, { amount: 600, fee: 0 }) });
    // What a delivery leaves when the gateway dies between storing the event and applying it.
    const db = gw.services.orm.em.fork().getKysely();
    await sql`insert into settlement_processor_event (processor_id, event_id, type, status, raw_body, headers, received_at)
      values (${p.rowId}::bigint, ${eventId}, 'charge.succeeded', 'RECEIVED', ${Buffer.from(body)}, '{}'::jsonb, now() - interval '2 minutes')`.execute(db);
    gw.services.settlement.sweeper.poke();
    await expect.poll(async () => (await statusOf(p, eventId)).status, { timeout: 10_000 }).toBe('APPLIED');
    expect(await balances(m.id)).toEqual({ ...zero, immature: '600' });
  });
});
