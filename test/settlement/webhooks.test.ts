import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { startTestGateway, uniq, type TestGateway } from '../testkit/gateway.js';
import { errorCode, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { Role } from '../../src/platform/auth/roles.js';
import { recordSecret } from '../testkit/secrets.js';
import { deliver as deliverTo, events, merchantAt, registerProcessor, signed, type Processor } from '../testkit/processor.js';

// Processors' deliveries to POST /webhooks/<slug>, over real HTTP as a processor sends them,
// signed with the Standard Webhooks scheme by the reference library (not by Folio's code).
let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

const WhEvents = graphql(`
  query WhEvents($filter: ProcessorEventFilterInput, $first: Int) {
    processorEvents(filter: $filter, first: $first) { edges { node { id processorId eventId type status entryId note body headers receivedAt } } pageInfo { hasNextPage } }
  }
`);
const WhDeadLetters = graphql(`query WhDeadLetters($processorId: ID) { processorDeadLetters(processorId: $processorId) { edges { node { id processorId eventId reason body } } } }`);
const WhNode = graphql(`query WhNode($id: ID!) { node(id: $id) { id ... on ProcessorEvent { eventId type } } }`);
const WhEntry = graphql(`query WhEntry($id: ID!) { entry(id: $id) { id effectiveAt metadata postings { account { code } direction amount { amount currency } } } }`);
const WhAccount = graphql(`query WhAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }`);
const WhAccountId = graphql(`query WhAccountId($code: String!) { accountByCode(code: $code) { id } }`);
const WhFreeze = graphql(`mutation WhFreeze($id: ID!) { updateAccount(input: { id: $id, status: FROZEN }) { status } }`);
const WhRotate = graphql(`mutation WhRotate($id: ID!) { rotateProcessorSecret(input: { id: $id }) { signingSecret } }`);

const processor = () => registerProcessor(gw);
const deliver = (slug: string, body: string, headers: Record<string, string>) => deliverTo(gw, slug, body, headers);

const charge = (over: Record<string, unknown> = {}) => JSON.stringify({ type: 'charge.succeeded', data: { id: 'ch_1', amount: 2500, fee: 75, currency: 'USD', merchant: 'm-1', occurred_at: new Date().toISOString() }, ...over });

async function stored(p: Processor, eventId: string) {
  const db = gw.services.orm.em.fork().getKysely();
  const { rows } = await sql<{ raw_body: Buffer; status: string; type: string; headers: Record<string, string> }>`select e.raw_body, e.status, e.type, e.headers from settlement_processor_event e
    join settlement_processor p on p.id = e.processor_id where p.slug = ${p.slug} and e.event_id = ${eventId}`.execute(db);
  return rows;
}

async function deadLetters(p: Processor) {
  const db = gw.services.orm.em.fork().getKysely();
  const { rows } = await sql<{ reason: string; raw_body: Buffer }>`select d.reason, d.raw_body from settlement_processor_dead_letter d
    join settlement_processor p on p.id = d.processor_id where p.slug = ${p.slug} order by d.id`.execute(db);
  return rows;
}

describe('the webhook signature', () => {
  it('accepts a signed delivery (201) and keeps its body byte for byte with the headers that matter', async () => {
    const p = await processor();
    const body = charge({ note: 'café ☕ \u2028' });
    const id = uniq('evt');
    // No merchant is linked to the charge's "m-1": stored, and UNMATCHED.
    expect(await deliver(p.slug, body, signed(p.secret, id, body))).toEqual({ status: 201, body: { received: true, duplicate: false, eventId: id, status: 'UNMATCHED' } });
    const [row] = await stored(p, id);
    expect(row.raw_body.equals(Buffer.from(body))).toBe(true);
    expect(row).toMatchObject({ status: 'UNMATCHED', type: 'charge.succeeded' });
    expect(Object.keys(row.headers).sort()).toEqual(['content-type', 'webhook-id', 'webhook-signature', 'webhook-timestamp']);
  });

  it('refuses a wrong secret, a tampered body, an old or future timestamp and missing headers with 401, storing nothing', async () => {
    const p = await processor();
    const other = await processor();
    const body = charge();
    const cases: [string, string, Record<string, string>][] = [
      ['wrong secret', body, signed(other.secret, uniq('evt'), body)],
      ['tampered body', body.replace('2500', '2501'), signed(p.secret, uniq('evt'), body)],
      ['six minutes old', body, signed(p.secret, uniq('evt'), body, new Date(Date.now() - 6 * 60_000))],
      ['six minutes ahead', body, signed(p.secret, uniq('evt'), body, new Date(Date.now() + 6 * 60_000))],
      ['no signature', body, { 'webhook-id': uniq('evt'), 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) }],
      ['no headers at all', body, { 'content-type': 'application/json' }],
    ];
    for (const [label, sent, headers] of cases) {
      const answer = await deliver(p.slug, sent, headers);
      expect(answer, label).toMatchObject({ status: 401, body: { code: 'WEBHOOK_SIGNATURE_INVALID' } });
    }
    const db = gw.services.orm.em.fork().getKysely();
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from settlement_processor_event e join settlement_processor p on p.id = e.processor_id where p.slug = ${p.slug}`.execute(db);
    expect(rows[0].n).toBe('0');
    expect(await deadLetters(p)).toEqual([]);
  });

  it('verifies with the new secret and, for a day, the previous one after a rotation', async () => {
    const p = await processor();
    const rotated = (await gw.request(WhRotate, { id: p.id })).data!.rotateProcessorSecret.signingSecret;
    recordSecret(rotated);
    const body = charge();
    expect((await deliver(p.slug, body, signed(rotated, uniq('evt'), body))).status).toBe(201);
    expect((await deliver(p.slug, body, signed(p.secret, uniq('evt'), body))).status).toBe(201);
  });

  it('verifies a secret rotated on another gateway, though this one keeps the processor it read', async () => {
    const p = await processor();
    const other = await startTestGateway();
    try {
      const body = charge();
      // The other gateway reads the processor, and keeps it.
      expect((await deliverTo(other, p.slug, body, signed(p.secret, uniq('evt'), body))).status).toBe(201);
      const rotated = (await gw.request(WhRotate, { id: p.id })).data!.rotateProcessorSecret.signingSecret;
      recordSecret(rotated);
      expect((await deliverTo(other, p.slug, body, signed(rotated, uniq('evt'), body))).status).toBe(201);
      expect((await deliverTo(other, p.slug, body, signed(p.secret, uniq('evt'), body))).status, 'the previous secret, for a day').toBe(201);
      expect((await deliverTo(other, p.slug, body, signed(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, uniq('evt'), body))).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers 404 with PROCESSOR_NOT_FOUND for a slug no processor has', async () => {
    const body = charge();
    expect(await deliver('no-such-processor', body, signed('whsec_' + Buffer.alloc(32, 1).toString('base64'), uniq('evt'), body)))
      .toMatchObject({ status: 404, body: { code: 'PROCESSOR_NOT_FOUND' } });
  });
});

describe('deliveries once and only once', () => {
  it('stores an event sent 20 times at once once: one 201, nineteen 200 duplicates', async () => {
    const p = await processor();
    const body = charge();
    const id = uniq('evt');
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(p.slug, body, signed(p.secret, id, body))));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200 && a.body.duplicate === true)).toHaveLength(19);
    expect(await stored(p, id)).toHaveLength(1);
  });

  it('answers a redelivery later, signed anew, 200 duplicate', async () => {
    const p = await processor();
    const body = charge();
    const id = uniq('evt');
    expect((await deliver(p.slug, body, signed(p.secret, id, body, new Date(Date.now() - 60_000)))).status).toBe(201);
    expect(await deliver(p.slug, body, signed(p.secret, id, body))).toMatchObject({ status: 200, body: { duplicate: true } });
  });

  it('stores an event of a type Folio does not apply and answers 202, so the processor stops retrying', async () => {
    const p = await processor();
    const body = JSON.stringify({ type: 'customer.updated', data: {} });
    const id = uniq('evt');
    expect(await deliver(p.slug, body, signed(p.secret, id, body))).toMatchObject({ status: 202, body: { received: true, applied: false } });
    expect(await stored(p, id)).toMatchObject([{ status: 'IGNORED', type: 'customer.updated' }]);
  });

  it('keeps what was received: the stored event cannot be changed or deleted', async () => {
    const p = await processor();
    const body = charge();
    const id = uniq('evt');
    await deliver(p.slug, body, signed(p.secret, id, body));
    const db = gw.services.orm.em.fork().getKysely();
    await expect(sql`update settlement_processor_event set raw_body = '\\x00' where event_id = ${id}`.execute(db)).rejects.toThrow(/kept as received/);
    await expect(sql`delete from settlement_processor_event where event_id = ${id}`.execute(db)).rejects.toThrow(/kept as received/);
  });
});

describe('bodies Folio cannot read', () => {
  it('answers a signed body that is not an event 400 WEBHOOK_PAYLOAD_MALFORMED and keeps it as a dead letter, raw', async () => {
    const p = await processor();
    const cases = ['{"type": "charge.succeeded",', '[1, 2]', '{"data": {}}', JSON.stringify({ type: 'x'.repeat(101) })];
    for (const body of cases) {
      expect(await deliver(p.slug, body, signed(p.secret, uniq('evt'), body)), body).toMatchObject({ status: 400, body: { code: 'WEBHOOK_PAYLOAD_MALFORMED' } });
    }
    const letters = await deadLetters(p);
    expect(letters.map((l) => l.raw_body.toString('utf8'))).toEqual(cases);
    expect(letters[0].reason).toBe('the body is not JSON');
  });

  it('refuses a body over 256 KiB with 413 before reading it', async () => {
    const p = await processor();
    const body = JSON.stringify({ type: 'charge.succeeded', pad: 'x'.repeat(300 * 1024) });
    expect(await deliver(p.slug, body, signed(p.secret, uniq('evt'), body))).toMatchObject({ status: 413, body: { code: 'WEBHOOK_BODY_TOO_LARGE' } });
  });
});

describe('what processors delivered, for staff', () => {
  it('lists stored events newest first with their bodies and headers as received, filtered by processor, type and status', async () => {
    const p = await processor();
    const first = charge();
    const second = JSON.stringify({ type: 'customer.updated' });
    const [a, b] = [uniq('evt'), uniq('evt')];
    await deliver(p.slug, first, signed(p.secret, a, first));
    await deliver(p.slug, second, signed(p.secret, b, second));
    const all = (await gw.request(WhEvents, { filter: { processorId: p.id } })).data!.processorEvents.edges.map((e) => e.node);
    expect(all.map((e) => [e.eventId, e.type, e.status])).toEqual([[b, 'customer.updated', 'IGNORED'], [a, 'charge.succeeded', 'UNMATCHED']]);
    expect(all[1]).toMatchObject({ processorId: p.id, body: first, headers: { 'webhook-id': a, 'content-type': 'application/json' } });
    const received = (await gw.request(WhEvents, { filter: { processorId: p.id, status: 'UNMATCHED' } })).data!.processorEvents.edges;
    expect(received.map((e) => e.node.eventId)).toEqual([a]);
    const byType = (await gw.request(WhEvents, { filter: { processorId: p.id, type: 'customer.updated' } })).data!.processorEvents.edges;
    expect(byType.map((e) => e.node.eventId)).toEqual([b]);
    const paged = (await gw.request(WhEvents, { filter: { processorId: p.id }, first: 1 })).data!.processorEvents;
    expect(paged.pageInfo.hasNextPage).toBe(true);
    expect((await gw.request(WhNode, { id: all[1].id })).data!.node).toEqual({ id: all[1].id, eventId: a, type: 'charge.succeeded' });
  });

  it('lists dead letters with their raw bodies and reasons', async () => {
    const p = await processor();
    const body = 'not json at all';
    const id = uniq('evt');
    await deliver(p.slug, body, signed(p.secret, id, body));
    const letters = (await gw.request(WhDeadLetters, { processorId: p.id })).data!.processorDeadLetters.edges.map((e) => e.node);
    expect(letters).toEqual([{ id: expect.stringMatching(/^pdl_\d+$/), processorId: p.id, eventId: id, reason: 'the body is not JSON', body }]);
  });

  it('shows none of it to anyone but staff', async () => {
    const customer = await gw.user(Role.CUSTOMER);
    expect(errorCode(await gw.as(customer).request(WhEvents, {}))).toBe('FORBIDDEN');
    expect(errorCode(await gw.as(customer).request(WhDeadLetters, {}))).toBe('FORBIDDEN');
    expect(errorCode(await gw.request(WhEvents, { filter: { processorId: 'mer_1' } }))).toBe('BAD_USER_INPUT');
  });
});

describe('charges posted to the ledger', () => {
  /** A processor, a merchant linked to it by a fresh id, and the merchant's row id. */
  async function linked() {
    const p = await processor();
    const merchant = await merchantAt(gw, p);
    return { p, merchantRowId: merchant.rowId, processorRowId: p.rowId, externalId: merchant.externalId };
  }
  const chargeFor = (merchant: string, data: Record<string, unknown> = {}) => JSON.stringify({ type: 'charge.succeeded', data: events.charge(merchant, data) });
  const posted = async (code: string) => (await gw.request(WhAccount, { code })).data!.accountByCode?.balance.posted.amount;
  const eventOf = async (p: Processor, eventId: string) =>
    (await gw.request(WhEvents, { filter: { processorId: p.id } })).data!.processorEvents.edges.map((e) => e.node).find((n) => n.eventId === eventId)!;

  it('posts a charge once at its occurred_at: the processor owes the net, the merchant is owed it (not matured), the fee is expense and recharged revenue', async () => {
    const { p, merchantRowId, processorRowId, externalId } = await linked();
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    const body = chargeFor(externalId, { occurred_at: occurredAt });
    const id = uniq('evt');
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(p.slug, body, signed(p.secret, id, body))));
    expect(answers.filter((a) => a.status === 201).map((a) => a.body.status)).toEqual(['APPLIED']);
    const event = await eventOf(p, id);
    expect(event).toMatchObject({ status: 'APPLIED', note: null, entryId: expect.stringMatching(/^ent_\d+$/) });
    const entry = (await gw.request(WhEntry, { id: event.entryId! })).data!.entry!;
    expect(new Date(entry.effectiveAt).toISOString()).toBe(occurredAt);
    const lines = entry.postings.map((l) => `${l.direction} ${l.account!.code} ${l.amount.amount}`).sort();
    expect(lines).toEqual([
      `CREDIT merchant:${merchantRowId}:settlement:${processorRowId}:immature:usd 2425`, `CREDIT processor:${processorRowId}:fees-recharged:usd 75`,
      `DEBIT processor:${processorRowId}:fees:usd 75`, `DEBIT processor:${processorRowId}:receivable:usd 2425`,
    ]);
    expect(await posted(`processor:${processorRowId}:receivable:usd`)).toBe('2425');
    expect(await posted(`merchant:${merchantRowId}:settlement:${processorRowId}:immature:usd`)).toBe('2425');
  });

  it('keeps a charge for a merchant no link matches UNMATCHED, and one it cannot post REJECTED, posting neither', async () => {
    const { p, processorRowId, externalId } = await linked();
    const cases: [string, Record<string, unknown> | null, string][] = [
      ['unknown merchant', null, 'UNMATCHED'],
      ['fee above the amount', { fee: 3000 }, 'REJECTED'],
      ['a fractional amount', { amount: 12.5 }, 'REJECTED'],
      ['no occurred_at', { occurred_at: undefined }, 'REJECTED'],
      ['an unknown currency', { currency: 'XYZ1' }, 'REJECTED'],
    ];
    for (const [label, data, status] of cases) {
      const body = data === null ? chargeFor(uniq('stranger')) : chargeFor(externalId, data);
      const id = uniq('evt');
      const answer = await deliver(p.slug, body, signed(p.secret, id, body));
      expect(answer, label).toMatchObject({ status: 201, body: { status } });
      expect((await eventOf(p, id)).note, label).toEqual(expect.any(String));
    }
    expect(await posted(`processor:${processorRowId}:receivable:usd`)).toBeUndefined();
  });

  it('applies charges that arrive together, batched, each to its own outcome: a repeat, a frozen account, no link, bad data', async () => {
    const { p, merchantRowId, processorRowId, externalId } = await linked();
    const other = await merchantAt(gw, p);
    // The other merchant's first charge opens its accounts; then its immature account is frozen.
    const first = chargeFor(other.externalId);
    expect((await deliver(p.slug, first, signed(p.secret, uniq('evt'), first))).body.status).toBe('APPLIED');
    const frozen = (await gw.request(WhAccountId, { code: `merchant:${other.rowId}:settlement:${processorRowId}:immature:usd` })).data!.accountByCode!.id;
    expect((await gw.request(WhFreeze, { id: frozen })).data!.updateAccount.status).toBe('FROZEN');
    const repeated = events.charge(externalId, { amount: 1000, fee: 0 });
    const bodies: [string, string][] = [
      ...Array.from({ length: 20 }, (_, i) => ['APPLIED', chargeFor(externalId, { amount: 1000 + i, fee: i })] as [string, string]),
      ['repeat', JSON.stringify({ type: 'charge.succeeded', data: repeated })], ['repeat', JSON.stringify({ type: 'charge.succeeded', data: repeated })],
      ['frozen', chargeFor(other.externalId)], ['UNMATCHED', chargeFor(uniq('stranger'))], ['REJECTED', chargeFor(externalId, { fee: 2501 })],
    ];
    const sent = bodies.map(([expected, body]) => ({ expected, body, id: uniq('evt') }));
    const answers = await Promise.all(sent.map(({ body, id }) => deliver(p.slug, body, signed(p.secret, id, body))));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const stored = new Map((await gw.request(WhEvents, { filter: { processorId: p.id }, first: 100 })).data!.processorEvents.edges.map((e) => [e.node.eventId, e.node]));
    const statusOf = (kind: string) => sent.filter((s) => s.expected === kind).map((s) => stored.get(s.id)!);
    expect(statusOf('APPLIED').map((e) => e.status)).toEqual(Array(20).fill('APPLIED'));
    expect(new Set(statusOf('APPLIED').map((e) => e.entryId)).size).toBe(20);
    expect(statusOf('repeat').map((e) => e.status).sort()).toEqual(['APPLIED', 'REJECTED']);
    expect(statusOf('repeat').find((e) => e.status === 'REJECTED')!.note).toMatch(new RegExp(`^charge "${repeated.id}" was applied already, from event evt-`));
    expect(statusOf('frozen')[0]).toMatchObject({ status: 'REJECTED', note: expect.stringMatching(/^ACCOUNT_FROZEN/) });
    expect(statusOf('UNMATCHED')[0].status).toBe('UNMATCHED');
    expect(statusOf('REJECTED')[0]).toMatchObject({ status: 'REJECTED', note: 'a charge\'s "fee" is at most its "amount"' });
    // 20 nets of 1000 + i − i, and the repeated charge's 1000 once.
    expect(await posted(`merchant:${merchantRowId}:settlement:${processorRowId}:immature:usd`)).toBe(String(21 * 1000));
    expect(await posted(`merchant:${other.rowId}:settlement:${processorRowId}:immature:usd`)).toBe('2425');
  });
});
