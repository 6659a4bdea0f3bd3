import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Balance, entryEventOf, JournalEntry } from '../ledger/index.js';
import { isStaff } from '../platform/auth/principal.js';
import { afterDescription, parseAfter } from '../platform/events/after.js';
import type { EventRouter } from '../platform/events/event-hub.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { disbursementEventType } from './disbursement.service.js';
import { actingUser } from '../platform/auth/owner-access.js';
import { Wallet, WalletBalanceChange } from './wallet.type.js';
import { DisbursementKind, type DisbursementState } from './wallets.enums.js';
import { Withdrawal, withdrawalStatusOf, WithdrawalUpdate } from './withdrawal.type.js';

/** Routes entry events by the owners of the accounts they touched (a wallet's owner is its user). */
const byAccountOwner: EventRouter = (event) => entryEventOf(event)?.balances.flatMap((b) => (b.ownerId ? [b.ownerId] : [])) ?? [];
/** Routes disbursement events by the user whose money moves. */
const byDisbursementUser: EventRouter = (event) => (event.type === disbursementEventType ? [String((event.payload as { userId: string }).userId)] : []);

type Data = SubscribeResolverData<unknown, { after?: string; userId?: string }, GraphQLContext>;


/** One user's wallets' balances, from the ledger's entry events (wallet accounts are the owner's `wallet:` accounts). */
function walletBalances({ args, context }: Data): AsyncIterableIterator<WalletBalanceChange> {
  const userId = actingUser(context, args.userId);
  return context.events.stream(parseAfter(args.after), (event) => {
    const payload = entryEventOf(event);
    if (!payload) return [];
    return payload.balances.filter((b) => b.ownerId === userId && b.code.startsWith('wallet:')).map((b) => Object.assign(new WalletBalanceChange(), {
      walletRowId: b.accountId, entryRowId: payload.entryId, sequence: String(event.seq),
      balance: Balance.of({ posted: BigInt(b.posted), pending: BigInt(b.pending), available: BigInt(b.available) }, b.currency.trim()),
    }));
  }, { route: { by: byAccountOwner, keys: [userId] } });
}

/** The disbursement events of one kind that the caller may see: staff all, others their own. */
export function disbursementUpdates<T>({ args, context }: Data, kind: DisbursementKind, make: (id: string, state: DisbursementState, seq: string) => T): AsyncIterableIterator<T> {
  const userId = isStaff(context.principal) ? undefined : actingUser(context);
  return context.events.stream(parseAfter(args.after), (event) => {
    if (event.type !== disbursementEventType) return [];
    const p = event.payload as { disbursementId: string; kind: DisbursementKind; userId: string; state: DisbursementState };
    if (p.kind !== kind || (userId !== undefined && p.userId !== userId)) return [];
    return [make(p.disbursementId, p.state, String(event.seq))];
  }, userId === undefined ? {} : { route: { by: byDisbursementUser, keys: [userId] } });
}

@Resolver()
export class WalletSubscriptionResolver {
  @Authorized()
  @Subscription(() => WalletBalanceChange, {
    subscribe: walletBalances as never,
    description: 'Balance changes of the caller’s wallets (staff may name a user), as they commit, including wallets opened later. Resumable with `after`.',
  })
  walletBalanceChanged(
    @Root() change: WalletBalanceChange, @Ctx() context: GraphQLContext,
    @Arg('after', () => String, { nullable: true, description: afterDescription }) _after?: string,
    @Arg('userId', () => ID, { nullable: true }) _userId?: string,
  ): WalletBalanceChange {
    return change;
  }

  @Authorized()
  @Subscription(() => WithdrawalUpdate, {
    subscribe: ((data: Data) => disbursementUpdates(data, DisbursementKind.WITHDRAWAL, (id, state, sequence) =>
      Object.assign(new WithdrawalUpdate(), { disbursementRowId: id, status: withdrawalStatusOf(state), sequence }))) as never,
    description: 'Status changes of withdrawals: the caller’s own, or every one for staff. Resumable with `after`.',
  })
  withdrawalUpdated(
    @Root() update: WithdrawalUpdate, @Ctx() context: GraphQLContext,
    @Arg('after', () => String, { nullable: true, description: afterDescription }) _after?: string,
  ): WithdrawalUpdate {
    return update;
  }
}

@Resolver(() => WalletBalanceChange)
export class WalletBalanceChangeResolver {
  @FieldResolver(() => Wallet, { description: 'The wallet as it is now.' })
  async wallet(@Root() change: WalletBalanceChange, @Ctx() context: GraphQLContext): Promise<Wallet> {
    return Wallet.from((await context.loaders.walletByAccount.load(change.walletRowId))!);
  }

  @FieldResolver(() => JournalEntry, { description: 'The entry that changed the balance (for a void: the pending entry).' })
  async entry(@Root() change: WalletBalanceChange, @Ctx() context: GraphQLContext): Promise<JournalEntry> {
    return JournalEntry.from((await context.loaders.entry.load(change.entryRowId))!);
  }
}

@Resolver(() => WithdrawalUpdate)
export class WithdrawalUpdateResolver {
  @FieldResolver(() => Withdrawal, { description: 'The withdrawal as it is now.' })
  async withdrawal(@Root() update: WithdrawalUpdate, @Ctx() context: GraphQLContext): Promise<Withdrawal> {
    return Withdrawal.from((await context.loaders.disbursement.load(update.disbursementRowId))!);
  }
}
