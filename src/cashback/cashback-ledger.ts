// The postings of cashback, every one through the ledger's unit of work (tx.post / commit / void /
// reverse). README "Cashback: who funds it, and the postings of each step" lists them.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { AccountType, balanceOf, Direction, NegativeBalancePolicy, type LedgerTransaction, type PostingCommand } from '../ledger/index.js';
import { MerchantAccount, merchantAccountCode } from '../merchants/index.js';
import { splitClawback } from './cashback-math.js';
import type { PurchaseRow } from './cashback.entity.js';
import type { NewLine, WalletTransactionKind, WalletTransactionStatus } from '../wallets/index.js';

/** The three accounts a purchase's cashback moves between. */
export interface CashbackAccounts {
  /** The customer's wallet (a liability to the customer): cashback is credited here. */
  wallet: string;
  /** What the merchant owes the platform for the cashback it funds (an asset). */
  merchant: string;
  /** What the customer owes after a clawback their wallet could not cover (an asset, owned by the customer). */
  debt: string;
}

export function accountsOf(purchase: Pick<PurchaseRow, 'customerId' | 'merchantId' | 'currency'>): CashbackAccounts {
  const currency = purchase.currency.trim();
  return {
    wallet: `wallet:user:${purchase.customerId}:${currency.toLowerCase()}`,
    merchant: merchantAccountCode(String(purchase.merchantId), MerchantAccount.CASHBACK_RECEIVABLE, currency),
    debt: customerDebtCode(String(purchase.customerId), currency),
  };
}

/** `cashback:user:7:receivable:usd`: a clawback's shortfall, netted against the customer's next cashback. */
export function customerDebtCode(userId: string, currency: string): string {
  return `cashback:user:${userId}:receivable:${currency.toLowerCase()}`;
}

const line = (accountCode: string, direction: Direction, amount: bigint, currency: string): PostingCommand =>
  ({ accountCode, direction, amount: String(amount), currency });

/** The key of every ledger operation of a purchase: derived from the purchase, so a rerun replays it. */
export const ledgerKey = (purchase: Pick<PurchaseRow, 'id'>, step: string) => `cashback:purchase:${purchase.id}:${step}`;

/**
 * Holds cashback for the customer: a pending entry debiting the merchant's receivable and crediting
 * the wallet. It shows in the wallet's pending balance, not in its available one.
 */
export async function holdCashback(tx: LedgerTransaction, purchase: PurchaseRow, amount: bigint, hold: number): Promise<string> {
  const { wallet, merchant } = accountsOf(purchase);
  const currency = purchase.currency.trim();
  const posted = await tx.post({
    idempotencyKey: ledgerKey(purchase, `hold:${hold}`), pending: true,
    description: `Cashback on purchase ${purchase.externalId} (pending)`,
    metadata: { purchaseId: purchase.id, merchantId: String(purchase.merchantId) },
    postings: [line(merchant, Direction.DEBIT, amount, currency), line(wallet, Direction.CREDIT, amount, currency)],
  });
  return posted.entryId;
}

/**
 * Opens the customer's debt account and locks the purchase's three accounts in one id-ordered
 * statement, before any balance is read: every cashback change after recording does this, so
 * they never deadlock each other and the balances read stay true until commit.
 */
export async function lockAccountsOf(tx: LedgerTransaction, purchase: PurchaseRow): Promise<CashbackAccounts> {
  const accounts = accountsOf(purchase);
  await tx.ensureAccount({
    code: accounts.debt, name: `Cashback owed by user ${purchase.customerId} (${purchase.currency.trim()})`,
    type: AccountType.ASSET, currency: purchase.currency.trim(), ownerId: String(purchase.customerId),
    negativeBalance: NegativeBalancePolicy.FORBID, metadata: { cashbackDebt: true },
  });
  await tx.lockUpFront({ codes: [accounts.wallet, accounts.merchant, accounts.debt] });
  return accounts;
}

/** An account's available balance by code (0 when it does not exist), read inside the caller's transaction. */
export async function availableByCode(em: EntityManager, code: string): Promise<bigint> {
  return (await availableByCodes(em, [code])).get(code) ?? 0n;
}

/** Accounts' available balances by code, in one statement; a code with no account is absent. */
export async function availableByCodes(em: EntityManager, codes: readonly string[]): Promise<Map<string, bigint>> {
  const { rows } = await sql<{ code: string; type: AccountType; pd: string; pc: string; qd: string; qc: string }>`
    select code, type, posted_debits::text as pd, posted_credits::text as pc, pending_debits::text as qd, pending_credits::text as qc
    from ledger_account where code = any(${[...codes]}::text[])`.execute(em.getKysely() as Kysely<any>);
  return new Map(rows.map((r) => [r.code, balanceOf({ type: r.type, postedDebits: BigInt(r.pd), postedCredits: BigInt(r.pc), pendingDebits: BigInt(r.qd), pendingCredits: BigInt(r.qc) }).available]));
}

/**
 * Repays the customer's debt from cashback that just became available: debit the wallet, credit the
 * debt account with `amount`. Returns the entry.
 */
export async function netDebt(tx: LedgerTransaction, purchase: PurchaseRow, accounts: CashbackAccounts, amount: bigint): Promise<string> {
  const currency = purchase.currency.trim();
  const posted = await tx.post({
    idempotencyKey: ledgerKey(purchase, 'net'), description: `Cashback on purchase ${purchase.externalId} repays an earlier clawback`,
    metadata: { purchaseId: purchase.id },
    postings: [line(accounts.wallet, Direction.DEBIT, amount, currency), line(accounts.debt, Direction.CREDIT, amount, currency)],
  });
  return posted.entryId;
}

/**
 * Takes back confirmed cashback. When the wallet covers all of it and it is the whole confirmation,
 * the confirmation's entry is reversed (a reversing entry linked to it); otherwise one entry credits
 * the merchant's receivable with the amount, debiting the wallet with what it has available and
 * the customer's debt account with the rest. Returns the shortfall that became debt, what the wallet paid, and the entry.
 */
export async function clawBack(tx: LedgerTransaction, purchase: PurchaseRow, accounts: CashbackAccounts, amount: bigint): Promise<{ shortfall: bigint; fromWallet: bigint; entryId: string }> {
  const currency = purchase.currency.trim();
  const { fromWallet, shortfall } = splitClawback(amount, await availableByCode(tx.em, accounts.wallet));
  const key = ledgerKey(purchase, `claw:${purchase.clawedBack}`);
  const whole = BigInt(purchase.clawedBack) === 0n && amount === BigInt(purchase.cashback);
  if (shortfall === 0n && whole && purchase.commitEntryId) {
    const reversed = await tx.reverse({ idempotencyKey: key, entryId: String(purchase.commitEntryId), description: `Cashback on purchase ${purchase.externalId} clawed back` });
    return { shortfall: 0n, fromWallet, entryId: reversed.entryId };
  }
  const postings = [line(accounts.merchant, Direction.CREDIT, amount, currency)];
  if (fromWallet > 0n) postings.push(line(accounts.wallet, Direction.DEBIT, fromWallet, currency));
  if (shortfall > 0n) postings.push(line(accounts.debt, Direction.DEBIT, shortfall, currency));
  const posted = await tx.post({
    idempotencyKey: key, description: `Cashback on purchase ${purchase.externalId} clawed back${shortfall > 0n ? ` (${shortfall} owed by the customer)` : ''}`,
    metadata: { purchaseId: purchase.id, shortfall: String(shortfall) }, postings,
  });
  return { shortfall, fromWallet, entryId: posted.entryId };
}

/** The wallet history line of a cashback movement: its `reference` names the purchase. */
export function cashbackLine(walletId: string, purchase: PurchaseRow, kind: WalletTransactionKind, status: WalletTransactionStatus, amount: bigint, entryId: string): NewLine {
  return { walletId, kind, status, amount: String(amount), currency: purchase.currency.trim(), entryId, reference: `pur_${purchase.id}` };
}
