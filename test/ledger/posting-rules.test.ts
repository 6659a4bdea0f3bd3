import { describe, expect, it } from 'vitest';
import { AccountStatus, AccountType, Direction, NegativeBalancePolicy } from '../../src/ledger/ledger.enums.js';
import { LedgerError } from '../../src/ledger/ledger.errors.js';
import { int64Max, parseAmount, parseCurrency } from '../../src/ledger/money.js';
import {
  applyChanges, balanceOf, checkBalanced, checkPostingCount,
  type AccountState, type PostingDraft, type TotalsChange,
} from '../../src/ledger/posting-rules.js';

const { DEBIT, CREDIT } = Direction;

/** Runs `fn` and returns the LedgerError code it threw, 'OK' when it did not throw. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'OK';
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    throw error;
  }
}

function account(id: string, type: AccountType, totals: Partial<Record<'pd' | 'pc' | 'qd' | 'qc', bigint>> = {}, policy = NegativeBalancePolicy.FORBID): AccountState {
  return {
    id, code: `code-${id}`, type, currency: 'USD', status: AccountStatus.OPEN, negativeBalance: policy, ownerId: null,
    postedDebits: totals.pd ?? 0n, postedCredits: totals.pc ?? 0n, pendingDebits: totals.qd ?? 0n, pendingCredits: totals.qc ?? 0n,
  };
}

const leg = (accountId: string, direction: Direction, amount: bigint, currency = 'USD'): PostingDraft => ({ accountId, direction, amount, currency });

describe('balanceOf', () => {
  // Totals: posted debits 100, posted credits 30, pending debits 20, pending credits 5.
  it.each([
    [AccountType.ASSET, { posted: 70n, pending: 15n, available: 65n }],
    [AccountType.EXPENSE, { posted: 70n, pending: 15n, available: 65n }],
    [AccountType.LIABILITY, { posted: -70n, pending: -15n, available: -90n }],
    [AccountType.EQUITY, { posted: -70n, pending: -15n, available: -90n }],
    [AccountType.REVENUE, { posted: -70n, pending: -15n, available: -90n }],
  ])('reads a %s account on its normal side', (type, expected) => {
    expect(balanceOf({ type, postedDebits: 100n, postedCredits: 30n, pendingDebits: 20n, pendingCredits: 5n })).toEqual(expected);
  });
});

describe('checkPostingCount', () => {
  it.each([
    [0, 'TOO_FEW_POSTINGS'],
    [1, 'TOO_FEW_POSTINGS'],
    [2, 'OK'],
    [100, 'OK'],
    [101, 'TOO_MANY_POSTINGS'],
  ])('%i postings: %s', (count, expected) => {
    expect(codeOf(() => checkPostingCount(count))).toBe(expected);
  });
});

describe('checkBalanced', () => {
  it.each([
    ['one debit, one credit', [leg('a', DEBIT, 10n), leg('b', CREDIT, 10n)], 'OK', undefined],
    ['one debit split over two credits', [leg('a', DEBIT, 10n), leg('b', CREDIT, 4n), leg('c', CREDIT, 6n)], 'OK', undefined],
    ['debits exceed credits', [leg('a', DEBIT, 10n), leg('b', CREDIT, 9n)], 'UNBALANCED_ENTRY', 'USD'],
    ['credits only', [leg('a', CREDIT, 10n), leg('b', CREDIT, 10n)], 'UNBALANCED_ENTRY', 'USD'],
    ['two currencies, each balanced', [leg('a', DEBIT, 5n), leg('b', CREDIT, 5n), leg('c', DEBIT, 7n, 'EUR'), leg('d', CREDIT, 7n, 'EUR')], 'OK', undefined],
    ['equal totals across currencies are not balanced', [leg('a', DEBIT, 5n), leg('c', CREDIT, 5n, 'EUR')], 'UNBALANCED_ENTRY', 'EUR'],
    ['two unbalanced currencies report the first in code order', [leg('a', DEBIT, 5n), leg('c', DEBIT, 3n, 'EUR')], 'UNBALANCED_ENTRY', 'EUR'],
  ])('%s: %s', (_label, postings, expected, currency) => {
    expect(codeOf(() => checkBalanced(postings))).toBe(expected);
    if (currency) {
      try { checkBalanced(postings); } catch (error) { expect((error as LedgerError).details.currency).toBe(currency); }
    }
  });
});

interface ApplyCase {
  label: string;
  accounts: AccountState[];
  changes: { postings: PostingDraft[]; change: TotalsChange }[];
  expected: string;
  /** The totals of account `w` after the changes, when they are accepted. */
  after?: Partial<Record<'pd' | 'pc' | 'qd' | 'qc', bigint>>;
}

const wallet = (totals: Partial<Record<'pd' | 'pc' | 'qd' | 'qc', bigint>>, policy?: NegativeBalancePolicy) => account('w', AccountType.LIABILITY, totals, policy);
const sink = account('s', AccountType.LIABILITY, {}, NegativeBalancePolicy.ALLOW);
const spend = (amount: bigint, change: TotalsChange = 'post') => ({ postings: [leg('w', DEBIT, amount), leg('s', CREDIT, amount)], change });

const applyCases: ApplyCase[] = [
  { label: 'spends within funds', accounts: [wallet({ pc: 100n }), sink], changes: [spend(60n)], expected: 'OK', after: { pd: 60n, pc: 100n } },
  { label: 'spends exactly the funds', accounts: [wallet({ pc: 100n }), sink], changes: [spend(100n)], expected: 'OK', after: { pd: 100n, pc: 100n } },
  { label: 'overdraws by one unit', accounts: [wallet({ pc: 100n }), sink], changes: [spend(101n)], expected: 'INSUFFICIENT_FUNDS' },
  { label: 'overdraws under ALLOW', accounts: [wallet({ pc: 100n }, NegativeBalancePolicy.ALLOW), sink], changes: [spend(500n)], expected: 'OK', after: { pd: 500n, pc: 100n } },
  { label: 'holds within funds', accounts: [wallet({ pc: 100n }), sink], changes: [spend(100n, 'hold')], expected: 'OK', after: { pc: 100n, qd: 100n } },
  { label: 'holds more than available', accounts: [wallet({ pc: 100n, qd: 50n }), sink], changes: [spend(51n, 'hold')], expected: 'INSUFFICIENT_FUNDS' },
  { label: 'spends funds that are held', accounts: [wallet({ pc: 100n, qd: 50n }), sink], changes: [spend(51n)], expected: 'INSUFFICIENT_FUNDS' },
  { label: 'commits a hold in full (release + post)', accounts: [wallet({ pc: 100n, qd: 100n }), account('s', AccountType.LIABILITY, { qc: 100n })], changes: [spend(100n, 'release'), spend(100n)], expected: 'OK', after: { pd: 100n, pc: 100n } },
  { label: 'voids a hold (release)', accounts: [wallet({ pc: 100n, qd: 40n }), account('s', AccountType.LIABILITY, { qc: 40n })], changes: [spend(40n, 'release')], expected: 'OK', after: { pc: 100n } },
  { label: 'releases more than is held', accounts: [wallet({ pc: 100n, qd: 40n }), account('s', AccountType.LIABILITY, { qc: 40n })], changes: [spend(41n, 'release')], expected: 'INVARIANT' },
  { label: 'receives funds while already negative', accounts: [wallet({ pd: 50n }), account('s', AccountType.LIABILITY, { pc: 100n })], changes: [{ postings: [leg('s', DEBIT, 10n), leg('w', CREDIT, 10n)], change: 'post' }], expected: 'OK', after: { pd: 50n, pc: 10n } },
  { label: 'spends further while already negative', accounts: [wallet({ pd: 50n }), sink], changes: [spend(1n)], expected: 'INSUFFICIENT_FUNDS' },
  { label: 'credits a debit-normal FORBID account below zero', accounts: [account('w', AccountType.ASSET, { pd: 10n }), sink], changes: [{ postings: [leg('s', DEBIT, 11n), leg('w', CREDIT, 11n)], change: 'post' }], expected: 'INSUFFICIENT_FUNDS' },
  { label: 'two changes on one account are checked together', accounts: [wallet({ pc: 100n }), sink], changes: [spend(60n), spend(60n)], expected: 'INSUFFICIENT_FUNDS' },
  { label: 'overflows a total', accounts: [wallet({ pc: int64Max }), account('s', AccountType.ASSET, {}, NegativeBalancePolicy.ALLOW)], changes: [{ postings: [leg('s', DEBIT, 1n), leg('w', CREDIT, 1n)], change: 'post' }], expected: 'BALANCE_OVERFLOW' },
  { label: 'reaches the largest total exactly', accounts: [wallet({ pc: int64Max - 1n }), account('s', AccountType.ASSET, {}, NegativeBalancePolicy.ALLOW)], changes: [{ postings: [leg('s', DEBIT, 1n), leg('w', CREDIT, 1n)], change: 'post' }], expected: 'OK', after: { pc: int64Max } },
];

describe('applyChanges', () => {
  it.each(applyCases)('$label: $expected', ({ accounts, changes, expected, after }) => {
    const map = new Map(accounts.map((a) => [a.id, a]));
    const snapshot = structuredClone(accounts);
    let next: Map<string, AccountState> | undefined;
    let outcome = 'OK';
    try {
      next = applyChanges(map, changes);
    } catch (error) {
      outcome = error instanceof LedgerError ? error.code : /invariant/.test((error as Error).message) ? 'INVARIANT' : String(error);
    }
    expect(outcome).toBe(expected);
    expect([...map.values()]).toEqual(snapshot); // the caller's states are never changed
    if (after) {
      const w = next!.get('w')!;
      expect({ pd: w.postedDebits, pc: w.postedCredits, qd: w.pendingDebits, qc: w.pendingCredits })
        .toEqual({ pd: 0n, pc: 0n, qd: 0n, qc: 0n, ...after });
    }
  });

  it.each([
    ['available before the spend', 'available', '100'],
    ['account’s global id', 'accountId', 'acc_w'],
  ])('reports the %s in INSUFFICIENT_FUNDS', (_label, key, value) => {
    const map = new Map([wallet({ pc: 100n }), sink].map((a) => [a.id, a]));
    try {
      applyChanges(map, [spend(150n)]);
      expect.unreachable('the overdraft was accepted');
    } catch (error) {
      expect((error as LedgerError).details[key]).toBe(value);
    }
  });
});

describe('parseAmount', () => {
  it.each([
    ['1', 1n],
    ['1050', 1050n],
    ['007', 7n],
    [' 42 ', 42n],
    ['9007199254740993', 9007199254740993n],
    ['9223372036854775807', int64Max],
  ])('parses %j as %s', (text, expected) => {
    expect(parseAmount(text, 'amount')).toBe(expected);
  });

  it.each([
    ['0', 'AMOUNT_NOT_POSITIVE'],
    ['-0', 'AMOUNT_NOT_POSITIVE'],
    ['-5', 'AMOUNT_NOT_POSITIVE'],
    ['9223372036854775808', 'AMOUNT_OUT_OF_RANGE'],
    ['9'.repeat(39), 'AMOUNT_OUT_OF_RANGE'],
    ['9'.repeat(40), 'INVALID_AMOUNT'],
    ['', 'INVALID_AMOUNT'],
    [' ', 'INVALID_AMOUNT'],
    ['1.5', 'INVALID_AMOUNT'],
    ['10.00', 'INVALID_AMOUNT'],
    ['1e3', 'INVALID_AMOUNT'],
    ['0x10', 'INVALID_AMOUNT'],
    ['+5', 'INVALID_AMOUNT'],
    ['1 000', 'INVALID_AMOUNT'],
    ['١٢', 'INVALID_AMOUNT'],
    ['12abc', 'INVALID_AMOUNT'],
  ])('refuses %j with %s', (text, expected) => {
    expect(codeOf(() => parseAmount(text, 'postings.0.amount'))).toBe(expected);
  });

  it('names the field in the error', () => {
    try {
      parseAmount('x', 'postings.3.amount');
      expect.unreachable('"x" was parsed');
    } catch (error) {
      expect((error as LedgerError).details.field).toBe('postings.3.amount');
    }
  });
});

describe('parseCurrency', () => {
  it.each([
    ['USD', 'OK'],
    ['EUR', 'OK'],
    ['JPY', 'OK'],
    ['usd', 'INVALID_CURRENCY'],
    ['Usd', 'INVALID_CURRENCY'],
    ['US', 'INVALID_CURRENCY'],
    ['USDD', 'INVALID_CURRENCY'],
    [' USD', 'INVALID_CURRENCY'],
    ['', 'INVALID_CURRENCY'],
    ['ZZZ', 'INVALID_CURRENCY'],
    ['U1D', 'INVALID_CURRENCY'],
  ])('%j: %s', (text, expected) => {
    expect(codeOf(() => parseCurrency(text, 'currency'))).toBe(expected);
  });
});
