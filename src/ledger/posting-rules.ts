import { limits } from '../platform/limits.js';
import { AccountStatus, Direction, NegativeBalancePolicy, normalSideOf, type AccountType } from './ledger.enums.js';
import { invariant, LedgerError } from './ledger.errors.js';
import { int64Max } from './money.js';

/** The locked state of an account inside a posting transaction. */
export interface AccountState {
  id: string;
  code: string;
  type: AccountType;
  currency: string;
  status: AccountStatus;
  negativeBalance: NegativeBalancePolicy;
  /** The user who owns the account (its events carry it, so a module can route them); null for system accounts. */
  ownerId: string | null;
  postedDebits: bigint;
  postedCredits: bigint;
  pendingDebits: bigint;
  pendingCredits: bigint;
}

export interface PostingDraft {
  accountId: string;
  direction: Direction;
  amount: bigint;
  currency: string;
}

/** How a set of postings changes the four totals of its accounts. */
export type TotalsChange = 'post' | 'hold' | 'release';

export interface Balance {
  posted: bigint;
  pending: bigint;
  available: bigint;
}

/**
 * Balances on the account's normal side. `pending` is the net of open holds (inflows minus
 * outflows); `available` is posted minus pending outflows, so held funds cannot be spent twice.
 */
export function balanceOf(state: Pick<AccountState, 'type' | 'postedDebits' | 'postedCredits' | 'pendingDebits' | 'pendingCredits'>): Balance {
  const debitNormal = normalSideOf(state.type) === Direction.DEBIT;
  const posted = debitNormal ? state.postedDebits - state.postedCredits : state.postedCredits - state.postedDebits;
  const pending = debitNormal ? state.pendingDebits - state.pendingCredits : state.pendingCredits - state.pendingDebits;
  const outflows = debitNormal ? state.pendingCredits : state.pendingDebits;
  return { posted, pending, available: posted - outflows };
}

/**
 * The checks that depend on the clock: an entry's effective time not in the future (beyond
 * clock skew), a hold's expiry in the future. The planner runs them after the idempotency claim,
 * so a replay of a stored key returns its result whatever the clock says now.
 */
export function checkTimes(times: { effectiveAt?: Date; expiresAt?: Date }, now: Date): void {
  if (times.effectiveAt && times.effectiveAt.getTime() > now.getTime() + limits.effectiveAtFutureSkewMs) {
    throw LedgerError.badInput('effectiveAt may not be in the future', 'effectiveAt');
  }
  if (times.expiresAt && times.expiresAt.getTime() <= now.getTime()) throw LedgerError.badInput('expiresAt must be in the future', 'expiresAt');
}

export function checkPostingCount(count: number): void {
  if (count < 2) throw LedgerError.tooFewPostings(count);
  if (count > limits.postingsPerEntryMax) throw LedgerError.tooManyPostings(count, limits.postingsPerEntryMax);
}

/** Debits equal credits in every currency, or the entry is rejected whole. */
export function checkBalanced(postings: readonly PostingDraft[]): void {
  const sums = new Map<string, { debits: bigint; credits: bigint }>();
  for (const posting of postings) {
    const sum = sums.get(posting.currency) ?? { debits: 0n, credits: 0n };
    if (posting.direction === Direction.DEBIT) sum.debits += posting.amount;
    else sum.credits += posting.amount;
    sums.set(posting.currency, sum);
  }
  for (const [currency, { debits, credits }] of [...sums].sort(([a], [b]) => a.localeCompare(b))) {
    if (debits !== credits) throw LedgerError.unbalanced(currency, debits, credits);
  }
}

/** Every posting names a known account (checked for all postings first: NOT_FOUND precedes CURRENCY_MISMATCH) in the account's own currency. */
export function checkAccounts(postings: readonly PostingDraft[], accounts: ReadonlyMap<string, AccountState>): void {
  for (const posting of postings) {
    if (!accounts.has(posting.accountId)) throw LedgerError.notFound('account', posting.accountId);
  }
  for (const posting of postings) {
    const account = accounts.get(posting.accountId)!;
    if (account.currency !== posting.currency) {
      throw LedgerError.currencyMismatch(posting.accountId, account.currency, posting.currency);
    }
  }
}

/** Frozen and closed accounts refuse new postings (a frozen one reported first, as ledgerErrorCodes orders them); releasing a hold is always allowed. */
export function checkStatus(postings: readonly PostingDraft[], accounts: ReadonlyMap<string, AccountState>): void {
  const states = postings.map((posting) => accounts.get(posting.accountId)!);
  const frozen = states.find((account) => account.status === AccountStatus.FROZEN);
  if (frozen) throw LedgerError.accountFrozen(frozen.id);
  const closed = states.find((account) => account.status === AccountStatus.CLOSED);
  if (closed) throw LedgerError.accountClosed(closed.id);
}

function addTo(state: AccountState, posting: PostingDraft, change: TotalsChange): void {
  const debit = posting.direction === Direction.DEBIT;
  const signed = change === 'release' ? -posting.amount : posting.amount;
  if (change === 'post') {
    if (debit) state.postedDebits += signed;
    else state.postedCredits += signed;
  } else if (debit) state.pendingDebits += signed;
  else state.pendingCredits += signed;
}

/**
 * Applies several changes (a commit releases its hold and posts in one step) to copies of the
 * touched accounts and checks the result: no total overflows, and no account under FORBID loses
 * available funds it does not have. Returns the new states; the caller's map is left untouched,
 * so a rejected entry changes nothing.
 */
export function applyChanges(
  accounts: ReadonlyMap<string, AccountState>,
  changes: readonly { postings: readonly PostingDraft[]; change: TotalsChange }[],
): Map<string, AccountState> {
  const next = new Map<string, AccountState>();
  for (const { postings, change } of changes) {
    for (const posting of postings) {
      const state = next.get(posting.accountId) ?? { ...accounts.get(posting.accountId)! };
      addTo(state, posting, change);
      next.set(posting.accountId, state);
    }
  }
  for (const state of next.values()) {
    const totals = [state.postedDebits, state.postedCredits, state.pendingDebits, state.pendingCredits];
    if (totals.some((total) => total > int64Max)) throw LedgerError.balanceOverflow(state.id);
    invariant(totals.every((total) => total >= 0n), `negative total on account ${state.id}`);
  }
  for (const state of next.values()) {
    if (state.negativeBalance !== NegativeBalancePolicy.FORBID) continue;
    const before = balanceOf(accounts.get(state.id)!).available;
    const after = balanceOf(state).available;
    if (after < 0n && after < before) throw LedgerError.insufficientFunds(state.id, before, before - after);
  }
  return next;
}

/** The postings that undo `postings`: same accounts and amounts, sides swapped. */
export function swapSides(postings: readonly PostingDraft[]): PostingDraft[] {
  return postings.map((posting) => ({
    ...posting,
    direction: posting.direction === Direction.DEBIT ? Direction.CREDIT : Direction.DEBIT,
  }));
}
