import { describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { graphql } from '../gql/index.js';
import { uniq, type TestGateway } from '../testkit/gateway.js';
import { errorCode, gatewayForFile } from '../testkit/ledger-fixtures.js';
import { collect } from '../testkit/subscriptions.js';
import { BlInvoice, BlInvoices, BlIssue, BlPayers, BlVoid, inDays, invoiceFor, pay, payerOf, school } from './billing-fixtures.js';

// Invoices and payments through GraphQL, as a school's staff, its payers' guardians and staff call them.
let gw: TestGateway;
gatewayForFile((started) => { gw = started; });

const BlAccount = graphql(`query BlAccount($code: String!) { accountByCode(code: $code) { balance { posted { amount } } } }`);
const BlEntry = graphql(`query BlEntry($id: ID!) { entry(id: $id) { effectiveAt postings { account { code } direction amount { amount } } } }`);
const BlArchive = graphql(`mutation BlArchive($id: ID!) { archivePayer(input: { id: $id }) { id status archivedAt } }`);
const BlGuardian = graphql(`mutation BlGuardian($input: PayerGuardianInput!) { addPayerGuardian(input: $input) { id guardians { id } } }`);

const posted = async (code: string) => (await gw.request(BlAccount, { code })).data!.accountByCode?.balance.posted.amount;

describe('issuing', () => {
  it('issues an invoice PENDING with its lines’ total, posting the payer’s receivable against the school’s revenue at issuedAt', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const { input, answer } = await invoiceFor(s, payer.id, [], 30, {
      lines: [{ description: 'Tuition', quantity: 3, unitAmount: '12500' }, { description: 'Lab fee', quantity: 1, unitAmount: '2999' }], memo: 'Spring term',
    });
    const invoice = answer.data!.issueInvoice;
    expect(invoice).toMatchObject({ status: 'PENDING', currency: 'USD', total: { amount: '40499' }, paid: { amount: '0' }, remaining: { amount: '40499' }, memo: 'Spring term' });
    expect(invoice.lines).toEqual([
      { description: 'Tuition', quantity: 3, unitAmount: { amount: '12500' }, amount: { amount: '37500' } },
      { description: 'Lab fee', quantity: 1, unitAmount: { amount: '2999' }, amount: { amount: '2999' } },
    ]);
    const entry = (await gw.request(BlEntry, { id: invoice.entryId! })).data!.entry!;
    expect(new Date(entry.effectiveAt).toISOString()).toBe(input.issuedAt);
    const payerRow = payer.id.replace('pyr_', '');
    expect(entry.postings.map((p) => `${p.direction} ${p.account!.code} ${p.amount.amount}`).sort())
      .toEqual([`CREDIT merchant:${s.rowId}:billing-revenue:usd 40499`, `DEBIT payer:${payerRow}:receivable:usd 40499`]);
    expect(await posted(`payer:${payerRow}:receivable:usd`)).toBe('40499');
  });

  it('takes the number as the idempotency key: the same payload returns the first invoice, another is INVOICE_NUMBER_TAKEN', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const { input, answer } = await invoiceFor(s, payer.id, [5000]);
    const again = await s.client.request(BlIssue, { input });
    expect(again.data!.issueInvoice.id).toBe(answer.data!.issueInvoice.id);
    expect(errorCode(await s.client.request(BlIssue, { input: { ...input, lines: [{ description: 'Other', quantity: 1, unitAmount: '5001' }] } }))).toBe('INVOICE_NUMBER_TAKEN');
    expect(await posted(`payer:${payer.id.replace('pyr_', '')}:receivable:usd`)).toBe('5000');
  });

  it('refuses bad input with a typed error and writes nothing', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const line = { description: 'Fee', quantity: 1, unitAmount: '100' };
    const cases: [string, Record<string, unknown>, string][] = [
      ['no lines', { lines: [] }, 'BAD_USER_INPUT'],
      ['quantity 0', { lines: [{ ...line, quantity: 0 }] }, 'BAD_USER_INPUT'],
      ['an empty description', { lines: [{ ...line, description: ' ' }] }, 'BAD_USER_INPUT'],
      ['a fractional unit amount', { lines: [{ ...line, unitAmount: '1.5' }] }, 'INVALID_AMOUNT'],
      ['a zero unit amount', { lines: [{ ...line, unitAmount: '0' }] }, 'AMOUNT_NOT_POSITIVE'],
      ['an unknown currency', { currency: 'US1' }, 'INVALID_CURRENCY'],
      ['due before issued', { dueAt: inDays(-3) }, 'BAD_USER_INPUT'],
      ['a number too long', { number: 'N'.repeat(65) }, 'BAD_USER_INPUT'],
      ['another school’s payer', { payerId: (await payerOf(await school(gw))).id }, 'NOT_FOUND'],
      ['not a payer id', { payerId: 'mer_1' }, 'BAD_USER_INPUT'],
    ];
    for (const [label, over, code] of cases) expect(errorCode((await invoiceFor(s, payer.id, [100], 30, over)).answer), label).toBe(code);
    expect((await s.client.request(BlInvoices, { filter: { payerId: payer.id } })).data!.invoices.edges).toEqual([]);
    expect(await posted(`payer:${payer.id.replace('pyr_', '')}:receivable:usd`)).toBeUndefined();
  });

  it('archives a payer: it keeps its invoices and takes no new one (PAYER_ARCHIVED) nor guardian', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const kept = (await invoiceFor(s, payer.id)).answer.data!.issueInvoice;
    expect((await s.client.request(BlArchive, { id: payer.id })).data!.archivePayer).toMatchObject({ status: 'ARCHIVED', archivedAt: expect.any(String) });
    expect(errorCode((await invoiceFor(s, payer.id)).answer)).toBe('PAYER_ARCHIVED');
    const parent = await gw.user(Role.CUSTOMER, 'parent');
    expect(errorCode(await s.client.request(BlGuardian, { input: { payerId: payer.id, userId: `usr_${parent.userId}` } }))).toBe('PAYER_ARCHIVED');
    expect((await s.client.request(BlInvoices, { filter: { payerId: payer.id } })).data!.invoices.edges.map((e) => e.node.id)).toEqual([kept.id]);
    expect((await s.client.request(BlPayers, { filter: { status: 'ARCHIVED' } })).data!.payers.edges.map((e) => e.node.id)).toEqual([payer.id]);
  });
});

describe('payments', () => {
  it('moves PENDING → PARTIALLY_PAID → PAID, never above what remains, the remaining amount in the refusal', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const invoice = (await invoiceFor(s, payer.id, [1000])).answer.data!.issueInvoice;
    const first = await pay(s, invoice.id, '400');
    expect(first.data!.recordInvoicePayment).toMatchObject({ replayed: false, payment: { amount: { amount: '400' }, method: 'EXTERNAL', reference: 'BANK-123' }, invoice: { status: 'PARTIALLY_PAID', remaining: { amount: '600' } } });
    const over = await pay(s, invoice.id, '601');
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'PAYMENT_EXCEEDS_REMAINING', remaining: '600', currency: 'USD' });
    expect((await pay(s, invoice.id, '600')).data!.recordInvoicePayment.invoice).toMatchObject({ status: 'PAID', remaining: { amount: '0' } });
    expect(errorCode(await pay(s, invoice.id, '1'))).toBe('INVALID_INVOICE_TRANSITION');
    const payerRow = payer.id.replace('pyr_', '');
    expect(await posted(`payer:${payerRow}:receivable:usd`)).toBe('0');
    expect(await posted(`merchant:${s.rowId}:billing-cash:usd`)).toBe('1000');
    expect((await s.client.request(BlInvoice, { id: invoice.id })).data!.invoice!.payments.map((p) => p.amount.amount)).toEqual(['400', '600']);
  });

  it('records a payment once per idempotency key: a replay returns it, another payload is IDEMPOTENCY_KEY_REUSED', async () => {
    const s = await school(gw);
    const invoice = (await invoiceFor(s, (await payerOf(s)).id, [1000])).answer.data!.issueInvoice;
    const key = uniq('pay');
    const first = (await pay(s, invoice.id, '300', key)).data!.recordInvoicePayment;
    const again = (await pay(s, invoice.id, '300', key)).data!.recordInvoicePayment;
    expect(again).toMatchObject({ replayed: true, payment: { id: first.payment.id }, invoice: { remaining: { amount: '700' } } });
    expect(errorCode(await pay(s, invoice.id, '301', key))).toBe('IDEMPOTENCY_KEY_REUSED');
    for (const [amount, code] of [['0', 'AMOUNT_NOT_POSITIVE'], ['-5', 'AMOUNT_NOT_POSITIVE'], ['abc', 'INVALID_AMOUNT']] as const) expect(errorCode(await pay(s, invoice.id, amount)), amount).toBe(code);
    expect(errorCode(await pay(s, invoice.id, '1', uniq('pay'), { paidAt: inDays(2) }))).toBe('BAD_USER_INPUT');
  });

  it('lets concurrent payments that each fit but together exceed the invoice through only as far as it goes', async () => {
    const s = await school(gw);
    const invoice = (await invoiceFor(s, (await payerOf(s)).id, [1000])).answer.data!.issueInvoice;
    const answers = await Promise.all(Array.from({ length: 10 }, () => pay(s, invoice.id, '300')));
    expect(answers.filter((a) => !a.errors)).toHaveLength(3);
    expect(answers.filter((a) => a.errors).map(errorCode)).toEqual(Array(7).fill('PAYMENT_EXCEEDS_REMAINING'));
    expect((await s.client.request(BlInvoice, { id: invoice.id })).data!.invoice).toMatchObject({ status: 'PARTIALLY_PAID', paid: { amount: '900' }, remaining: { amount: '100' } });
  });
});

describe('voiding', () => {
  it('voids an invoice nothing is paid on by reversing its entry, once; a paid one is INVALID_INVOICE_TRANSITION; a void one takes no payment', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const invoice = (await invoiceFor(s, payer.id, [2500])).answer.data!.issueInvoice;
    const voided = (await s.client.request(BlVoid, { id: invoice.id })).data!.voidInvoice;
    expect(voided).toMatchObject({ status: 'VOID', remaining: { amount: '0' }, voidEntryId: expect.stringMatching(/^ent_/) });
    expect((await s.client.request(BlVoid, { id: invoice.id })).data!.voidInvoice.voidEntryId).toBe(voided.voidEntryId);
    expect(await posted(`payer:${payer.id.replace('pyr_', '')}:receivable:usd`)).toBe('0');
    expect(errorCode(await pay(s, invoice.id, '1'))).toBe('INVALID_INVOICE_TRANSITION');
    const partly = (await invoiceFor(s, payer.id, [2500])).answer.data!.issueInvoice;
    await pay(s, partly.id, '1');
    expect(errorCode(await s.client.request(BlVoid, { id: partly.id }))).toBe('INVALID_INVOICE_TRANSITION');
  });

  it('ends a payment racing a void in one consistent state: paid and not void, or void and unpaid', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    for (let round = 0; round < 5; round += 1) {
      const invoice = (await invoiceFor(s, payer.id, [800])).answer.data!.issueInvoice;
      const [paid, voided] = await Promise.all([pay(s, invoice.id, '800'), s.client.request(BlVoid, { id: invoice.id })]);
      const final = (await s.client.request(BlInvoice, { id: invoice.id })).data!.invoice!;
      if (final.status === 'VOID') {
        expect(errorCode(paid)).toBe('INVALID_INVOICE_TRANSITION');
        expect(final.payments).toEqual([]);
      } else {
        expect(final).toMatchObject({ status: 'PAID', paid: { amount: '800' } });
        expect(errorCode(voided)).toBe('INVALID_INVOICE_TRANSITION');
      }
    }
    expect(await posted(`payer:${payer.id.replace('pyr_', '')}:receivable:usd`)).toBe('0');
  });
});

describe('the invoice state machine, as a table', () => {
  it('moves each state by each action as the README says, or refuses it with INVALID_INVOICE_TRANSITION', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    /** An invoice of 1000 brought to the state. */
    const inState = async (state: string) => {
      const id = (await invoiceFor(s, payer.id, [1000])).answer.data!.issueInvoice.id;
      if (state === 'PARTIALLY_PAID') await pay(s, id, '300');
      if (state === 'PAID') await pay(s, id, '1000');
      if (state === 'VOID') await s.client.request(BlVoid, { id });
      return id;
    };
    const actions: Record<string, (id: string) => Promise<{ errors?: readonly unknown[] }>> = {
      'pay part': (id) => pay(s, id, '100'),
      'pay the rest': async (id) => pay(s, id, (await s.client.request(BlInvoice, { id })).data!.invoice!.remaining.amount),
      void: (id) => s.client.request(BlVoid, { id }),
    };
    const table: [string, string, string][] = [
      ['PENDING', 'pay part', 'PARTIALLY_PAID'], ['PENDING', 'pay the rest', 'PAID'], ['PENDING', 'void', 'VOID'],
      ['PARTIALLY_PAID', 'pay part', 'PARTIALLY_PAID'], ['PARTIALLY_PAID', 'pay the rest', 'PAID'], ['PARTIALLY_PAID', 'void', 'INVALID_INVOICE_TRANSITION'],
      ['PAID', 'pay part', 'INVALID_INVOICE_TRANSITION'], ['PAID', 'void', 'INVALID_INVOICE_TRANSITION'],
      ['VOID', 'pay part', 'INVALID_INVOICE_TRANSITION'], ['VOID', 'void', 'VOID'],
    ];
    for (const [from, action, to] of table) {
      const id = await inState(from);
      const answer = await actions[action](id);
      const now = (await s.client.request(BlInvoice, { id })).data!.invoice!.status;
      if (to === 'INVALID_INVOICE_TRANSITION') {
        expect(errorCode(answer as never), `${from} → ${action}`).toBe(to);
        expect(now, `${from} → ${action} leaves it`).toBe(from);
      } else {
        expect(now, `${from} → ${action}`).toBe(to);
      }
    }
  });
});

describe('overdue, computed as of a time', () => {
  it('is true only for an open invoice past its due time', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const due = new Date(Date.now() - 10 * 86_400_000);
    const make = async () => (await invoiceFor(s, payer.id, [1000], -10, { issuedAt: inDays(-40) })).answer.data!.issueInvoice.id;
    const [pending, partly, paid, voided] = [await make(), await make(), await make(), await make()];
    await pay(s, partly, '1');
    await pay(s, paid, '1000');
    await s.client.request(BlVoid, { id: voided });
    const before = new Date(due.getTime() - 1_000).toISOString();
    const at = due.toISOString();
    const after = new Date(due.getTime() + 1_000).toISOString();
    const table: [string, string, boolean][] = [
      [pending, before, false], [pending, at, false], [pending, after, true],
      [partly, before, false], [partly, after, true],
      [paid, after, false], [voided, after, false],
    ];
    for (const [id, asOf, overdue] of table) {
      expect((await s.client.request(BlInvoice, { id, asOf })).data!.invoice!.overdue, `${id} as of ${asOf}`).toBe(overdue);
    }
    // Without asOf: now, ten days after it was due.
    expect((await s.client.request(BlInvoice, { id: pending })).data!.invoice!.overdue).toBe(true);
  });
});

describe('who sees what', () => {
  it('shows a guardian its payers’ invoices only, and a school’s staff their school’s only; guardians change nothing', async () => {
    const s = await school(gw);
    const other = await school(gw);
    const parent = await gw.user(Role.CUSTOMER, 'parent');
    const stranger = await gw.user(Role.CUSTOMER, 'stranger');
    const mine = await payerOf(s, [parent]);
    const notMine = await payerOf(s);
    const invoice = (await invoiceFor(s, mine.id)).answer.data!.issueInvoice;
    const hidden = (await invoiceFor(s, notMine.id)).answer.data!.issueInvoice;
    const asParent = gw.as(parent);
    expect((await asParent.request(BlInvoice, { id: invoice.id })).data!.invoice!.id).toBe(invoice.id);
    expect((await asParent.request(BlInvoice, { id: hidden.id })).data!.invoice).toBeNull();
    expect((await asParent.request(BlInvoices, {})).data!.invoices.edges.map((e) => e.node.id)).toEqual([invoice.id]);
    // Naming the other payer narrows, never widens.
    expect((await asParent.request(BlInvoices, { filter: { payerId: notMine.id } })).data!.invoices.edges).toEqual([]);
    expect((await asParent.request(BlPayers, {})).data!.payers.edges.map((e) => e.node.id)).toEqual([mine.id]);
    expect((await gw.as(stranger).request(BlInvoice, { id: invoice.id })).data!.invoice).toBeNull();
    expect(errorCode(await asParent.request(BlVoid, { id: invoice.id }))).toBe('FORBIDDEN');
    // The other school's staff: nothing of this school's, by id, by filter or by mutation.
    expect((await other.client.request(BlInvoice, { id: invoice.id })).data!.invoice).toBeNull();
    expect((await other.client.request(BlInvoices, { filter: { merchantId: s.id } })).data!.invoices.edges).toEqual([]);
    expect(errorCode(await pay(other, invoice.id, '1'))).toBe('NOT_FOUND');
    expect(errorCode(await other.client.request(BlVoid, { id: invoice.id }))).toBe('NOT_FOUND');
    expect((await s.client.request(BlInvoices, { filter: { merchantId: s.id } })).data!.invoices.edges.map((e) => e.node.id).sort()).toEqual([invoice.id, hidden.id].sort());
  });

  it('takes only active CUSTOMER users as guardians', async () => {
    const s = await school(gw);
    const merchantUser = await gw.user(Role.MERCHANT, 'not-a-parent');
    const made = await s.client.request(graphql(`mutation BlBadGuardian($input: CreatePayerInput!) { createPayer(input: $input) { id } }`), {
      input: { merchantId: s.id, name: 'Grace', guardianIds: [`usr_${merchantUser.userId}`] },
    });
    expect(errorCode(made)).toBe('USER_NOT_CUSTOMER');
    expect(errorCode(await s.client.request(graphql(`mutation BlOtherSchool($input: CreatePayerInput!) { createPayer(input: $input) { id } }`), {
      input: { merchantId: (await school(gw)).id, name: 'Grace' },
    }))).toBe('NOT_FOUND');
  });
});

describe('statements as CSV', () => {
  const csvUrl = (kind: string, id: string, query: Record<string, string>) => `${gw.url.replace(/\/graphql$/, '')}/billing/statements/${kind}/${id}.csv?${new URLSearchParams(query)}`;
  const period = () => ({ currency: 'USD', from: inDays(-30), to: inDays(1) });

  it('streams every line with its running balance between the opening and the closing, to whoever may read the statement', async () => {
    const s = await school(gw);
    const parent = await gw.user(Role.CUSTOMER, 'parent');
    const payer = await payerOf(s, [parent]);
    const invoice = (await invoiceFor(s, payer.id, [1000], 30, { number: uniq('INV, "spring"') })).answer.data!.issueInvoice;
    await pay(s, invoice.id, '300');
    const response = await fetch(csvUrl('payers', payer.id, period()), { headers: parent.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await response.text()).trim().split('\n');
    expect(rows[0]).toBe('at,kind,invoice_number,invoice_id,payment_id,amount,balance,currency');
    const quoted = `"${invoice.number.replaceAll('"', '""')}"`;
    expect(rows.slice(1).map((row) => row.split(',').slice(0, 2)[1] ?? '')).toEqual(['OPENING', 'INVOICE', 'PAYMENT', 'CLOSING']);
    expect(rows[2]).toContain(`INVOICE,${quoted},${invoice.id},,1000,1000,USD`);
    expect(rows[3]).toMatch(/,PAYMENT,.*,ipm_\d+,-300,700,USD$/);
    expect(rows[4]).toMatch(/,CLOSING,,,,,700,USD$/);
    const school_ = await fetch(csvUrl('organisations', s.id, period()), { headers: s.staff.headers });
    expect((await school_.text()).trim().split('\n').at(-1)).toMatch(/,CLOSING,,,,,700,USD$/);
  });

  it('refuses no credentials (401), a statement the caller may not read (404) and a bad period or currency (400)', async () => {
    const s = await school(gw);
    const payer = await payerOf(s);
    const stranger = await gw.user(Role.CUSTOMER, 'stranger');
    expect((await fetch(csvUrl('payers', payer.id, period()))).status).toBe(401);
    expect((await fetch(csvUrl('payers', payer.id, period()), { headers: stranger.headers })).status).toBe(404);
    expect((await fetch(csvUrl('organisations', s.id, period()), { headers: stranger.headers })).status).toBe(404);
    expect((await fetch(csvUrl('organisations', s.id, period()), { headers: (await school(gw)).staff.headers })).status).toBe(404);
    for (const bad of [{ ...period(), currency: 'US1' }, { ...period(), to: inDays(-40) }, { currency: 'USD', from: 'yesterday', to: inDays(1) }]) {
      const answer = await fetch(csvUrl('payers', payer.id, bad), { headers: s.staff.headers });
      expect(answer.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await fetch(csvUrl('payers', 'mer_1', period()), { headers: s.staff.headers })).status).toBe(400);
  });
});

describe('invoiceUpdated', () => {
  const BlUpdates = graphql(`subscription BlUpdates($after: String, $payerId: ID) { invoiceUpdated(after: $after, payerId: $payerId) { sequence status invoice { id paid { amount } } } }`);

  it('streams a guardian its payers’ invoices and the school’s staff the school’s, as they commit, resumable with after', async () => {
    const s = await school(gw);
    const parent = await gw.user(Role.CUSTOMER, 'parent');
    const payer = await payerOf(s, [parent]);
    const otherPayer = await payerOf(s);
    const mine = collect(gw.as(parent).ws(), BlUpdates, { after: '0' });
    const staff = collect(s.client.ws(), BlUpdates, { after: '0' });
    const invoice = (await invoiceFor(s, payer.id, [1000])).answer.data!.issueInvoice;
    await pay(s, invoice.id, '400');
    const hidden = (await invoiceFor(s, otherPayer.id, [500])).answer.data!.issueInvoice;
    await s.client.request(BlVoid, { id: hidden.id });
    await expect.poll(() => staff.items.length, { timeout: 10_000 }).toBe(4);
    expect(staff.items.map((i) => [i.invoiceUpdated.invoice.id, i.invoiceUpdated.status])).toEqual([[invoice.id, 'PENDING'], [invoice.id, 'PARTIALLY_PAID'], [hidden.id, 'PENDING'], [hidden.id, 'VOID']]);
    await expect.poll(() => mine.items.length, { timeout: 10_000 }).toBe(2);
    expect(mine.items.map((i) => i.invoiceUpdated.status)).toEqual(['PENDING', 'PARTIALLY_PAID']);
    mine.stop();
    const resumed = collect(gw.as(parent).ws(), BlUpdates, { after: mine.items[0].invoiceUpdated.sequence });
    await expect.poll(() => resumed.items.length, { timeout: 10_000 }).toBe(1);
    expect(resumed.items[0].invoiceUpdated.invoice.paid.amount).toBe('400');
    resumed.stop();
    staff.stop();
    // Naming a payer the caller does not reach is NOT_FOUND.
    const refused = collect(gw.as(parent).ws(), BlUpdates, { after: '0', payerId: otherPayer.id });
    await expect.poll(() => refused.errors.length, { timeout: 10_000 }).toBe(1);
    expect(refused.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    refused.stop();
  });
});

describe('paying from a guardian’s wallet', () => {
  const BlPayFromWallet = graphql(`
    mutation BlPayFromWallet($input: PayInvoiceInput!) { payInvoice(input: $input) { replayed payment { id method amount { amount } } invoice { status remaining { amount } } } }
  `);
  const BlWallet = graphql(`query BlWallet { wallets { currency balance { available { amount } } transactions(first: 5) { edges { node { kind amount { amount } reference } } } } }`);

  it('debits the guardian’s wallet and pays the invoice in one transaction, once per key; never more than the wallet holds or the invoice asks', async () => {
    const s = await school(gw);
    const parent = await gw.user(Role.CUSTOMER, 'parent');
    await gw.services.wallets.service.deposit({ userId: parent.userId, currency: 'USD', amount: '1500', reference: uniq('dep'), idempotencyKey: uniq('dep') });
    const payer = await payerOf(s, [parent]);
    const invoice = (await invoiceFor(s, payer.id, [1000])).answer.data!.issueInvoice;
    const asParent = gw.as(parent);
    const key = uniq('wpay');
    const part = (await asParent.request(BlPayFromWallet, { input: { invoiceId: invoice.id, amount: '400', idempotencyKey: key } })).data!.payInvoice;
    expect(part).toMatchObject({ replayed: false, payment: { method: 'WALLET', amount: { amount: '400' } }, invoice: { status: 'PARTIALLY_PAID', remaining: { amount: '600' } } });
    expect((await asParent.request(BlPayFromWallet, { input: { invoiceId: invoice.id, amount: '400', idempotencyKey: key } })).data!.payInvoice).toMatchObject({ replayed: true, payment: { id: part.payment.id } });
    expect(errorCode(await asParent.request(BlPayFromWallet, { input: { invoiceId: invoice.id, amount: '601', idempotencyKey: uniq('wpay') } }))).toBe('PAYMENT_EXCEEDS_REMAINING');
    // The rest, amount omitted: 600.
    expect((await asParent.request(BlPayFromWallet, { input: { invoiceId: invoice.id, idempotencyKey: uniq('wpay') } })).data!.payInvoice.invoice).toMatchObject({ status: 'PAID', remaining: { amount: '0' } });
    const [wallet] = (await asParent.request(BlWallet, {})).data!.wallets;
    expect(wallet.balance.available.amount).toBe('500');
    expect(wallet.transactions.edges.slice(0, 2).map((e) => [e.node.kind, e.node.amount.amount, e.node.reference])).toEqual([['INVOICE_PAYMENT', '600', `inv_${invoice.id.replace('inv_', '')}`], ['INVOICE_PAYMENT', '400', `inv_${invoice.id.replace('inv_', '')}`]]);
    // More than the wallet holds: INSUFFICIENT_FUNDS, nothing paid.
    const big = (await invoiceFor(s, payer.id, [900])).answer.data!.issueInvoice;
    expect(errorCode(await asParent.request(BlPayFromWallet, { input: { invoiceId: big.id, idempotencyKey: uniq('wpay') } }))).toBe('INSUFFICIENT_FUNDS');
    expect((await s.client.request(BlInvoice, { id: big.id })).data!.invoice).toMatchObject({ status: 'PENDING', payments: [] });
  });

  it('lets only the payer’s guardians pay, from their own wallet, and only in a wallet currency', async () => {
    const s = await school(gw);
    const parent = await gw.user(Role.CUSTOMER, 'parent');
    const stranger = await gw.user(Role.CUSTOMER, 'stranger');
    const payer = await payerOf(s, [parent]);
    const invoice = (await invoiceFor(s, payer.id, [100])).answer.data!.issueInvoice;
    expect(errorCode(await gw.as(stranger).request(BlPayFromWallet, { input: { invoiceId: invoice.id, idempotencyKey: uniq('wpay') } }))).toBe('NOT_FOUND');
    expect(errorCode(await s.client.request(BlPayFromWallet, { input: { invoiceId: invoice.id, idempotencyKey: uniq('wpay') } }))).toBe('FORBIDDEN');
    const yen = (await invoiceFor(s, payer.id, [100], 30, { currency: 'JPY' })).answer.data!.issueInvoice;
    expect(errorCode(await gw.as(parent).request(BlPayFromWallet, { input: { invoiceId: yen.id, idempotencyKey: uniq('wpay') } }))).toBe('CURRENCY_NOT_SUPPORTED');
  });
});
