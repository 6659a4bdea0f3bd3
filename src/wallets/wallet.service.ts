import type { EntityManager, InferEntity, MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { normaliseEmail, UserStatus, type IdentityQueries } from '../identity/index.js';
import { AccountType, Direction, LedgerError, NegativeBalancePolicy, parseAmount, parseCurrency, type LedgerService, type LedgerTransaction, type PostEntryCommand } from '../ledger/index.js';
import { AccessError } from '../platform/auth/access.errors.js';
import { UniqueViolation } from '../platform/db/unique-violation.js';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import { checkClientKey, scopedKey } from './keys.js';
import { SystemAccount, systemAccountCode } from './system-accounts.js';
import { WalletEntity, WalletTransactionEntity } from './wallet.entity.js';
import { WalletError } from './wallet.errors.js';
import { WalletTransactionKind, WalletTransactionStatus } from './wallets.enums.js';

export type WalletRow = InferEntity<typeof WalletEntity>;
export type WalletTransactionRow = InferEntity<typeof WalletTransactionEntity>;

export interface DepositCommand {
  userId: string; currency: string; amount: string; reference: string; memo?: string; idempotencyKey: string;
  /** A customer or merchant crediting their own wallet (not staff, not another module). */
  bySelf?: boolean;
}

export interface WalletOptions {
  /** WALLET_CURRENCIES. */
  currencies: readonly string[];
  /** SELF_DEPOSITS: whether customers and merchants may deposit into their own wallets. */
  selfDeposits: boolean;
}

export interface TransferCommand {
  fromUserId: string; toUserId?: string; toEmail?: string; currency: string; amount: string; memo?: string; idempotencyKey: string;
}
/** What a money mutation returns: the caller's line of history, and whether the key replayed an earlier request. */
export interface WalletMoveResult { line: WalletTransactionRow; replayed: boolean }

/** A line of history to write, without the columns the database fills. */
export type NewLine = Pick<WalletTransactionRow, 'walletId' | 'kind' | 'status' | 'amount' | 'currency' | 'entryId'>
  & Partial<Pick<WalletTransactionRow, 'counterpartyUserId' | 'addressedTo' | 'reference' | 'memo' | 'withdrawalId' | 'payoutId'>>;

/** A transfer as checked: who, how much, and its scoped ledger key. */
interface Transfer { fromUserId: string; toUserId: string; addressedTo: string | null; currency: string; amount: bigint; memo: string; key: string }

function transferEntry(move: Transfer, from: WalletRow, to: WalletRow): PostEntryCommand {
  return {
    idempotencyKey: move.key, description: `Transfer from user ${move.fromUserId} to user ${move.toUserId}`,
    metadata: { fromWalletId: from.id, toWalletId: to.id, memo: move.memo },
    postings: [
      { accountId: from.accountId, direction: Direction.DEBIT, amount: String(move.amount), currency: move.currency },
      { accountId: to.accountId, direction: Direction.CREDIT, amount: String(move.amount), currency: move.currency },
    ],
  };
}

/** The sender's line (first) and the recipient's, without the entry they belong to. */
function transferLines(move: Transfer, from: WalletRow, to: WalletRow): Omit<NewLine, 'entryId'>[] {
  const common = { amount: String(move.amount), currency: move.currency, memo: move.memo, status: WalletTransactionStatus.COMPLETED };
  return [
    { ...common, walletId: from.id, kind: WalletTransactionKind.TRANSFER_OUT, counterpartyUserId: move.toUserId, addressedTo: move.addressedTo },
    { ...common, walletId: to.id, kind: WalletTransactionKind.TRANSFER_IN, counterpartyUserId: move.fromUserId },
  ];
}

/** A transfer names its recipient by exactly one of id and email. */
function checkRecipientGiven(command: TransferCommand): void {
  if ((command.toUserId == null) === (command.toEmail == null)) throw WalletError.badInput('give exactly one of toUserId and toEmail', 'toUserId');
}

/**
 * Wallets, deposits and transfers. Every movement is one ledger entry and its lines of history,
 * committed in one transaction; the ledger's idempotency claim (keyed per user and operation) is
 * what makes a replay return the first result instead of moving money twice.
 */
export class WalletService {
  /** Wallets never change once opened, so each gateway keeps the ones it has seen. */
  private readonly cache = new Map<string, WalletRow>();

  constructor(
    private readonly orm: MikroORM,
    private readonly ledger: LedgerService,
    private readonly users: IdentityQueries,
    private readonly options: WalletOptions,
  ) {}

  /** WALLET_CURRENCIES. */
  get currencies(): readonly string[] {
    return this.options.currencies;
  }

  /** Checks a currency code and that wallets are kept in it. Errors: INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED. */
  currency(raw: string, field = 'currency'): string {
    const currency = parseCurrency(raw, field);
    if (!this.currencies.includes(currency)) throw WalletError.currencyNotSupported(currency, this.currencies);
    return currency;
  }

  /**
   * The user's wallet in the currency, opened (with its ledger account) on first use; safe under
   * races. Opened inside `tx` when given, so a request that is refused opens nothing; the wallet is
   * cached only once it is known to be committed.
   */
  async walletOf(userId: string, currency: string, tx?: LedgerTransaction): Promise<WalletRow> {
    const cacheKey = `${userId}:${currency}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const em = tx?.em ?? this.orm.em.fork();
    const account = await this.ledger.ensureAccount(em, {
      code: `wallet:user:${userId}:${currency.toLowerCase()}`, name: `Wallet of user ${userId} (${currency})`,
      type: AccountType.LIABILITY, currency, ownerId: userId, negativeBalance: NegativeBalancePolicy.FORBID,
    });
    await sql`insert into wallet (user_id, currency, account_id) values (${userId}::bigint, ${currency}, ${account.id}::bigint)
      on conflict (user_id, currency) do nothing`.execute(em.getKysely() as Kysely<any>);
    const wallet = (await em.findOne(WalletEntity, { userId, currency }))!;
    if (tx) tx.afterCommit(() => this.remember(wallet));
    else this.remember(wallet);
    return wallet;
  }

  private remember(wallet: WalletRow): void {
    if (this.cache.size >= limits.walletCacheMax) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(`${wallet.userId}:${wallet.currency.trim()}`, wallet);
  }

  /**
   * Credits a user's wallet with money that arrived at the bank (simulated funding). `bySelf`: the
   * user asked for it themselves, which SELF_DEPOSITS may forbid.
   * Errors, in precedence: FORBIDDEN, BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE,
   * INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, IDEMPOTENCY_KEY_REUSED, EXTERNAL_REFERENCE_TAKEN, BALANCE_OVERFLOW.
   */
  async deposit(command: DepositCommand): Promise<WalletMoveResult> {
    if (command.bySelf && !this.options.selfDeposits) {
      throw AccessError.forbidden('depositing into one’s own wallet: SELF_DEPOSITS is off, so money comes in through staff');
    }
    // In order of precedence: malformed text (BAD_USER_INPUT), then the amount, then the currency.
    const reference = checkText(command.reference, { max: limits.referenceLengthMax, field: 'reference', allowEmpty: false });
    const memo = checkText(command.memo, { max: limits.descriptionLengthMax, field: 'memo' });
    const key = scopedKey('deposit', command.userId, checkClientKey(command.idempotencyKey));
    const amount = parseAmount(command.amount, 'amount');
    const currency = this.currency(command.currency);
    const deposited = this.ledger.transaction(this.orm.em, async (tx) => {
      const wallet = await this.walletOf(command.userId, currency, tx);
      const posted = await tx.post({
        idempotencyKey: key, description: `Deposit ${reference}`, metadata: { walletId: wallet.id, reference, memo },
        postings: [
          { accountCode: systemAccountCode(SystemAccount.BANK, currency), direction: Direction.DEBIT, amount: String(amount), currency },
          { accountId: wallet.accountId, direction: Direction.CREDIT, amount: String(amount), currency },
        ],
      });
      if (posted.replayed) return { line: await this.lineOf(tx.em, posted.entryId, wallet.id), replayed: true };
      // Checked after the claim: a replay of this very deposit must not be refused for its own reference.
      if (await this.referenceUsed(tx.em, currency, reference)) throw WalletError.referenceTaken(reference);
      const [line] = await this.record(tx, [{ walletId: wallet.id, kind: WalletTransactionKind.DEPOSIT, status: WalletTransactionStatus.COMPLETED, amount: String(amount), currency, reference, memo, entryId: posted.entryId }]);
      return { line, replayed: false };
    });
    // Another deposit with the reference that committed while this one ran: the index refuses this line.
    return deposited.catch((error) => {
      if (error instanceof UniqueViolation && error.constraint === 'wallet_transaction_deposit_reference_unique') throw WalletError.referenceTaken(reference);
      throw error;
    });
  }

  /**
   * Moves money from the sender's wallet to another user's, in one currency.
   * Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY,
   * CURRENCY_NOT_SUPPORTED, RECIPIENT_NOT_FOUND, SELF_TRANSFER, IDEMPOTENCY_KEY_REUSED, ACCOUNT_FROZEN,
   * ACCOUNT_CLOSED, INSUFFICIENT_FUNDS.
   */
  async transfer(command: TransferCommand): Promise<WalletMoveResult> {
    // In order of precedence: malformed input (BAD_USER_INPUT), the amount, the currency, then the recipient.
    const memo = checkText(command.memo, { max: limits.descriptionLengthMax, field: 'memo' });
    const key = scopedKey('transfer', command.fromUserId, checkClientKey(command.idempotencyKey));
    checkRecipientGiven(command);
    const amount = parseAmount(command.amount, 'amount');
    const currency = this.currency(command.currency);
    const { id: recipientId, addressedTo } = await this.recipient(command);
    if (recipientId === command.fromUserId) throw WalletError.selfTransfer();
    const move: Transfer = { fromUserId: command.fromUserId, toUserId: recipientId, addressedTo, currency, amount, memo, key };
    const [from, to] = [await this.existingWallet(move.fromUserId, currency), await this.existingWallet(recipientId, currency)];
    if (from && to) return this.transferBetween(move, from, to);
    // A wallet to open first: open it in the transfer's own transaction, so a refused transfer opens nothing.
    return this.ledger.transaction(this.orm.em, async (tx) => {
      const [sender, recipient] = [await this.walletOf(move.fromUserId, currency, tx), await this.walletOf(recipientId, currency, tx)];
      const posted = await tx.post(transferEntry(move, sender, recipient));
      if (posted.replayed) return { line: await this.lineOf(tx.em, posted.entryId, sender.id), replayed: true };
      const [line] = await this.record(tx, transferLines(move, sender, recipient).map((l) => ({ ...l, entryId: posted.entryId })));
      return { line, replayed: false };
    });
  }

  /**
   * A transfer between wallets that exist, the common case: the entry and its two lines go to the
   * ledger's writer together (companion rows), so concurrent transfers share its coalesced
   * transactions instead of each opening one.
   */
  private async transferBetween(move: Transfer, from: WalletRow, to: WalletRow): Promise<WalletMoveResult> {
    const rows = transferLines(move, from, to) as Partial<WalletTransactionRow>[];
    const posted = await this.ledger.postEntry(transferEntry(move, from, to), { rows: { entity: WalletTransactionEntity, entryProperty: 'entryId', rows } });
    if (posted.replayed) return { line: await this.lineOf(this.orm.em.fork(), posted.entryId, from.id), replayed: true };
    return { line: posted.rows!.find((row) => row.walletId === from.id)!, replayed: false };
  }

  /** The user's wallet in the currency if it is open (and committed), without opening it. */
  private async existingWallet(userId: string, currency: string): Promise<WalletRow | null> {
    const cached = this.cache.get(`${userId}:${currency}`);
    if (cached) return cached;
    const wallet = await this.orm.em.fork().findOne(WalletEntity, { userId, currency });
    if (wallet) this.remember(wallet);
    return wallet;
  }

  /** Writes lines of history inside the caller's transaction; returns them in the same order. */
  async record(tx: LedgerTransaction, lines: NewLine[]): Promise<WalletTransactionRow[]> {
    const now = new Date();
    const rows = lines.map((line) => tx.em.create(WalletTransactionEntity, {
      counterpartyUserId: null, addressedTo: null, reference: null, memo: '', withdrawalId: null, payoutId: null, ...line, createdAt: now, updatedAt: now,
    } as never) as WalletTransactionRow);
    await tx.em.flush();
    return rows;
  }

  /**
   * Sets the status of the wallet's line of `entryId` (a hold that was committed or voided),
   * inside the caller's transaction. A module's held money (cashback) uses it; a withdrawal's or
   * payout's lines change with the disbursement.
   */
  async setLineStatus(tx: LedgerTransaction, walletId: string, entryId: string, status: WalletTransactionStatus): Promise<void> {
    await tx.em.nativeUpdate(WalletTransactionEntity, { walletId, entryId }, { status, updatedAt: new Date() });
  }

  /**
   * The recipient, by id or by email, with the email as the sender gave it (normalised) when they
   * gave one; an unknown or disabled user is RECIPIENT_NOT_FOUND.
   */
  private async recipient(command: TransferCommand): Promise<{ id: string; addressedTo: string | null }> {
    checkRecipientGiven(command);
    let user;
    let addressedTo: string | null = null;
    if (command.toUserId != null) user = await this.users.userById(command.toUserId);
    else {
      try { addressedTo = normaliseEmail(command.toEmail!, 'toEmail'); } catch { throw WalletError.recipientNotFound(); }
      user = await this.users.userByEmail(addressedTo);
    }
    if (!user || user.status !== UserStatus.ACTIVE) throw WalletError.recipientNotFound();
    return { id: user.id, addressedTo };
  }

  private async referenceUsed(em: EntityManager, currency: string, reference: string): Promise<boolean> {
    return (await em.count(WalletTransactionEntity, { kind: WalletTransactionKind.DEPOSIT, currency, reference })) > 0;
  }

  private async lineOf(em: EntityManager, entryId: string, walletId: string): Promise<WalletTransactionRow> {
    const line = await em.findOne(WalletTransactionEntity, { entryId, walletId });
    // The claim and the lines commit together, so a replayed claim always has its lines.
    if (!line) throw LedgerError.notFound('entry', entryId);
    return line;
  }
}
