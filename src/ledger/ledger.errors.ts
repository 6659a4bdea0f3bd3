import { errorClass, InputError } from '../platform/errors.js';
import { toGlobalId } from './ledger.ids.js';

/** Errors name accounts and entries by their global ids (`acc_42`, `ent_7`), as clients know them. */
const acc = (id: string) => toGlobalId('Account', id);
const ent = (id: string) => toGlobalId('JournalEntry', id);
/** The owner of an account is a User (identity's type, registered by identity; the ledger imports none of it). */
const globalIdTypes = { account: 'Account', entry: 'JournalEntry', user: 'User' } as const;

/**
 * Every expected failure of the ledger, with its stable code. The list is in order of precedence:
 * when an entry breaks several rules, the first code here is the one reported (TigerBeetle's
 * result codes). One exception: a partial commit of a held entry that is not one debit and one
 * credit is BAD_USER_INPUT about that entry, checked after its state (ENTRY_NOT_PENDING,
 * PENDING_ENTRY_EXPIRED). And the clock's BAD_USER_INPUT (an effective time in the future, an
 * expiry in the past) comes after IDEMPOTENCY_KEY_REUSED and the entry's shape, so that a replay of a
 * stored key returns its result whatever the time. Codes are part of the API: never rename one.
 */
export const ledgerErrorCodes = [
  'BAD_USER_INPUT',
  'INVALID_AMOUNT',
  'AMOUNT_NOT_POSITIVE',
  'AMOUNT_OUT_OF_RANGE',
  'INVALID_CURRENCY',
  'TOO_FEW_POSTINGS',
  'TOO_MANY_POSTINGS',
  'IDEMPOTENCY_KEY_REUSED',
  'NOT_FOUND',
  'CURRENCY_MISMATCH',
  'UNBALANCED_ENTRY',
  'ACCOUNT_CODE_TAKEN',
  'PERIOD_CLOSED',
  'ACCOUNT_FROZEN',
  'ACCOUNT_CLOSED',
  'ENTRY_NOT_PENDING',
  'PENDING_ENTRY_EXPIRED',
  'COMMIT_EXCEEDS_PENDING',
  'ENTRY_NOT_REVERSIBLE',
  'ENTRY_ALREADY_REVERSED',
  'BALANCE_OVERFLOW',
  'INSUFFICIENT_FUNDS',
] as const;

export type LedgerErrorCode = (typeof ledgerErrorCodes)[number];

/** An expected, typed failure; the GraphQL layer turns it into an error with `extensions.code`. */
export class LedgerError extends errorClass('LedgerError', ledgerErrorCodes) {
  static periodClosed(effectiveAt: Date, closedThrough: Date) {
    return new LedgerError('PERIOD_CLOSED', `the entry would take effect at ${effectiveAt.toISOString()}, in a closed period: every period before ${closedThrough.toISOString()} is closed`, {
      effectiveAt: effectiveAt.toISOString(), closedThrough: closedThrough.toISOString(),
    });
  }
  static invalidAmount(value: string, field: string) {
    return new LedgerError('INVALID_AMOUNT', `amount "${value.slice(0, 40)}" is not a whole number of minor units written in digits`, { field });
  }
  static amountNotPositive(value: string, field: string) {
    return new LedgerError('AMOUNT_NOT_POSITIVE', `amount ${value} must be greater than zero`, { field });
  }
  static amountOutOfRange(field: string) {
    return new LedgerError('AMOUNT_OUT_OF_RANGE', 'amount exceeds the largest amount a posting can carry (2^63 - 1 minor units)', { field });
  }
  static invalidCurrency(value: string, field: string) {
    return new LedgerError('INVALID_CURRENCY', `"${value.slice(0, 10)}" is not an ISO 4217 currency code`, { field });
  }
  static tooFewPostings(count: number) {
    return new LedgerError('TOO_FEW_POSTINGS', `an entry needs at least 2 postings, got ${count}`);
  }
  static tooManyPostings(count: number, max: number) {
    return new LedgerError('TOO_MANY_POSTINGS', `an entry may have at most ${max} postings, got ${count}`);
  }
  static idempotencyKeyReused(key: string) {
    return new LedgerError('IDEMPOTENCY_KEY_REUSED', `idempotency key "${key}" was already used with a different input`, { idempotencyKey: key });
  }
  /** Names the missing account, entry or owner by its global id (`acc_42`), as the client sent it. */
  static notFound(resource: 'account' | 'entry' | 'user', rowId: string) {
    const id = toGlobalId(globalIdTypes[resource], rowId);
    return new LedgerError('NOT_FOUND', `${resource} ${id} not found`, { resource, id });
  }
  static accountCodeNotFound(accountCode: string) {
    return new LedgerError('NOT_FOUND', `no account has code "${accountCode.slice(0, 200)}"`, { resource: 'account', accountCode });
  }
  static pendingEntryKeyNotFound(key: string) {
    return new LedgerError('NOT_FOUND', `no entry was posted with idempotency key "${key.slice(0, 200)}"`, { resource: 'entry', pendingEntryKey: key.slice(0, 200) });
  }
  static currencyMismatch(accountId: string, accountCurrency: string, postingCurrency: string) {
    return new LedgerError('CURRENCY_MISMATCH', `account ${acc(accountId)} holds ${accountCurrency}, the posting is in ${postingCurrency}`, { accountId: acc(accountId) });
  }
  static unbalanced(currency: string, debits: bigint, credits: bigint) {
    return new LedgerError('UNBALANCED_ENTRY', `${currency} debits (${debits}) do not equal credits (${credits})`, { currency, debits: String(debits), credits: String(credits) });
  }
  static accountCodeTaken(code: string) {
    return new LedgerError('ACCOUNT_CODE_TAKEN', `an account with code "${code}" already exists`, { field: 'code', accountCode: code });
  }
  static accountFrozen(accountId: string) {
    return new LedgerError('ACCOUNT_FROZEN', `account ${acc(accountId)} is frozen and refuses postings`, { accountId: acc(accountId) });
  }
  static accountClosed(accountId: string) {
    return new LedgerError('ACCOUNT_CLOSED', `account ${acc(accountId)} is closed and refuses postings`, { accountId: acc(accountId) });
  }
  static entryNotPending(entryId: string, status: string) {
    return new LedgerError('ENTRY_NOT_PENDING', `entry ${ent(entryId)} is ${status}, not PENDING`, { entryId: ent(entryId), status });
  }
  static pendingExpired(entryId: string) {
    return new LedgerError('PENDING_ENTRY_EXPIRED', `pending entry ${ent(entryId)} has expired`, { entryId: ent(entryId) });
  }
  static commitExceedsPending(entryId: string) {
    return new LedgerError('COMMIT_EXCEEDS_PENDING', `the commit amount exceeds what pending entry ${ent(entryId)} holds`, { entryId: ent(entryId) });
  }
  static notReversible(entryId: string, why: string) {
    return new LedgerError('ENTRY_NOT_REVERSIBLE', `entry ${ent(entryId)} cannot be reversed: ${why}`, { entryId: ent(entryId) });
  }
  static alreadyReversed(entryId: string) {
    return new LedgerError('ENTRY_ALREADY_REVERSED', `entry ${ent(entryId)} has already been reversed`, { entryId: ent(entryId) });
  }
  static balanceOverflow(accountId: string) {
    return new LedgerError('BALANCE_OVERFLOW', `account ${acc(accountId)} would exceed the largest total a balance can hold`, { accountId: acc(accountId) });
  }
  static insufficientFunds(accountId: string, available: bigint, needed: bigint) {
    return new LedgerError('INSUFFICIENT_FUNDS', `account ${acc(accountId)} has ${available} available, the entry needs ${needed}`, { accountId: acc(accountId), available: String(available) });
  }
}

/** Fails loudly on a broken invariant: only a bug can trip one, and the check stays on in production. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`ledger invariant broken: ${message}`);
}

/**
 * Collects the refusals of independent checks, so that the one reported is the earliest in
 * `ledgerErrorCodes` whatever order the checks ran in (among equal codes, the first found): a
 * one-posting entry with a bad amount is INVALID_AMOUNT, not TOO_FEW_POSTINGS.
 */
export class Refusals {
  private earliest: LedgerError | undefined;

  /** Runs a check; a LedgerError it throws is kept (anything else is a bug and is thrown) and the result is undefined. */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      // A platform check (a text, an id) refuses with InputError: the ledger reports it as its own.
      if (error instanceof InputError) error = LedgerError.fromInput(error);
      if (!(error instanceof LedgerError)) throw error;
      if (!this.earliest || ledgerErrorCodes.indexOf(error.code) < ledgerErrorCodes.indexOf(this.earliest.code)) this.earliest = error;
      return undefined;
    }
  }

  /** Throws the earliest refusal found, if any. */
  throwEarliest(): void {
    if (this.earliest) throw this.earliest;
  }
}
