import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User } from '../identity/index.js';
import { parseCurrency } from '../ledger/index.js';
import { Role, staffRoles } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import type { NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { fromGlobalId } from './billing.ids.js';
import type { InvoiceRow, PayerRow } from './billing.entity.js';
import { CreatePayerInput, InvoiceFilterInput, InvoiceIdInput, IssueInvoiceInput, PayerFilterInput, PayerGuardianInput, PayerIdInput, PayInvoiceInput, RecordInvoicePaymentInput } from './billing.input.js';
import { actingUser } from '../platform/auth/owner-access.js';
import { billingScope, manages, reaches } from './billing-scope.js';
import { Invoice, InvoiceConnection, InvoiceLine, InvoicePayment, InvoicePaymentResult, Payer, PayerConnection, Statement } from './billing.type.js';
import { isOverdue } from './invoice.service.js';

/** Organisations' MERCHANT users and staff manage; guardians (CUSTOMER users) only read. */
const managers = [Role.MERCHANT, ...staffRoles];
const readers = [Role.CUSTOMER, Role.MERCHANT, ...staffRoles];

/** Whether the caller reaches a payer of `merchantId`: its guardians are read only for a caller that may be one. */
async function reachesPayer(context: GraphQLContext, merchantId: string, payerId: string): Promise<boolean> {
  const scope = await billingScope(context);
  return reaches(scope, merchantId, scope.guardianId === undefined ? [] : await context.loaders.payerGuardianIds.load(payerId));
}

async function visiblePayer(context: GraphQLContext, row: PayerRow | undefined): Promise<Payer | null> {
  return row && (await reachesPayer(context, String(row.merchantId), row.id)) ? Payer.from(row) : null;
}

async function visibleInvoice(context: GraphQLContext, row: InvoiceRow | undefined): Promise<Invoice | null> {
  return row && (await reachesPayer(context, String(row.merchantId), String(row.payerId))) ? Invoice.from(row) : null;
}

export const billingNodes: Partial<Record<IdType, NodeFetcher>> = {
  Payer: async (id, context) => visiblePayer(context, await context.loaders.payer.load(id)),
  Invoice: async (id, context) => visibleInvoice(context, await context.loaders.invoice.load(id)),
};

const optionalId = (type: IdType, value: string | undefined | null, field: string) => (value == null ? undefined : fromGlobalId(type, value, field));

@Resolver()
export class BillingResolver {
  @Authorized(...readers)
  @Query(() => Payer, { nullable: true, description: 'A payer by global id; null when there is none or the caller does not reach it (its organisation’s MERCHANT users, its guardians, staff).' })
  async payer(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Payer | null> {
    return visiblePayer(context, await context.loaders.payer.load(fromGlobalId('Payer', id)));
  }

  @Authorized(...readers)
  @Query(() => PayerConnection, { description: 'Payers, newest first; at most 100 a page. MERCHANT users see their organisations’, guardians their own payers, staff all. Errors: BAD_USER_INPUT.' })
  async payers(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => PayerFilterInput, { nullable: true }) filter?: PayerFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<PayerConnection> {
    const page = await context.billing.queries.payers(context.em, await billingScope(context), {
      merchantId: optionalId('Merchant', filter?.merchantId, 'filter.merchantId'), status: filter?.status ?? undefined,
    }, pageSize(first), decodeCursor(after));
    return toConnection(page, Payer.from);
  }

  @Authorized(...readers)
  @Query(() => Invoice, { nullable: true, description: 'An invoice by global id; null when there is none or the caller does not reach it (its organisation’s MERCHANT users, its payer’s guardians, staff).' })
  async invoice(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Invoice | null> {
    return visibleInvoice(context, await context.loaders.invoice.load(fromGlobalId('Invoice', id)));
  }

  @Authorized(...readers)
  @Query(() => InvoiceConnection, { description: 'Invoices, newest first; at most 100 a page. MERCHANT users see their organisations’, guardians their payers’, staff all. Errors: BAD_USER_INPUT.' })
  async invoices(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => InvoiceFilterInput, { nullable: true }) filter?: InvoiceFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<InvoiceConnection> {
    const page = await context.billing.queries.invoices(context.em, await billingScope(context), {
      merchantId: optionalId('Merchant', filter?.merchantId, 'filter.merchantId'), payerId: optionalId('Payer', filter?.payerId, 'filter.payerId'), status: filter?.status ?? undefined,
    }, pageSize(first), decodeCursor(after));
    return toConnection(page, Invoice.from);
  }

  @Authorized(...readers)
  @Query(() => Statement, { nullable: true, description: 'A payer’s account statement in one currency for [from, to); null when there is no such payer or the caller does not reach it (its organisation’s MERCHANT users, its guardians, staff). Errors: BAD_USER_INPUT, INVALID_CURRENCY.' })
  async payerStatement(
    @Arg('payerId', () => ID) payerId: string, @Arg('currency') currency: string,
    @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() context: GraphQLContext,
  ): Promise<Statement | null> {
    const payer = await visiblePayer(context, await context.loaders.payer.load(fromGlobalId('Payer', payerId, 'payerId')));
    if (!payer) return null;
    // The payer's row, just read, carries its statement version: the cache key needs no query of its own.
    const row = await context.billing.statements.statement(context.em, { payerId: payer.row.id }, parseCurrency(currency, 'currency'), from, to, String(payer.row.statementVersion));
    return Statement.from(row, String(payer.row.merchantId));
  }

  @Authorized(...managers)
  @Query(() => Statement, { nullable: true, description: 'An organisation’s account statement (every payer of it) in one currency for [from, to); null when the caller does not act for it (staff see all). Errors: BAD_USER_INPUT, INVALID_CURRENCY.' })
  async organisationStatement(
    @Arg('merchantId', () => ID) merchantId: string, @Arg('currency') currency: string,
    @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() context: GraphQLContext,
  ): Promise<Statement | null> {
    const id = fromGlobalId('Merchant', merchantId, 'merchantId');
    const scope = await billingScope(context);
    if (!manages(scope, id)) return null;
    if (!(await context.loaders.merchant.load(id))) return null;
    return Statement.from(await context.billing.statements.statement(context.em, { merchantId: id }, parseCurrency(currency, 'currency'), from, to), id);
  }

  @Authorized(...managers)
  @Mutation(() => Payer, { description: 'Creates a payer of an organisation, with its guardians: the organisation’s MERCHANT users, or staff. Errors: BAD_USER_INPUT, USER_NOT_CUSTOMER, NOT_FOUND.' })
  async createPayer(@Arg('input', () => CreatePayerInput) input: CreatePayerInput, @Ctx() context: GraphQLContext): Promise<Payer> {
    const guardianIds = (input.guardianIds ?? []).map((id, i) => fromGlobalId('User', id, `guardianIds.${i}`));
    const merchantId = fromGlobalId('Merchant', input.merchantId, 'merchantId');
    return Payer.from(await context.billing.payers.create({ merchantId, name: input.name, reference: input.reference, guardianIds }, await billingScope(context)));
  }

  @Authorized(...managers)
  @Mutation(() => Payer, { description: 'Archives a payer: its invoices and history stay, it takes no new invoice (a payer with invoices is never deleted). Errors: BAD_USER_INPUT, NOT_FOUND.' })
  async archivePayer(@Arg('input', () => PayerIdInput) input: PayerIdInput, @Ctx() context: GraphQLContext): Promise<Payer> {
    return Payer.from(await context.billing.payers.archive(fromGlobalId('Payer', input.id), await billingScope(context)));
  }

  @Authorized(...managers)
  @Mutation(() => Payer, { description: 'Lets a CUSTOMER user see and pay a payer’s invoices; twice is a no-op. Errors: BAD_USER_INPUT, USER_NOT_CUSTOMER, NOT_FOUND, PAYER_ARCHIVED.' })
  async addPayerGuardian(@Arg('input', () => PayerGuardianInput) input: PayerGuardianInput, @Ctx() context: GraphQLContext): Promise<Payer> {
    const payerId = fromGlobalId('Payer', input.payerId, 'payerId');
    return Payer.from(await context.billing.payers.addGuardian(payerId, fromGlobalId('User', input.userId, 'userId'), await billingScope(context)));
  }

  @Authorized(...managers)
  @Mutation(() => Payer, { description: 'Stops a user seeing a payer; one that is not its guardian is a no-op. Errors: BAD_USER_INPUT, NOT_FOUND.' })
  async removePayerGuardian(@Arg('input', () => PayerGuardianInput) input: PayerGuardianInput, @Ctx() context: GraphQLContext): Promise<Payer> {
    const payerId = fromGlobalId('Payer', input.payerId, 'payerId');
    return Payer.from(await context.billing.payers.removeGuardian(payerId, fromGlobalId('User', input.userId, 'userId'), await billingScope(context)));
  }

  @Authorized(...managers)
  @Mutation(() => Invoice, {
    description: 'Issues an invoice PENDING: the payer’s receivable against the organisation’s revenue, effective at issuedAt. The same number and payload again returns the first invoice. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, NOT_FOUND, PAYER_ARCHIVED, INVOICE_NUMBER_TAKEN.',
  })
  async issueInvoice(@Arg('input', () => IssueInvoiceInput) input: IssueInvoiceInput, @Ctx() context: GraphQLContext): Promise<Invoice> {
    const payerId = fromGlobalId('Payer', input.payerId, 'payerId');
    return Invoice.from((await context.billing.invoices.issue({ ...input, payerId }, await billingScope(context))).row);
  }

  @Authorized(...managers)
  @Mutation(() => Invoice, { description: 'Voids an invoice nothing is paid on: its entry is reversed. Voiding a VOID invoice returns it. Errors: BAD_USER_INPUT, NOT_FOUND, INVALID_INVOICE_TRANSITION.' })
  async voidInvoice(@Arg('input', () => InvoiceIdInput) input: InvoiceIdInput, @Ctx() context: GraphQLContext): Promise<Invoice> {
    return Invoice.from(await context.billing.invoices.void(fromGlobalId('Invoice', input.id), await billingScope(context)));
  }

  @Authorized(...managers)
  @Mutation(() => InvoicePaymentResult, {
    description: 'Records a payment received outside Folio: the organisation’s cash against the payer’s receivable; the invoice becomes PARTIALLY_PAID or PAID. Never above what remains. Idempotent on `idempotencyKey`. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, INVALID_INVOICE_TRANSITION, PAYMENT_EXCEEDS_REMAINING.',
  })
  async recordInvoicePayment(@Arg('input', () => RecordInvoicePaymentInput) input: RecordInvoicePaymentInput, @Ctx() context: GraphQLContext): Promise<InvoicePaymentResult> {
    const invoiceId = fromGlobalId('Invoice', input.invoiceId, 'invoiceId');
    const done = await context.billing.invoices.recordPayment({ ...input, invoiceId, recordedById: context.principal?.userId ?? null }, await billingScope(context));
    const invoice = Invoice.from(done.invoice);
    return Object.assign(new InvoicePaymentResult(), { payment: InvoicePayment.from(done.payment, invoice.currency), invoice, replayed: done.replayed });
  }
}

@Resolver()
export class PayInvoiceResolver {
  @Authorized(Role.CUSTOMER)
  @Mutation(() => InvoicePaymentResult, {
    description: 'A guardian pays an invoice of its payer from its own wallet in the invoice’s currency (all that remains when `amount` is omitted): the wallet debited, the invoice PARTIALLY_PAID or PAID, in one transaction. Idempotent on `idempotencyKey`. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, INVALID_INVOICE_TRANSITION, PAYMENT_EXCEEDS_REMAINING, CURRENCY_NOT_SUPPORTED, INSUFFICIENT_FUNDS.',
  })
  async payInvoice(@Arg('input', () => PayInvoiceInput) input: PayInvoiceInput, @Ctx() context: GraphQLContext): Promise<InvoicePaymentResult> {
    const invoiceId = fromGlobalId('Invoice', input.invoiceId, 'invoiceId');
    const done = await context.billing.invoices.payFromWallet({ invoiceId, amount: input.amount, idempotencyKey: input.idempotencyKey, guardianId: actingUser(context) });
    const invoice = Invoice.from(done.invoice);
    return Object.assign(new InvoicePaymentResult(), { payment: InvoicePayment.from(done.payment, invoice.currency), invoice, replayed: done.replayed });
  }
}

@Resolver(() => Invoice)
export class InvoiceFieldResolver {
  @FieldResolver(() => [InvoiceLine], { description: 'Its lines, in order.' })
  async lines(@Root() invoice: Invoice, @Ctx() context: GraphQLContext): Promise<InvoiceLine[]> {
    return (await context.loaders.invoiceLines.load(invoice.row.id)).map((row) => InvoiceLine.from(row, invoice.currency));
  }

  @FieldResolver(() => [InvoicePayment], { description: 'Its payments, oldest first.' })
  async payments(@Root() invoice: Invoice, @Ctx() context: GraphQLContext): Promise<InvoicePayment[]> {
    return (await context.loaders.invoicePayments.load(invoice.row.id)).map((row) => InvoicePayment.from(row, invoice.currency));
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is overdue as of `asOf` (default now): PENDING or PARTIALLY_PAID and past dueAt. Computed, never stored.' })
  overdue(@Root() invoice: Invoice, @Ctx() context: GraphQLContext, @Arg('asOf', () => Date, { nullable: true }) asOf?: Date | null): boolean {
    return isOverdue(invoice.row, asOf ?? context.billing.clock.now());
  }
}

@Resolver(() => Payer)
export class PayerFieldResolver {
  @FieldResolver(() => [User], { description: 'Its guardians: CUSTOMER users who may see and pay its invoices. Only staff and the organisation’s MERCHANT users see them; a guardian sees an empty list.' })
  async guardians(@Root() payer: Payer, @Ctx() context: GraphQLContext): Promise<User[]> {
    const scope = await billingScope(context);
    if (scope.guardianId !== undefined) return [];
    const ids = await context.loaders.payerGuardianIds.load(payer.row.id);
    const rows = await Promise.all(ids.map((id) => context.loaders.user.load(id)));
    return rows.flatMap((row) => (row ? [User.from(row)] : []));
  }
}
