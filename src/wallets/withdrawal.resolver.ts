import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ownerScope } from '../platform/auth/principal.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { fromGlobalId } from './wallet.ids.js';
import { type NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { actingUser, canSeeOwned, listScope } from '../platform/auth/owner-access.js';
import { RequestWithdrawalInput, RetryWithdrawalInput, WithdrawalFilterInput } from './wallet.input.js';
import { Wallet } from './wallet.type.js';
import { DisbursementKind } from './wallets.enums.js';
import { statesOfWithdrawalStatus, Withdrawal, WithdrawalConnection, WithdrawalStatusChange } from './withdrawal.type.js';

async function loadWithdrawal(context: GraphQLContext, rowId: string): Promise<Withdrawal | null> {
  const row = await context.loaders.disbursement.load(rowId);
  return row && row.kind === DisbursementKind.WITHDRAWAL && canSeeOwned(context, row.userId) ? Withdrawal.from(row) : null;
}

/** How `node(id:)` loads this module's object types, with their visibility rules. */
export const withdrawalNodes: Partial<Record<IdType, NodeFetcher>> = {
  Withdrawal: (id, context) => loadWithdrawal(context, id),
};

@Resolver()
export class WithdrawalResolver {
  @Authorized()
  @Query(() => Withdrawal, { nullable: true, description: 'A withdrawal by global id; null when there is none or the caller may not see it.' })
  withdrawal(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Withdrawal | null> {
    return loadWithdrawal(context, fromGlobalId('Withdrawal', id));
  }

  @Authorized()
  @Query(() => WithdrawalConnection, { description: 'Withdrawals, newest first, by status; at most 100 a page. Staff see everyone’s (or one user’s); others their own.' })
  async withdrawals(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => WithdrawalFilterInput, { nullable: true }) filter?: WithdrawalFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<WithdrawalConnection> {
    const page = await context.wallets.queries.disbursements(context.em, {
      kind: DisbursementKind.WITHDRAWAL, userId: listScope(context, filter?.userId),
      states: filter?.statuses?.flatMap(statesOfWithdrawalStatus),
    }, pageSize(first), decodeCursor(after));
    return toConnection(page, Withdrawal.from);
  }

  @Authorized()
  @Mutation(() => Withdrawal, {
    description: 'Withdraws from the caller’s wallet: the amount and fee are held at once, then sent to the payment processor. Poll `withdrawal` or subscribe to `withdrawalUpdated` for the outcome. Idempotent on `idempotencyKey`. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, IDEMPOTENCY_KEY_REUSED, ACCOUNT_FROZEN, ACCOUNT_CLOSED, INSUFFICIENT_FUNDS.',
  })
  async requestWithdrawal(@Arg('input', () => RequestWithdrawalInput) input: RequestWithdrawalInput, @Ctx() context: GraphQLContext): Promise<Withdrawal> {
    const { row } = await context.wallets.withdrawals.request({ ...input, userId: actingUser(context) });
    return Withdrawal.from(row);
  }

  @Authorized()
  @Mutation(() => Withdrawal, { description: 'Retries a FAILED withdrawal (the owner’s, or any for staff) as a new attempt; the funds are held again. Errors: BAD_USER_INPUT, NOT_FOUND, WITHDRAWAL_NOT_RETRYABLE, INSUFFICIENT_FUNDS.' })
  async retryWithdrawal(@Arg('input', () => RetryWithdrawalInput) input: RetryWithdrawalInput, @Ctx() context: GraphQLContext): Promise<Withdrawal> {
    const id = fromGlobalId('Withdrawal', input.id);
    return Withdrawal.from(await context.wallets.withdrawals.retry(id, ownerScope(context.principal), input.idempotencyKey));
  }
}

@Resolver(() => Withdrawal)
export class WithdrawalFieldResolver {
  @FieldResolver(() => Wallet, { description: 'The wallet the money leaves.' })
  async wallet(@Root() withdrawal: Withdrawal, @Ctx() context: GraphQLContext): Promise<Wallet> {
    return Wallet.from((await context.loaders.wallet.load(withdrawal.row.walletId))!);
  }

  @FieldResolver(() => [WithdrawalStatusChange], { description: 'Every status change, oldest first, with its time and reason.' })
  async history(@Root() withdrawal: Withdrawal, @Ctx() context: GraphQLContext): Promise<WithdrawalStatusChange[]> {
    return (await context.loaders.statusChanges.load(withdrawal.row.id)).map(WithdrawalStatusChange.from);
  }
}
