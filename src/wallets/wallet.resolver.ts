import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Account, Balance, currentBalance, JournalEntry } from '../ledger/index.js';
import { isStaff } from '../platform/auth/principal.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { fromGlobalId, toGlobalId } from './wallet.ids.js';
import { type NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { actingUser, canSeeOwned } from '../platform/auth/owner-access.js';
import { WalletError } from './wallet.errors.js';
import { DepositInput, TransferInput, WalletTransactionFilterInput } from './wallet.input.js';
import { Counterparty, Wallet, WalletTransaction, WalletTransactionConnection } from './wallet.type.js';
import { WalletTransactionKind } from './wallets.enums.js';
import { Withdrawal } from './withdrawal.type.js';

async function loadWallet(context: GraphQLContext, rowId: string): Promise<Wallet | null> {
  const row = await context.loaders.wallet.load(rowId);
  return row && canSeeOwned(context, row.userId) ? Wallet.from(row) : null;
}

async function loadLine(context: GraphQLContext, rowId: string): Promise<WalletTransaction | null> {
  const row = await context.loaders.walletLine.load(rowId);
  const wallet = row && (await context.loaders.wallet.load(row.walletId));
  return row && wallet && canSeeOwned(context, wallet.userId) ? WalletTransaction.from(row) : null;
}

/** How `node(id:)` loads this module's object types, with their visibility rules. */
export const walletNodes: Partial<Record<IdType, NodeFetcher>> = {
  Wallet: (id, context) => loadWallet(context, id),
  WalletTransaction: (id, context) => loadLine(context, id),
};

@Resolver()
export class WalletResolver {
  @Authorized()
  @Query(() => [Wallet], { description: 'The caller’s wallets, one per currency used so far. Staff may name a user.' })
  async wallets(@Ctx() context: GraphQLContext, @Arg('userId', () => ID, { nullable: true }) userId?: string): Promise<Wallet[]> {
    const rows = await context.wallets.queries.walletsOfUser(context.em, actingUser(context, userId));
    return rows.map(Wallet.from);
  }

  @Authorized()
  @Query(() => Wallet, { nullable: true, description: 'A wallet by global id; null when there is none or the caller may not see it.' })
  wallet(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Wallet | null> {
    return loadWallet(context, fromGlobalId('Wallet', id));
  }

  @Authorized()
  @Mutation(() => Wallet, { description: 'Opens the caller’s wallet in a currency (or returns it: wallets also open on first use). Errors: INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED.' })
  async openWallet(@Arg('currency') currency: string, @Ctx() context: GraphQLContext): Promise<Wallet> {
    return Wallet.from(await context.wallets.service.walletOf(actingUser(context), context.wallets.service.currency(currency)));
  }

  @Authorized()
  @Mutation(() => WalletTransaction, {
    description: 'Credits a wallet with money that arrived at the bank (simulated funding). Idempotent on `idempotencyKey`. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, IDEMPOTENCY_KEY_REUSED, EXTERNAL_REFERENCE_TAKEN, BALANCE_OVERFLOW, FORBIDDEN (userId without a staff role, or a customer’s or merchant’s own deposit when SELF_DEPOSITS is off).',
  })
  async deposit(@Arg('input', () => DepositInput) input: DepositInput, @Ctx() context: GraphQLContext): Promise<WalletTransaction> {
    const userId = actingUser(context, input.userId);
    const { line } = await context.wallets.service.deposit({ ...input, userId, bySelf: !isStaff(context.principal) });
    return WalletTransaction.from(line);
  }

  @Authorized()
  @Mutation(() => WalletTransaction, {
    description: 'Sends money to another user (by id or email), same currency; returns the sender’s line. Idempotent on `idempotencyKey`. Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, RECIPIENT_NOT_FOUND, SELF_TRANSFER, IDEMPOTENCY_KEY_REUSED, ACCOUNT_FROZEN, ACCOUNT_CLOSED, INSUFFICIENT_FUNDS.',
  })
  async transfer(@Arg('input', () => TransferInput) input: TransferInput, @Ctx() context: GraphQLContext): Promise<WalletTransaction> {
    const { line } = await context.wallets.service.transfer({
      ...input, fromUserId: actingUser(context),
      toUserId: input.toUserId == null ? undefined : fromGlobalId('User', input.toUserId, 'toUserId'), toEmail: input.toEmail ?? undefined,
    });
    return WalletTransaction.from(line);
  }
}

@Resolver(() => Wallet)
export class WalletFieldResolver {
  @FieldResolver(() => Balance, { description: 'Posted, pending (net of held amounts: negative while a withdrawal or payout is held) and available (what can be spent now).' })
  async balance(@Root() wallet: Wallet, @Ctx() context: GraphQLContext): Promise<Balance> {
    const account = (await context.loaders.account.load(wallet.row.accountId))!;
    return Balance.of(currentBalance(account), wallet.currency);
  }

  @FieldResolver(() => Account, { description: 'The ledger account behind the wallet.' })
  async account(@Root() wallet: Wallet, @Ctx() context: GraphQLContext): Promise<Account> {
    return Account.from((await context.loaders.account.load(wallet.row.accountId))!);
  }

  @FieldResolver(() => WalletTransactionConnection, { description: 'The wallet’s history, newest first, filtered by kind, status and time; at most 100 a page.' })
  async transactions(
    @Root() wallet: Wallet,
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => WalletTransactionFilterInput, { nullable: true }) filter?: WalletTransactionFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<WalletTransactionConnection> {
    if (filter?.from && filter.to && filter.from >= filter.to) throw WalletError.badInput('filter.from must be before filter.to', 'filter.from');
    const page = await context.wallets.queries.history(context.em, wallet.rowId, filter ?? {}, pageSize(first), decodeCursor(after));
    return toConnection(page, WalletTransaction.from);
  }
}

/**
 * The other user's email as this caller may see it. Staff see it, and so does the recipient of a
 * transfer (the sender revealed it by paying). The sender sees only the address they typed: were
 * a transfer to a user id to show the email, one cent per id would list every user's email.
 */
async function counterpartyEmail(line: WalletTransaction, context: GraphQLContext): Promise<string | undefined> {
  const userId = line.row.counterpartyUserId;
  if (!userId) return undefined;
  if (line.kind === WalletTransactionKind.TRANSFER_OUT && !isStaff(context.principal)) return line.row.addressedTo ?? undefined;
  return (await context.loaders.user.load(userId))?.email;
}

const describe: Record<WalletTransactionKind, (line: WalletTransaction, other?: string) => string> = {
  DEPOSIT: (line) => `Deposit (reference ${line.reference})`,
  TRANSFER_IN: (_line, other) => `Transfer from ${other}`,
  TRANSFER_OUT: (_line, other) => `Transfer to ${other}`,
  WITHDRAWAL: (line) => `Withdrawal to ${line.reference}`,
  PAYOUT: (line) => `Payout to ${line.reference}`,
  FEE: () => 'Withdrawal fee',
  CASHBACK: (line) => `Cashback on purchase ${line.reference}`,
  CASHBACK_CLAWBACK: (line) => `Cashback taken back (purchase ${line.reference})`,
  INVOICE_PAYMENT: (line) => `Invoice ${line.reference} paid`,
};

@Resolver(() => WalletTransaction)
export class WalletTransactionFieldResolver {
  @FieldResolver(() => String, { description: 'A human description, e.g. "Transfer from alice@example.com", "Withdrawal to NL91… (failed)". A transfer sent to a user id names the id.' })
  async description(@Root() line: WalletTransaction, @Ctx() context: GraphQLContext): Promise<string> {
    const userId = line.row.counterpartyUserId;
    const other = userId ? (await counterpartyEmail(line, context)) ?? toGlobalId('User', userId) : undefined;
    const text = describe[line.kind](line, other);
    return line.status === 'COMPLETED' ? text : `${text} (${line.status.toLowerCase()})`;
  }

  @FieldResolver(() => Counterparty, { nullable: true, description: 'For a transfer: the other user.' })
  async counterparty(@Root() line: WalletTransaction, @Ctx() context: GraphQLContext): Promise<Counterparty | null> {
    const userId = line.row.counterpartyUserId;
    if (!userId) return null;
    return Object.assign(new Counterparty(), { userId: toGlobalId('User', userId), email: (await counterpartyEmail(line, context)) ?? null });
  }

  @FieldResolver(() => Wallet, { description: 'The wallet this line belongs to.' })
  async wallet(@Root() line: WalletTransaction, @Ctx() context: GraphQLContext): Promise<Wallet> {
    return Wallet.from((await context.loaders.wallet.load(line.row.walletId))!);
  }

  @FieldResolver(() => JournalEntry, { description: 'The ledger entry: the posted one, or while funds are held (and after they were returned) the pending entry.' })
  async entry(@Root() line: WalletTransaction, @Ctx() context: GraphQLContext): Promise<JournalEntry> {
    return JournalEntry.from((await context.loaders.entry.load(line.row.entryId))!);
  }

  @FieldResolver(() => Withdrawal, { nullable: true, description: 'For a withdrawal or its fee: the withdrawal.' })
  async withdrawal(@Root() line: WalletTransaction, @Ctx() context: GraphQLContext): Promise<Withdrawal | null> {
    const row = line.row.withdrawalId ? await context.loaders.disbursement.load(line.row.withdrawalId) : undefined;
    return row ? Withdrawal.from(row) : null;
  }
}
