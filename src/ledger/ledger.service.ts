import { ForeignKeyConstraintViolationException, LockMode, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import { retry } from '../platform/retry.js';
import { AccountEntity } from './account.entity.js';
import type { AccountRow } from './ledger.queries.js';
import { AccountStatus, AccountType, Direction, NegativeBalancePolicy } from './ledger.enums.js';
import { LedgerError, Refusals } from './ledger.errors.js';
import { UniqueViolation, uniqueViolationOf } from '../platform/db/unique-violation.js';
import { companionsOf, entitiesOf, type EntryRows } from './entry-rows.js';
import { buildEach, requestHash, unwrap, type LedgerOp, type OpResult, type PostRequest } from './ledger-ops.js';
import { LedgerTransaction } from './ledger-unit.js';
import type { LedgerDatabase } from './ledger.db.js';
import { parseAmount, parseCurrency } from './money.js';
import { balanceOf, checkPostingCount } from './posting-rules.js';
import { writerRetries, type PostingWriter } from './posting-writer.js';

export interface OpenAccountCommand {
  code: string; name: string; type: AccountType; currency: string;
  parentId?: string; metadata?: Record<string, unknown>; negativeBalance?: NegativeBalancePolicy; ownerId?: string;
}
export interface UpdateAccountCommand {
  id: string; name?: string; metadata?: Record<string, unknown>; status?: AccountStatus; negativeBalance?: NegativeBalancePolicy;
}
export interface PostingCommand { accountId?: string; accountCode?: string; direction: Direction; amount: string; currency: string }
export interface PostEntryCommand {
  idempotencyKey: string; description?: string; metadata?: Record<string, unknown>;
  effectiveAt?: Date; pending?: boolean; expiresAt?: Date; postings: PostingCommand[];
}
export interface CommitCommand { idempotencyKey: string; entryId: string; amount?: string; description?: string }
export interface VoidCommand { idempotencyKey: string; entryId: string }
export interface ReverseCommand { idempotencyKey: string; entryId: string; description?: string; effectiveAt?: Date }
export type EnsureAccountCommand = Omit<OpenAccountCommand, 'parentId'>;

/** A unique violation on a module's own table (not one of the ledger's, whose races are the ledger's to rerun). */
function moduleUniqueViolation(error: unknown) {
  const unique = uniqueViolationOf(error);
  return unique && !unique.table.startsWith('ledger_') ? unique : undefined;
}

/**
 * Whether a module transaction runs again: for the races the writer reruns too, and once for each
 * of a module's unique constraints (the rerun's own checks see the row that won the race).
 */
function rerunsFor(error: unknown, uniquesSeen: Set<string>): boolean {
  const unique = moduleUniqueViolation(error);
  if (!unique) return writerRetries.isRetryable(error);
  if (uniquesSeen.has(unique.constraint)) return false;
  uniquesSeen.add(unique.constraint);
  return true;
}

function checkKey(key: string): string {
  return checkText(key, { max: limits.idempotencyKeyLengthMax, field: 'idempotencyKey', allowEmpty: false });
}

function checkMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  if (metadata === undefined || metadata === null) return {};
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) throw LedgerError.badInput('metadata must be a JSON object', 'metadata');
  if (Buffer.byteLength(JSON.stringify(metadata)) > limits.metadataBytesMax) {
    throw LedgerError.badInput(`metadata is larger than ${limits.metadataBytesMax} bytes`, 'metadata');
  }
  return metadata;
}

/**
 * Validates a client's entry and turns it into the writer's request; throws LedgerError on bad input.
 * Every check runs and the refusal reported is the earliest in `ledgerErrorCodes`, so the answer does
 * not depend on which field or posting happens to be checked first.
 */
export function toPostRequest(command: PostEntryCommand): PostRequest {
  const refusals = new Refusals();
  refusals.check(() => {
    if (!command.pending && command.expiresAt) throw LedgerError.badInput('expiresAt applies to pending entries only', 'expiresAt');
  });
  const description = refusals.check(() => checkText(command.description ?? '', { max: limits.descriptionLengthMax, field: 'description' }));
  const metadata = refusals.check(() => checkMetadata(command.metadata));
  // The clock's checks (effectiveAt not in the future, expiresAt in the future) run in the planner,
  // after the key's claim: a replay returns its stored result however late it comes (checkTimes).
  const effectiveAt = command.effectiveAt ?? undefined;
  const postings = command.postings.map((p, i) => {
    refusals.check(() => {
      if (!p.accountId === !p.accountCode || (p.accountCode !== undefined && p.accountCode.length > limits.accountCodeLengthMax)) throw LedgerError.badInput('give exactly one of accountId and accountCode', `postings.${i}`);
    });
    return {
      accountId: p.accountId, accountCode: p.accountCode, direction: p.direction,
      amount: refusals.check(() => parseAmount(p.amount, `postings.${i}.amount`))!,
      currency: refusals.check(() => parseCurrency(p.currency, `postings.${i}.currency`))!,
    };
  });
  refusals.check(() => checkPostingCount(command.postings.length));
  refusals.throwEarliest();
  return {
    description: description!, metadata: metadata!, effectiveAt, pending: command.pending ?? false,
    expiresAt: command.expiresAt ?? undefined, postings,
  };
}

/**
 * The ledger core's public face: every module moves money through these methods, and nothing else
 * writes entries, postings or balances. Money operations go through the coalescing writer; a module
 * that must commit its own rows with the postings runs its work in `transaction`.
 */
export interface TransactionOptions {
  /** Accounts (by id or code) locked in id order before the work runs. */
  lockAccounts?: { ids?: readonly string[]; codes?: readonly string[] };
  /**
   * The books lock taken exclusive before anything else (a period close or reopening): postings
   * under way finish first, new ones wait for this transaction; `tx.booksClosedThrough` and
   * `tx.setClosedThrough` need it.
   */
  lockBooks?: boolean;
}

export class LedgerService {
  /** `origin`: whose calls these are, in the metrics ('api' for the GraphQL API, a module's name for its view). */
  constructor(private readonly writer: PostingWriter, private readonly orm: MikroORM, readonly origin = 'api') {}

  /** The same ledger, its entries counted as `origin`'s (a module's view of it: FolioModule.scope). */
  as(origin: string): LedgerService {
    return new LedgerService(this.writer, this.orm, origin);
  }

  /** Balance changes between two checkpoints of an account at most, in the writer and in module transactions alike. */
  get checkpointSpan(): number {
    return this.writer.checkpointSpan;
  }

  /** Lets the writer finish what it has queued; the gateway calls it once every worker has stopped. */
  async close(): Promise<void> {
    await this.writer.close();
  }

  /** Errors: BAD_USER_INPUT, INVALID_CURRENCY, NOT_FOUND (parent or owner), CURRENCY_MISMATCH (parent), ACCOUNT_CODE_TAKEN. */
  async openAccount(em: EntityManager, command: OpenAccountCommand): Promise<AccountRow> {
    checkText(command.code, { max: limits.accountCodeLengthMax, field: 'code', allowEmpty: false });
    checkText(command.name, { max: limits.nameLengthMax, field: 'name', allowEmpty: false });
    const metadata = checkMetadata(command.metadata);
    const currency = parseCurrency(command.currency, 'currency');
    if (command.parentId) {
      const parent = await em.findOne(AccountEntity, { id: command.parentId });
      if (!parent) throw LedgerError.notFound('account', command.parentId);
      if (parent.currency !== currency) throw LedgerError.currencyMismatch(parent.id, parent.currency, currency);
    }
    const account = em.create(AccountEntity, {
      code: command.code, name: command.name, type: command.type, currency,
      parentId: command.parentId ?? null, ownerId: command.ownerId ?? null, metadata,
      negativeBalance: command.negativeBalance ?? NegativeBalancePolicy.FORBID,
    } as never);
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw LedgerError.accountCodeTaken(command.code);
      // The only foreign key not checked above is the owner: a user id that does not exist.
      if (error instanceof ForeignKeyConstraintViolationException) throw LedgerError.notFound('user', command.ownerId ?? '');
      throw error;
    }
    await em.refresh(account);
    return account as AccountRow;
  }

  /**
   * Opens an account unless one with its code exists, and returns it: for accounts a module opens on
   * first use (a user's wallet, a currency's system accounts), safe when two requests race to open
   * the same one. An existing account with the code must have the same type, currency and owner.
   * Errors: BAD_USER_INPUT, INVALID_CURRENCY, NOT_FOUND (owner), ACCOUNT_CODE_TAKEN (the code belongs to a different account).
   */
  async ensureAccount(em: EntityManager, command: EnsureAccountCommand): Promise<AccountRow> {
    checkText(command.code, { max: limits.accountCodeLengthMax, field: 'code', allowEmpty: false });
    checkText(command.name, { max: limits.nameLengthMax, field: 'name', allowEmpty: false });
    const metadata = checkMetadata(command.metadata);
    const currency = parseCurrency(command.currency, 'currency');
    try {
      await em.getKysely<LedgerDatabase>().insertInto('ledger_account').values({
        code: command.code, name: command.name, type: command.type, currency, owner_id: command.ownerId ?? null,
        metadata: JSON.stringify(metadata), negative_balance: command.negativeBalance ?? NegativeBalancePolicy.FORBID,
      }).onConflict((conflict) => conflict.column('code').doNothing()).execute();
    } catch (error) {
      // The only foreign key is the owner: a user id that does not exist.
      if ((error as { code?: string }).code === '23503') throw LedgerError.notFound('user', command.ownerId ?? '');
      throw error;
    }
    const account = await em.findOne(AccountEntity, { code: command.code }, { disableIdentityMap: true });
    if (!account || account.type !== command.type || account.currency !== currency || (account.ownerId ?? null) !== (command.ownerId ?? null)) {
      throw LedgerError.accountCodeTaken(command.code);
    }
    return account as AccountRow;
  }

  /**
   * Changes an account's name, metadata, status or policy under its row lock, so it serialises
   * with postings. A closed account stays closed; closing needs a zero balance and no open holds.
   * A field left out is unchanged; an explicit null is BAD_USER_INPUT (none of them can be empty).
   * Errors, in precedence: BAD_USER_INPUT, NOT_FOUND, ACCOUNT_CLOSED.
   */
  async updateAccount(em: EntityManager, command: UpdateAccountCommand): Promise<AccountRow> {
    // Checked before the account is looked up: BAD_USER_INPUT comes before NOT_FOUND and ACCOUNT_CLOSED.
    for (const field of ['name', 'metadata', 'status', 'negativeBalance'] as const) {
      if ((command as unknown as Record<string, unknown>)[field] === null) throw LedgerError.badInput(`${field} cannot be null: leave it out to keep it as it is`, field);
    }
    const name = command.name === undefined ? undefined : checkText(command.name, { max: limits.nameLengthMax, field: 'name', allowEmpty: false });
    const metadata = command.metadata === undefined ? undefined : checkMetadata(command.metadata);
    return em.transactional(async (tx) => {
      const account = await tx.findOne(AccountEntity, { id: command.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!account) throw LedgerError.notFound('account', command.id);
      if (account.status === AccountStatus.CLOSED) throw LedgerError.accountClosed(account.id);
      if (name !== undefined) account.name = name;
      if (metadata !== undefined) account.metadata = metadata;
      if (command.negativeBalance !== undefined) account.negativeBalance = command.negativeBalance;
      if (command.status === AccountStatus.CLOSED) {
        const totals = { type: account.type, postedDebits: BigInt(account.postedDebits), postedCredits: BigInt(account.postedCredits), pendingDebits: BigInt(account.pendingDebits), pendingCredits: BigInt(account.pendingCredits) };
        if (balanceOf(totals).posted !== 0n || totals.pendingDebits !== 0n || totals.pendingCredits !== 0n) {
          throw LedgerError.badInput('an account can be closed only with a zero balance and no pending entries', 'status');
        }
      }
      if (command.status !== undefined) account.status = command.status;
      account.updatedAt = new Date();
      return account as AccountRow;
    });
  }

  /**
   * Posts one entry (or creates it pending): a module transaction of a single post, which the
   * ledger coalesces with its neighbours in the writer. Errors, in precedence: BAD_USER_INPUT,
   * INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, TOO_FEW_POSTINGS,
   * TOO_MANY_POSTINGS, IDEMPOTENCY_KEY_REUSED, NOT_FOUND, CURRENCY_MISMATCH, UNBALANCED_ENTRY,
   * ACCOUNT_FROZEN, ACCOUNT_CLOSED, BALANCE_OVERFLOW, INSUFFICIENT_FUNDS.
   * `rows`: the module's own rows that need nothing but the new entry's id (EntryRows), written in
   * the same transaction and returned as its entities; anything more needs `transaction`.
   */
  async postEntry<T extends object>(command: PostEntryCommand, options: { rows?: EntryRows<T> } = {}) {
    return this.postWithRows(this.orm.em.fork(), command, options.rows, (op) => this.writer.submit(op));
  }

  /**
   * A post and its entry rows through `run` (the writer, or a module transaction's batch): the rows
   * go with the operation as the writer's companions, and come back as the module's entities.
   */
  async postWithRows<T extends object>(em: EntityManager, command: PostEntryCommand, rows: EntryRows<T> | undefined, run: (op: LedgerOp) => Promise<OpResult>) {
    const companions = rows && companionsOf(em, rows);
    const result = unwrap(await run({ ...this.postOp(command), ...(companions && { companions }) } as LedgerOp));
    return { ...result, rows: rows && result.companions ? entitiesOf(em, rows, result.companions) : undefined };
  }

  /**
   * Posts up to entriesPerBatchMax entries in one transaction; each gets its own result, in order.
   * A command the API layer already refused (a malformed id) comes as its LedgerError and keeps
   * its place.
   */
  async postEntries(commands: (PostEntryCommand | LedgerError)[]): Promise<OpResult[]> {
    if (commands.length === 0 || commands.length > limits.entriesPerBatchMax) {
      throw LedgerError.badInput(`a batch holds 1 to ${limits.entriesPerBatchMax} entries`, 'entries');
    }
    const ops = buildEach(commands, (command) => this.postOp(command));
    const valid = ops.filter((op): op is LedgerOp => !(op instanceof LedgerError));
    const results = valid.length ? await this.writer.submitTogether(valid) : [];
    let next = 0;
    return ops.map((op) => (op instanceof LedgerError ? { error: op } : results[next++]));
  }

  /** Errors, in precedence: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, IDEMPOTENCY_KEY_REUSED, NOT_FOUND, ACCOUNT_FROZEN, ACCOUNT_CLOSED, ENTRY_NOT_PENDING, PENDING_ENTRY_EXPIRED, COMMIT_EXCEEDS_PENDING, INSUFFICIENT_FUNDS. */
  async commitPending(command: CommitCommand) {
    return unwrap(await this.writer.submit(this.commitOp(command)));
  }

  /** Errors: IDEMPOTENCY_KEY_REUSED, NOT_FOUND, ENTRY_NOT_PENDING. */
  async voidPending(command: VoidCommand) {
    return unwrap(await this.writer.submit(this.voidOp(command)));
  }

  /** Errors, in precedence: BAD_USER_INPUT, IDEMPOTENCY_KEY_REUSED, NOT_FOUND, ACCOUNT_FROZEN, ACCOUNT_CLOSED, ENTRY_NOT_REVERSIBLE, ENTRY_ALREADY_REVERSED, INSUFFICIENT_FUNDS. */
  async reverseEntry(command: ReverseCommand) {
    return unwrap(await this.writer.submit(this.reverseOp(command)));
  }

  /** Expires pending entries past their expiry (the sweeper's call); no key, no client. */
  async expire(entryIds: string[]): Promise<OpResult[]> {
    return Promise.all(entryIds.map((entryId) => this.writer.submit({ kind: 'expire', entryId })));
  }

  /**
   * The money API: runs a module's work in one database transaction. Its own rows (through
   * `tx.em`) and its ledger operations (`tx.post`, `tx.commit`, `tx.void`, `tx.reverse`,
   * `tx.ensureAccount`) commit together or not at all; a refused operation throws its LedgerError,
   * which rolls everything back. Events the transaction wrote are published once it commits; a side
   * effect outside the database (filling a cache) goes in `tx.afterCommit`.
   *
   * Accounts are locked in id order: all those of operations started together in one statement,
   * and `lockAccounts` (by id or code) before the work starts, for a module that posts in steps
   * over accounts another transaction may cross; so module transactions never deadlock each other.
   *
   * The work may run more than once, so it must only read and write through `tx`:
   * - a deadlock, serialisation failure, lock timeout or a race on the ledger's own keys reruns it,
   *   with every account the failed attempt locked now locked before the work starts;
   * - a unique violation on a module's own row reruns it once (a race whose winner the rerun's
   *   checks now see); the same constraint again is thrown as UniqueViolation, for the module to
   *   turn into its own error (an external id already taken).
   */
  async transaction<T>(em: EntityManager, work: (tx: LedgerTransaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const learned = new Set<string>(options.lockAccounts?.ids ?? []);
    const uniquesSeen = new Set<string>();
    try {
      return await retry(async () => {
        let tx: LedgerTransaction | undefined;
        try {
          const value = await em.fork().transactional(async (inner) => {
            tx = new LedgerTransaction(inner as EntityManager, this);
            if (options.lockBooks) await tx.lockBooks();
            await tx.lockUpFront({ ids: [...learned], codes: options.lockAccounts?.codes });
            return work(tx);
          });
          this.writer.committed(tx!.results);
          tx!.runAfterCommit();
          return value;
        } finally {
          for (const id of tx?.lockedAccountIds ?? []) learned.add(id);
        }
      }, { ...writerRetries, isRetryable: (error) => rerunsFor(error, uniquesSeen) });
    } catch (error) {
      const unique = moduleUniqueViolation(error);
      throw unique ? new UniqueViolation(unique.table, unique.constraint, { cause: error }) : error;
    }
  }

  /** Builds the writer's operation for a client entry. */
  postOp(command: PostEntryCommand): LedgerOp {
    const key = checkKey(command.idempotencyKey);
    const request = toPostRequest(command);
    return { kind: 'post', key, hash: requestHash('post', request), request, origin: this.origin };
  }

  commitOp(command: CommitCommand): LedgerOp {
    // Text checks (BAD_USER_INPUT) before the amount (INVALID_AMOUNT...), as ledgerErrorCodes orders them.
    const key = checkKey(command.idempotencyKey);
    const description = command.description == null ? undefined : checkText(command.description, { max: limits.descriptionLengthMax, field: 'description' });
    const amount = command.amount == null ? undefined : parseAmount(command.amount, 'amount');
    const hash = requestHash('commit', { entryId: command.entryId, amount, description });
    return { kind: 'commit', key, hash, entryId: command.entryId, amount, description, origin: this.origin };
  }

  reverseOp(command: ReverseCommand): LedgerOp {
    const key = checkKey(command.idempotencyKey);
    const description = command.description == null ? undefined : checkText(command.description, { max: limits.descriptionLengthMax, field: 'description' });
    const effectiveAt = command.effectiveAt ?? undefined;
    const hash = requestHash('reverse', { entryId: command.entryId, description, effectiveAt });
    return { kind: 'reverse', key, hash, entryId: command.entryId, description, effectiveAt, origin: this.origin };
  }

  voidOp(command: VoidCommand): LedgerOp {
    const key = checkKey(command.idempotencyKey);
    return { kind: 'void', key, hash: requestHash('void', { entryId: command.entryId }), entryId: command.entryId, origin: this.origin };
  }
}
