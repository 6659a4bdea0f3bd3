// An organisation (a merchant) with a MERCHANT user of its own, its payers and their invoices,
// made through the GraphQL API as a school's staff would.
import { graphql } from '../gql/index.js';
import { uniq, type CallerClient, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { Role } from '../../src/platform/auth/roles.js';

export const BlCreateMerchant = graphql(`mutation BlCreateMerchant($input: CreateMerchantInput!) { createMerchant(input: $input) { id } }`);
export const BlCreatePayer = graphql(`mutation BlCreatePayer($input: CreatePayerInput!) { createPayer(input: $input) { id merchantId name reference status guardians { id } } }`);
export const BlIssue = graphql(`
  mutation BlIssue($input: IssueInvoiceInput!) {
    issueInvoice(input: $input) { id number status currency total { amount } paid { amount } remaining { amount } issuedAt dueAt memo entryId
      lines { description quantity unitAmount { amount } amount { amount } } }
  }
`);
export const BlPay = graphql(`
  mutation BlPay($input: RecordInvoicePaymentInput!) {
    recordInvoicePayment(input: $input) { replayed payment { id amount { amount } method reference entryId paidAt } invoice { id status paid { amount } remaining { amount } } }
  }
`);
export const BlVoid = graphql(`mutation BlVoid($id: ID!) { voidInvoice(input: { id: $id }) { id status remaining { amount } voidEntryId voidedAt } }`);
export const BlInvoice = graphql(`
  query BlInvoice($id: ID!, $asOf: DateTimeISO) { invoice(id: $id) { id status overdue(asOf: $asOf) paid { amount } remaining { amount } payments { id amount { amount } } } }
`);
export const BlInvoices = graphql(`query BlInvoices($filter: InvoiceFilterInput) { invoices(first: 100, filter: $filter) { edges { node { id number status } } } }`);
export const BlPayers = graphql(`query BlPayers($filter: PayerFilterInput) { payers(first: 100, filter: $filter) { edges { node { id status } } } }`);

export interface School { id: string; rowId: string; staff: TestCaller; client: CallerClient }

/** An organisation with a MERCHANT user who acts for it (its staff). */
export async function school(gw: TestGateway): Promise<School> {
  const staff = await gw.user(Role.MERCHANT, 'bursar');
  const made = await gw.request(BlCreateMerchant, { input: { name: 'Hillside School', slug: uniq('hillside').toLowerCase(), defaultCurrency: 'USD', userIds: [`usr_${staff.userId}`] } });
  const id = made.data!.createMerchant.id;
  return { id, rowId: id.replace('mer_', ''), staff, client: gw.as(staff) };
}

/** A payer of the school, with `guardians` (CUSTOMER users). */
export async function payerOf(s: School, guardians: TestCaller[] = []) {
  const made = await s.client.request(BlCreatePayer, { input: { merchantId: s.id, name: 'Ada Lovelace', reference: uniq('stu'), guardianIds: guardians.map((g) => `usr_${g.userId}`) } });
  if (made.errors) throw new Error(JSON.stringify(made.errors));
  return made.data!.createPayer;
}

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** Issues an invoice of `amounts` (one line each, quantity 1) to the payer, due in `dueInDays`. */
export async function invoiceFor(s: School, payerId: string, amounts: number[] = [1000], dueInDays = 30, over: Record<string, unknown> = {}) {
  const input = {
    payerId, number: uniq('INV'), currency: 'USD', dueAt: days(dueInDays), issuedAt: days(-1),
    lines: amounts.map((a, i) => ({ description: `Term fee ${i + 1}`, quantity: 1, unitAmount: String(a) })), ...over,
  };
  return { input, answer: await s.client.request(BlIssue, { input }) };
}

export function pay(s: School, invoiceId: string, amount: string, idempotencyKey = uniq('pay'), over: Record<string, unknown> = {}) {
  return s.client.request(BlPay, { input: { invoiceId, amount, idempotencyKey, reference: 'BANK-123', ...over } });
}

export const inDays = days;
