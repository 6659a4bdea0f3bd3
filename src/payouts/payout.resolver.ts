import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { ownerScope } from '../platform/auth/principal.js';
import { Role } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import type { EventRouter } from '../platform/events/event-hub.js';
import { fromGlobalId } from './payout.ids.js';
import { type NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { DisbursementKind } from '../wallets/index.js';
import { actingUser, canSeeOwned, listScope } from '../platform/auth/owner-access.js';
import { disbursementUpdates, Wallet, WalletTransaction } from '../wallets/index.js';
import { afterDescription, parseAfter } from '../platform/events/after.js';
import { CancelPayoutInput, PayoutFilterInput, RequestPayoutInput, StartPayoutRunInput } from './payout.input.js';
import { Payout, PayoutConnection, PayoutRun, PayoutRunConnection, PayoutRunProgress, payoutStatusOf, PayoutStatusChange, PayoutUpdate, stateOfPayoutStatus } from './payout.type.js';
import { payoutRunProgressType, type PayoutRunProgressPayload } from './payout-run.service.js';

async function loadPayout(context: GraphQLContext, rowId: string): Promise<Payout | null> {
  const row = await context.loaders.disbursement.load(rowId);
  return row && row.kind === DisbursementKind.PAYOUT && canSeeOwned(context, row.userId) ? Payout.from(row) : null;
}

async function loadRun(context: GraphQLContext, rowId: string): Promise<PayoutRun | null> {
  const row = await context.loaders.payoutRun.load(rowId);
  return row ? PayoutRun.from(row) : null;
}

/** How `node(id:)` loads this module's object types, with their visibility rules. */
export const payoutNodes: Partial<Record<IdType, NodeFetcher>> = {
  Payout: (id, context) => loadPayout(context, id),
  PayoutRun: (id, context) => (ownerScope(context.principal) === undefined ? loadRun(context, id) : Promise.resolve(null)),
};

@Resolver()
export class PayoutResolver {
  @Authorized()
  @Query(() => Payout, { nullable: true, description: 'A payout by global id; null when there is none or the caller may not see it.' })
  payout(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Payout | null> {
    return loadPayout(context, fromGlobalId('Payout', id));
  }

  @Authorized()
  @Query(() => PayoutConnection, { description: 'Payouts, newest first, by status, user or run; at most 100 a page. Staff see everyone’s; others their own.' })
  async payouts(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => PayoutFilterInput, { nullable: true }) filter?: PayoutFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<PayoutConnection> {
    const page = await context.wallets.queries.disbursements(context.em, {
      kind: DisbursementKind.PAYOUT, userId: listScope(context, filter?.userId), states: filter?.statuses?.map(stateOfPayoutStatus),
      runId: filter?.runId ? fromGlobalId('PayoutRun', filter.runId, 'filter.runId') : undefined,
    }, pageSize(first), decodeCursor(after));
    return toConnection(page, Payout.from);
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Query(() => PayoutRun, { nullable: true, description: 'A payout run by global id.' })
  payoutRun(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<PayoutRun | null> {
    return loadRun(context, fromGlobalId('PayoutRun', id));
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Query(() => PayoutRunConnection, { description: 'Payout runs, newest first; at most 100 a page.' })
  async payoutRuns(
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<PayoutRunConnection> {
    return toConnection(await context.payouts.queries.listPayoutRuns(pageSize(first), decodeCursor(after)), PayoutRun.from);
  }

  @Authorized()
  @Mutation(() => Payout, { description: 'Asks for a payout of available funds (all of them when `amount` is omitted). The amount is held at once; processing starts after the cancellation window. Idempotent on `idempotencyKey`. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, PAYOUT_BELOW_MINIMUM, IDEMPOTENCY_KEY_REUSED, ACCOUNT_FROZEN, ACCOUNT_CLOSED, INSUFFICIENT_FUNDS.' })
  async requestPayout(@Arg('input', () => RequestPayoutInput) input: RequestPayoutInput, @Ctx() context: GraphQLContext): Promise<Payout> {
    const { row } = await context.payouts.service.request({ ...input, userId: actingUser(context) });
    return Payout.from(row);
  }

  @Authorized()
  @Mutation(() => Payout, { description: 'Cancels a REQUESTED payout (the owner’s, or any for staff); the funds are released. Errors: BAD_USER_INPUT, NOT_FOUND, PAYOUT_NOT_CANCELLABLE.' })
  async cancelPayout(@Arg('input', () => CancelPayoutInput) input: CancelPayoutInput, @Ctx() context: GraphQLContext): Promise<Payout> {
    return Payout.from(await context.payouts.service.cancel(fromGlobalId('Payout', input.id), ownerScope(context.principal), input.idempotencyKey));
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Mutation(() => PayoutRun, { description: 'Starts a payout run (or returns the run with this key): a payout for every wallet of the currency whose available balance is at least the threshold. Runs in the background; returns at once. Errors: BAD_USER_INPUT, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, INVALID_AMOUNT, PAYOUT_BELOW_MINIMUM, IDEMPOTENCY_KEY_REUSED.' })
  async startPayoutRun(@Arg('input', () => StartPayoutRunInput) input: StartPayoutRunInput, @Ctx() context: GraphQLContext): Promise<PayoutRun> {
    return PayoutRun.from(await context.payouts.runs.start({ ...input, startedById: context.principal?.userId ?? null }));
  }

  @Authorized()
  @Subscription(() => PayoutUpdate, {
    subscribe: ((data: SubscribeResolverData<unknown, { after?: string }, GraphQLContext>) => disbursementUpdates(data, DisbursementKind.PAYOUT, (id, state, sequence) =>
      Object.assign(new PayoutUpdate(), { disbursementRowId: id, status: payoutStatusOf(state), sequence }))) as never,
    description: 'Status changes of payouts: the caller’s own, or every one for staff. Resumable with `after`.',
  })
  payoutUpdated(@Root() update: PayoutUpdate, @Ctx() context: GraphQLContext, @Arg('after', () => String, { nullable: true, description: afterDescription }) _after?: string): PayoutUpdate {
    return update;
  }

  @Authorized(Role.FINANCE, Role.ADMIN)
  @Subscription(() => PayoutRunProgress, {
    subscribe: (({ args, context }: SubscribeResolverData<unknown, { runId: string; after?: string }, GraphQLContext>) => {
      const runId = fromGlobalId('PayoutRun', args.runId, 'runId');
      return context.events.stream(parseAfter(args.after), (event) =>
        (event.type === payoutRunProgressType && String(event.payload.runId) === runId
          ? [{ sequence: String(event.seq), payload: event.payload as PayoutRunProgressPayload }] : []), { route: { by: byPayoutRun, keys: [runId] } });
    }) as never,
    description: 'The run as each page it commits leaves it, then as it ends (COMPLETED or FAILED). Resumable with `after`: replays what happened since that sequence.',
  })
  async payoutRunProgress(
    @Root() event: { sequence: string; payload: PayoutRunProgressPayload }, @Ctx() context: GraphQLContext,
    @Arg('runId', () => ID) _runId: string, @Arg('after', () => String, { nullable: true, description: afterDescription }) _after?: string,
  ): Promise<PayoutRunProgress> {
    const [row] = await context.payouts.queries.payoutRunsByIds([event.payload.runId]);
    return PayoutRunProgress.of(event.sequence, row!, event.payload);
  }
}

/** Routes payout-run progress events by their run. */
const byPayoutRun: EventRouter = (event) => (event.type === payoutRunProgressType ? [String(event.payload.runId)] : []);

@Resolver(() => Payout)
export class PayoutFieldResolver {
  @FieldResolver(() => Wallet, { description: 'The wallet the money leaves.' })
  async wallet(@Root() payout: Payout, @Ctx() context: GraphQLContext): Promise<Wallet> {
    return Wallet.from((await context.loaders.wallet.load(payout.row.walletId))!);
  }

  @FieldResolver(() => [PayoutStatusChange], { description: 'Every status change, oldest first, with its time and reason.' })
  async history(@Root() payout: Payout, @Ctx() context: GraphQLContext): Promise<PayoutStatusChange[]> {
    return (await context.loaders.statusChanges.load(payout.row.id)).map(PayoutStatusChange.from);
  }

  @FieldResolver(() => PayoutRun, { nullable: true, description: 'The run that made it (staff only; null for others).' })
  run(@Root() payout: Payout, @Ctx() context: GraphQLContext): Promise<PayoutRun | null> {
    if (!payout.row.runId || ownerScope(context.principal) !== undefined) return Promise.resolve(null);
    return loadRun(context, payout.row.runId);
  }
}

@Resolver(() => PayoutUpdate)
export class PayoutUpdateResolver {
  @FieldResolver(() => Payout, { description: 'The payout as it is now.' })
  async payout(@Root() update: PayoutUpdate, @Ctx() context: GraphQLContext): Promise<Payout> {
    return Payout.from((await context.loaders.disbursement.load(update.disbursementRowId))!);
  }
}

@Resolver(() => WalletTransaction)
export class WalletTransactionPayoutResolver {
  @FieldResolver(() => Payout, { nullable: true, description: 'For a payout: the payout.' })
  async payout(@Root() line: WalletTransaction, @Ctx() context: GraphQLContext): Promise<Payout | null> {
    const row = line.row.payoutId ? await context.loaders.disbursement.load(line.row.payoutId) : undefined;
    return row ? Payout.from(row) : null;
  }
}
