import { AccountType } from '../ledger/index.js';

/** An account as the journal export names it. */
export interface JournalAccount { id: string; code: string; name: string; type: AccountType; currency: string; parentId: string | null }

const roots: Record<AccountType, string> = {
  [AccountType.ASSET]: 'Assets', [AccountType.LIABILITY]: 'Liabilities', [AccountType.EQUITY]: 'Equity',
  [AccountType.REVENUE]: 'Income', [AccountType.EXPENSE]: 'Expenses',
};

/**
 * One component of an account name as both hledger and beancount read it: letters, digits and
 * dashes, starting with a capital letter or a digit (beancount's rule, the stricter one).
 */
function component(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9-]/g, '-') || 'X';
  return /^[A-Za-z0-9]/.test(safe) ? safe[0].toUpperCase() + safe.slice(1) : `X${safe}`;
}

/** The components a code adds under its parent: what follows the parent's code and a colon, or all of it. */
function ownComponents(account: JournalAccount, parent: JournalAccount | undefined): string[] {
  const rest = parent && account.code.startsWith(`${parent.code}:`) ? account.code.slice(parent.code.length + 1) : account.code;
  return rest.split(':').map(component);
}

/**
 * Every account's journal name: its type's root (Assets, Liabilities, Equity, Income, Expenses),
 * its parents' components (a parent of the same type), then its code's, one per colon-separated
 * part. Two accounts whose names come out the same (codes that differ only in characters a name
 * cannot hold) are told apart by the later one's id.
 */
export function journalNames(accounts: readonly JournalAccount[]): Map<string, string> {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const paths = new Map<string, string[]>();
  const pathOf = (account: JournalAccount, depth = 0): string[] => {
    const known = paths.get(account.id);
    if (known) return known;
    const parent = account.parentId ? byId.get(account.parentId) : undefined;
    const sameType = parent && parent.type === account.type && depth < 100 ? parent : undefined;
    const path = [...(sameType ? pathOf(sameType, depth + 1) : [roots[account.type]]), ...ownComponents(account, sameType)];
    paths.set(account.id, path);
    return path;
  };
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const account of [...accounts].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))) {
    let name = pathOf(account).join(':');
    if (taken.has(name)) name = `${name}-A${account.id}`;
    taken.add(name);
    names.set(account.id, name);
  }
  return names;
}
