import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { expectLedgerVerified, VerifyLedger } from '../testkit/ledger-fixtures.js';
import { deliver, events, linkMerchant, merchantAt, registerProcessor, signed, type Processor } from '../testkit/processor.js';

// A model of one processor's three merchants, checked to the cent against the gateway after any
// stream of charges, refunds and disputes delivered as processors deliver them: out of order, each
// event several times (some copies at once, to either of two gateways on the same database), some
// sent again under a new event id, a merchant linked only after its events came, and the gateways
// restarted between deliveries. The model is the README's postings table; what it predicts does not
// depend on the order of delivery, so any order must end in the same balances and statuses. Then a
// payout run pays every merchant its available balance and the processor reports each paid or failed.
let gateways: TestGateway[] = [];
beforeAll(async () => { gateways = [await startTestGateway(), await startTestGateway()]; }, 60_000);
afterAll(async () => {
  try { await expectLedgerVerified(gateways[0]); } finally { await Promise.all(gateways.map((gw) => gw.close())); }
});
const staff = () => gateways[0];

const SmBalances = graphql(`
  query SmBalances($id: ID!) {
    merchant(id: $id) { settlementBalances { processorId currency immature { amount } available { amount } owed { amount } held { amount } inPayout { amount } paid { amount } } }
  }
`);
const SmEvents = graphql(`query SmEvents($filter: ProcessorEventFilterInput, $after: String) { processorEvents(filter: $filter, first: 100, after: $after) { edges { node { eventId status note } } pageInfo { hasNextPage endCursor } } }`);
const SmAccount = graphql(`query SmAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }`);
const SmRun = graphql(`mutation SmRun($input: RunSettlementPayoutsInput!) { runSettlementPayouts(input: $input) { id state } }`);
const SmPayouts = graphql(`
  query SmPayouts($filter: SettlementPayoutFilterInput) {
    settlementPayouts(filter: $filter, first: 100) { edges { node { id merchantId status amount { amount currency } report { lines { amount { amount } } } } } }
  }
`);

const currencies = ['USD', 'EUR'] as const;
type Currency = (typeof currencies)[number];
const chargeArb = fc.record({
  merchant: fc.nat(2), amount: fc.integer({ min: 1, max: 10_000 }), feeShare: fc.integer({ min: 0, max: 100 }),
  matured: fc.boolean(), currency: fc.constantFrom(...currencies), asText: fc.boolean(), resent: fc.boolean(),
});
const refundArb = fc.record({
  charge: fc.nat(), share: fc.integer({ min: 1, max: 100 }), resent: fc.boolean(),
  kind: fc.constantFrom('fits' as const, 'fits' as const, 'fits' as const, 'over' as const, 'otherCurrency' as const),
});
const disputeArb = fc.record({
  charge: fc.nat(), share: fc.integer({ min: 1, max: 100 }), reopened: fc.boolean(), reclosed: fc.boolean(),
  outcome: fc.constantFrom('won' as const, 'lost' as const, 'open' as const, 'neverOpened' as const),
});
const deliveryArb = fc.record({
  /** Whether the deliveries start from the last event made (refunds and disputes before their charges), then swap keys to shuffle them. */
  reversed: fc.boolean(),
  order: fc.array(fc.nat(), { maxLength: 80 }),
  /** Extra copies of each event: 0 to 3. */
  copies: fc.array(fc.nat(3), { maxLength: 40 }),
  /** How many deliveries go out at once, batch by batch. */
  together: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 30 }),
  /** Before which batch a gateway restarts (even: the first, odd: the second), and when the maturity worker's work runs. */
  restarts: fc.array(fc.nat(), { maxLength: 3 }),
  matureAt: fc.array(fc.nat(), { maxLength: 2 }),
  /** How the processor reports each payout. */
  payouts: fc.array(fc.constantFrom('paid' as const, 'failed' as const), { maxLength: 4 }),
});
type ChargeOp = typeof chargeArb extends fc.Arbitrary<infer T> ? T : never;
type RefundOp = typeof refundArb extends fc.Arbitrary<infer T> ? T : never;
type DisputeOp = typeof disputeArb extends fc.Arbitrary<infer T> ? T : never;
type DeliveryPlan = typeof deliveryArb extends fc.Arbitrary<infer T> ? T : never;

/** One event as the processor sends it, and how the model expects the events of its business id to end. */
interface Sent { eventId: string; type: string; body: string; item: Item }
/** A charge, refund, dispute opening or closing: its events (several when sent again), and how many of them apply. */
interface Item { label: string; events: string[]; applied: number; waiting: boolean }
interface Money { immature: bigint; available: bigint; held: bigint; inPayout: bigint; paid: bigint }
interface ModelCharge { id: string; merchant: number; currency: Currency; gross: bigint; refundable: bigint }

class Model {
  readonly sent: Sent[] = [];
  readonly items: Item[] = [];
  /** Per merchant and currency, from the first charge applied in it. */
  readonly money = new Map<string, Money>();
  readonly receivable = new Map<Currency, bigint>();
  readonly fees = new Map<Currency, bigint>();
  readonly charges: ModelCharge[] = [];

  constructor(readonly p: Processor, readonly merchants: { id: string; externalId: string }[]) {}

  private of(merchant: number, currency: Currency): Money {
    const key = `${merchant}:${currency}`;
    if (!this.money.has(key)) this.money.set(key, { immature: 0n, available: 0n, held: 0n, inPayout: 0n, paid: 0n });
    return this.money.get(key)!;
  }

  private add(map: Map<Currency, bigint>, currency: Currency, amount: bigint) { map.set(currency, (map.get(currency) ?? 0n) + amount); }

  /** Sends `data` as `type` once, or twice under two event ids when `resent`; of those, `applied` apply. */
  private emit(label: string, type: string, data: Record<string, unknown>, { resent = false, applied = 1, waiting = false } = {}) {
    const item: Item = { label, events: [], applied, waiting };
    for (let copy = 0; copy < (resent ? 2 : 1); copy += 1) {
      const eventId = uniq('evt');
      item.events.push(eventId);
      this.sent.push({ eventId, type, body: JSON.stringify({ type, data }), item });
    }
    this.items.push(item);
  }

  charge(op: ChargeOp) {
    const gross = BigInt(op.amount);
    const fee = (gross * BigInt(op.feeShare)) / 100n;
    const charge: ModelCharge = { id: uniq('ch'), merchant: op.merchant, currency: op.currency, gross, refundable: gross };
    this.charges.push(charge);
    const amount = op.asText ? String(gross) : op.amount;
    const occurredAt = events.hoursAgo(op.matured ? 72 : 1);
    this.emit(`charge ${charge.id}`, 'charge.succeeded', { id: charge.id, amount, fee: Number(fee), currency: op.currency, merchant: this.merchants[op.merchant].externalId, occurred_at: occurredAt }, { resent: op.resent });
    const money = this.of(op.merchant, op.currency);
    if (op.matured) money.available += gross - fee; else money.immature += gross - fee;
    this.add(this.receivable, op.currency, gross - fee);
    this.add(this.fees, op.currency, fee);
  }

  /** Refunds that fit always fit, whatever order they apply in: together they never pass the charge. */
  refund(op: RefundOp) {
    const charge = this.charges[op.charge % this.charges.length];
    const refundId = uniq('re');
    if (op.kind === 'over') {
      return this.emit(`over-refund ${refundId}`, 'refund.succeeded', events.refund(charge.id, Number(charge.gross + 1n), { id: refundId, currency: charge.currency }), { resent: op.resent, applied: 0 });
    }
    if (op.kind === 'otherCurrency') {
      const other = currencies.find((c) => c !== charge.currency)!;
      return this.emit(`refund in ${other} ${refundId}`, 'refund.succeeded', events.refund(charge.id, 1, { id: refundId, currency: other }), { resent: op.resent, applied: 0 });
    }
    const amount = (charge.refundable * BigInt(op.share)) / 100n;
    if (amount === 0n) return;
    charge.refundable -= amount;
    this.emit(`refund ${refundId}`, 'refund.succeeded', events.refund(charge.id, 0, { id: refundId, amount: String(amount), currency: charge.currency }), { resent: op.resent });
    this.of(charge.merchant, charge.currency).available -= amount;
    this.add(this.receivable, charge.currency, -amount);
  }

  dispute(op: DisputeOp) {
    const charge = this.charges[op.charge % this.charges.length];
    const amount = (charge.gross * BigInt(op.share)) / 100n || 1n;
    const opened = events.disputeOpened(charge.id, Number(amount), { currency: charge.currency });
    if (op.outcome === 'neverOpened') {
      return this.emit(`closing of unopened ${opened.id}`, 'dispute.closed', events.disputeClosed(opened.id, 'won'), { resent: op.reclosed, applied: 0, waiting: true });
    }
    this.emit(`dispute ${opened.id}`, 'dispute.opened', opened, { resent: op.reopened });
    const money = this.of(charge.merchant, charge.currency);
    money.available -= amount;
    money.held += amount;
    if (op.outcome === 'open') return;
    this.emit(`${op.outcome} ${opened.id}`, 'dispute.closed', events.disputeClosed(opened.id, op.outcome), { resent: op.reclosed });
    money.held -= amount;
    if (op.outcome === 'won') money.available += amount; else this.add(this.receivable, charge.currency, -amount);
  }
}

/** Fisher–Yates driven by the plan's keys, so fast-check can shrink an order towards the original one. */
function shuffled<T>(items: T[], keys: number[]): T[] {
  const out = [...items];
  if (keys.length === 0) return out;
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = keys[i % keys.length] % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function mature(gw: TestGateway): Promise<void> {
  const { maturity } = gw.services.settlement;
  for (const id of await maturity.due(10_000)) await maturity.mature(id);
}

/** Delivers every event, in the plan's order and copies, batch by batch, restarting gateways and maturing between batches. */
async function deliverAll(model: Model, plan: DeliveryPlan): Promise<Map<string, number[]>> {
  const copies = model.sent.flatMap((sent, i) => Array.from({ length: 1 + (plan.copies[i % Math.max(plan.copies.length, 1)] ?? 0) }, () => sent));
  const queue = shuffled(plan.reversed ? copies.reverse() : copies, plan.order);
  const answers = new Map<string, number[]>();
  for (let batch = 0, at = 0; at < queue.length; batch += 1) {
    for (const r of plan.restarts.filter((r) => r % 8 === batch)) {
      const which = r % 2;
      await gateways[which].close();
      gateways[which] = await startTestGateway();
    }
    if (plan.matureAt.some((m) => m % 8 === batch)) await mature(gateways[batch % 2]);
    const size = plan.together[batch % Math.max(plan.together.length, 1)] ?? 1;
    const group = queue.slice(at, at + size);
    const got = await Promise.all(group.map((sent, k) => {
      const gw = gateways[(at + k) % 2];
      return deliver(gw, model.p.slug, sent.body, signed(model.p.secret, sent.eventId, sent.body));
    }));
    group.forEach((sent, k) => answers.set(sent.eventId, [...(answers.get(sent.eventId) ?? []), got[k].status]));
    at += size;
  }
  return answers;
}

async function statuses(p: Processor): Promise<Map<string, { status: string; note: string | null }>> {
  const seen = new Map<string, { status: string; note: string | null }>();
  for (let after: string | undefined; ;) {
    const page = (await staff().request(SmEvents, { filter: { processorId: p.id }, after })).data!.processorEvents;
    for (const { node } of page.edges) seen.set(node.eventId, { status: node.status, note: node.note ?? null });
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor!;
  }
}

const shown = (m: Money) => ({
  immature: String(m.immature), available: String(m.available > 0n ? m.available : 0n), owed: String(m.available < 0n ? -m.available : 0n),
  held: String(m.held), inPayout: String(m.inPayout), paid: String(m.paid),
});

/** Every merchant's balances, the processor's receivable and fees, and the ledger, against the model. */
async function checkMoney(model: Model, when: string): Promise<void> {
  for (const [index, merchant] of model.merchants.entries()) {
    const rows = (await staff().request(SmBalances, { id: merchant.id })).data!.merchant!.settlementBalances;
    const got = Object.fromEntries(rows.map((r) => [r.currency, {
      immature: r.immature.amount, available: r.available.amount, owed: r.owed.amount, held: r.held.amount, inPayout: r.inPayout.amount, paid: r.paid.amount,
    }]));
    const expected = Object.fromEntries(currencies.filter((c) => model.money.has(`${index}:${c}`)).map((c) => [c, shown(model.money.get(`${index}:${c}`)!)]));
    expect(got, `${when}: merchant ${index}'s balances`).toEqual(expected);
    for (const row of rows) expect(row.processorId).toBe(model.p.id);
  }
  for (const currency of currencies) {
    const posted = async (kind: string) => (await staff().request(SmAccount, { code: `processor:${model.p.rowId}:${kind}:${currency.toLowerCase()}` })).data!.accountByCode?.balance.posted.amount ?? '0';
    expect(await posted('receivable'), `${when}: the processor's ${currency} receivable`).toBe(String(model.receivable.get(currency) ?? 0n));
    expect(await posted('fees'), `${when}: ${currency} fees`).toBe(String(model.fees.get(currency) ?? 0n));
    expect(await posted('fees-recharged'), `${when}: ${currency} fees recharged`).toBe(String(model.fees.get(currency) ?? 0n));
  }
  const verified = (await staff().request(VerifyLedger, {})).data!.verifyLedger;
  expect(verified, JSON.stringify(verified)).toMatchObject({ ok: true, mismatches: [], unbalancedEntryIds: [] });
  for (const net of verified.currencyNets) expect(net.amount, `${net.currency} nets to zero`).toBe('0');
}

/** Each event stored once (one 201, the rest 200), and of each item's events exactly as many APPLIED as the model says. */
async function checkEvents(model: Model, answers: Map<string, number[]>): Promise<void> {
  for (const sent of model.sent) {
    const got = answers.get(sent.eventId)!;
    expect(got.filter((s) => s === 201), `${sent.item.label}: one first delivery of ${got.length}`).toHaveLength(1);
    expect(got.filter((s) => s !== 201).every((s) => s === 200), `${sent.item.label}: ${got.join(', ')}`).toBe(true);
  }
  const seen = await statuses(model.p);
  for (const item of model.items) {
    const ends = item.events.map((id) => seen.get(id)!.status).sort();
    const applied = ends.filter((s) => s === 'APPLIED').length;
    const rest = item.waiting ? 'WAITING' : 'REJECTED';
    expect({ applied, rest: ends.filter((s) => s !== 'APPLIED') }, `${item.label}: ${JSON.stringify(item.events.map((id) => seen.get(id)))}`)
      .toEqual({ applied: item.applied, rest: Array(item.events.length - item.applied).fill(rest) });
  }
}

/** A run per currency pays each merchant all of a positive available balance; the processor then reports each payout, twice. */
async function payOut(model: Model, plan: DeliveryPlan): Promise<void> {
  for (const currency of currencies) {
    const input = { runKey: uniq('model-run'), processorId: model.p.id, currency, minimum: '1' };
    const run = (await staff().request(SmRun, { input })).data!.runSettlementPayouts;
    expect(run.state).toBe('COMPLETED');
    expect((await gateways[1].request(SmRun, { input })).data!.runSettlementPayouts.id, 'the same runKey is the same run').toBe(run.id);
    const payouts = (await staff().request(SmPayouts, { filter: { runId: run.id } })).data!.settlementPayouts.edges.map((e) => e.node);
    const due = model.merchants.flatMap((m, index) => {
      const money = model.money.get(`${index}:${currency}`);
      return money && money.available > 0n ? [{ merchantId: m.id, amount: money.available, money }] : [];
    });
    expect(payouts.map((po) => [po.merchantId, po.amount.amount]).sort(), `${currency} payouts`).toEqual(due.map((d) => [d.merchantId, String(d.amount)]).sort());
    for (const [i, payout] of payouts.entries()) {
      expect(payout.report.lines.reduce((sum, line) => sum + BigInt(line.amount.amount), 0n), 'a report sums to its payout').toBe(BigInt(payout.amount.amount));
      const { money, amount } = due.find((d) => d.merchantId === payout.merchantId)!;
      const outcome = plan.payouts[i % Math.max(plan.payouts.length, 1)] ?? 'paid';
      const body = JSON.stringify({ type: `payout.${outcome}`, data: events.payout(payout.id, String(amount), { currency }) });
      const eventId = uniq('evt');
      const got = await Promise.all(gateways.map((gw) => deliver(gw, model.p.slug, body, signed(model.p.secret, eventId, body))));
      expect(got.map((a) => a.status).sort()).toEqual([200, 201]);
      money.available -= amount;
      if (outcome === 'paid') {
        money.paid += amount;
        model.receivable.set(currency, model.receivable.get(currency)! - amount);
      } else {
        money.available += amount;
      }
    }
  }
}

async function run(charges: ChargeOp[], refunds: RefundOp[], disputes: DisputeOp[], plan: DeliveryPlan): Promise<void> {
  const p = await registerProcessor(staff());
  // The third merchant is linked only after its events came: they wait UNMATCHED until then.
  const merchants = [await merchantAt(staff(), p), await merchantAt(staff(), p), await merchantAt(staff(), p, false)];
  const lateLink = uniq('late');
  const model = new Model(p, [...merchants.slice(0, 2), { id: merchants[2].id, externalId: lateLink }]);
  for (const op of charges) model.charge(op);
  for (const op of refunds) model.refund(op);
  for (const op of disputes) model.dispute(op);
  const answers = await deliverAll(model, plan);
  await linkMerchant(staff(), p, merchants[2].id, lateLink);
  await mature(staff());
  await checkEvents(model, answers);
  await checkMoney(model, 'after the stream');
  await payOut(model, plan);
  await checkMoney(model, 'after the payouts');
}

describe('settlement against a model', () => {
  it('agrees to the cent after any stream of charges, refunds and disputes, duplicated, reordered and across restarts, and the payouts after it', async () => {
    const property = fc.asyncProperty(
      fc.array(chargeArb, { minLength: 1, maxLength: 8 }), fc.array(refundArb, { maxLength: 8 }), fc.array(disputeArb, { maxLength: 4 }), deliveryArb, run,
    );
    // Always run once: every refund and dispute before its charge, everything twice at once, a restart of each gateway.
    const charge: ChargeOp = { merchant: 0, amount: 10_000, feeShare: 3, matured: true, currency: 'USD', asText: false, resent: true };
    const everythingFirst: [ChargeOp[], RefundOp[], DisputeOp[], DeliveryPlan] = [
      [charge, { ...charge, merchant: 2, currency: 'EUR', matured: false }],
      [{ charge: 0, share: 40, resent: true, kind: 'fits' }, { charge: 1, share: 100, resent: false, kind: 'fits' }, { charge: 0, share: 1, resent: false, kind: 'over' }],
      [{ charge: 0, share: 20, reopened: true, reclosed: true, outcome: 'lost' }, { charge: 1, share: 50, reopened: false, reclosed: false, outcome: 'won' }],
      { reversed: true, order: [], copies: [1], together: [2], restarts: [0, 3], matureAt: [1], payouts: ['failed', 'paid'] },
    ];
    await fc.assert(property, { numRuns: Number(process.env.SETTLEMENT_MODEL_RUNS ?? 6), examples: [everythingFirst] });
  }, 240_000);
});
