import { Arg, Authorized, Ctx, FieldResolver, ID, ObjectType, Field, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterDescription, parseAfter } from '../platform/events/after.js';
import type { EventRouter } from '../platform/events/event-hub.js';
import { publishAllWithin } from '../platform/events/outbox.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import type { InvoiceRow } from './billing.entity.js';
import { InvoiceStatus } from './billing.enums.js';
import { BillingError } from './billing.errors.js';
import { fromGlobalId } from './billing.ids.js';
import { billingScope, manages, reaches } from './billing-scope.js';
import { Invoice } from './billing.type.js';

export const invoiceUpdatedType = 'BILLING_INVOICE_UPDATED';

interface InvoiceEventPayload extends Record<string, unknown> { invoiceId: string; payerId: string; merchantId: string; status: InvoiceStatus }

/** Writes an invoice's change into the outbox of its transaction: published only if it commits. */
export async function publishInvoiceUpdated(em: EntityManager, invoice: InvoiceRow): Promise<void> {
  const payload: InvoiceEventPayload = { invoiceId: invoice.id, payerId: String(invoice.payerId), merchantId: String(invoice.merchantId), status: invoice.status };
  await publishAllWithin(em, [{ type: invoiceUpdatedType, payload }]);
}

@ObjectType({ description: 'An invoice was issued, paid (in part or whole) or voided.' })
export class InvoiceUpdate {
  invoiceRowId!: string;
  @Field({ description: 'The event’s sequence number: pass it as `after` to resume from here.' }) sequence!: string;
  @Field(() => InvoiceStatus, { description: 'The invoice’s status as of this event.' }) status!: InvoiceStatus;
}

type Data = SubscribeResolverData<unknown, { after?: string; payerId?: string; merchantId?: string }, GraphQLContext>;

const payload = (event: { payload: unknown }) => event.payload as InvoiceEventPayload;
const byPayer: EventRouter = (event) => (event.type === invoiceUpdatedType ? [payload(event).payerId] : []);
const byOrganisation: EventRouter = (event) => (event.type === invoiceUpdatedType ? [payload(event).merchantId] : []);

/**
 * Which invoices' updates a subscriber gets, routed so each event reaches only the subscribers it
 * concerns: a guardian its payers' (or the one named), a MERCHANT user its organisations' (or the
 * one named), staff all, or the payer's or organisation's named.
 */
async function invoiceUpdates({ args, context }: Data): Promise<AsyncIterableIterator<InvoiceUpdate>> {
  const after = parseAfter(args.after);
  const payerId = args.payerId ? fromGlobalId('Payer', args.payerId, 'payerId') : undefined;
  const merchantId = args.merchantId ? fromGlobalId('Merchant', args.merchantId, 'merchantId') : undefined;
  const scope = await billingScope(context);
  const route = await routeFor(context, scope, payerId, merchantId);
  return context.events.stream(after, (event) => {
    if (event.type !== invoiceUpdatedType) return [];
    const p = payload(event);
    if (route && !route.keys.includes(route.by === byPayer ? p.payerId : p.merchantId)) return [];
    return [Object.assign(new InvoiceUpdate(), { invoiceRowId: p.invoiceId, sequence: String(event.seq), status: p.status })];
  }, route ? { route } : {});
}

async function routeFor(context: GraphQLContext, scope: Awaited<ReturnType<typeof billingScope>>, payerId?: string, merchantId?: string) {
  if (payerId) {
    const payer = await context.loaders.payer.load(payerId);
    const guardians = payer ? await context.loaders.payerGuardianIds.load(payerId) : [];
    if (!payer || !reaches(scope, String(payer.merchantId), guardians)) throw BillingError.notFound('Payer', payerId);
    return { by: byPayer, keys: [payerId] };
  }
  if (merchantId) {
    if (!manages(scope, merchantId)) throw BillingError.notFound('Merchant', merchantId);
    return { by: byOrganisation, keys: [merchantId] };
  }
  if (scope.guardianId !== undefined) return { by: byPayer, keys: await context.billing.queries.guardedPayerIds(context.em, scope.guardianId) };
  return scope.merchantIds === undefined ? undefined : { by: byOrganisation, keys: [...scope.merchantIds] };
}

@Resolver()
export class BillingSubscriptionResolver {
  @Authorized()
  @Subscription(() => InvoiceUpdate, {
    subscribe: invoiceUpdates as never,
    description: 'Invoices issued, paid or voided, as they commit: a guardian’s payers’ (or `payerId`’s), a MERCHANT user’s organisations’ (or `merchantId`’s), staff all or those named. Resumable with `after`. Errors: BAD_USER_INPUT, NOT_FOUND.',
  })
  invoiceUpdated(
    @Root() update: InvoiceUpdate, @Ctx() _context: GraphQLContext,
    @Arg('after', () => String, { nullable: true, description: afterDescription }) _after?: string,
    @Arg('payerId', () => ID, { nullable: true, description: 'Only this payer’s invoices.' }) _payerId?: string,
    @Arg('merchantId', () => ID, { nullable: true, description: 'Only this organisation’s invoices.' }) _merchantId?: string,
  ): InvoiceUpdate {
    return update;
  }
}

@Resolver(() => InvoiceUpdate)
export class InvoiceUpdateResolver {
  @FieldResolver(() => Invoice, { description: 'The invoice as it is now.' })
  async invoice(@Root() update: InvoiceUpdate, @Ctx() context: GraphQLContext): Promise<Invoice> {
    return Invoice.from((await context.loaders.invoice.load(update.invoiceRowId))!);
  }
}
