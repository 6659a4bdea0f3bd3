// The ledger accounts settlement posts to, and how its postings are written. README "Settlement"
// shows every entry.
import { sql, type Kysely } from 'kysely';
import { AccountType, NegativeBalancePolicy, type LedgerTransaction } from '../ledger/index.js';

/** The accounts of one processor, merchant and currency. */
export interface SettlementAccounts {
  /** ASSET: what the processor holds for the platform (charges' nets, less refunds, lost disputes and payouts). */
  receivable: string;
  /** EXPENSE: the processor's fees. */
  fees: string;
  /** REVENUE: the fees recharged to merchants. */
  recharged: string;
  /** LIABILITY: the merchant's charges not yet matured. */
  immature: string;
  /** LIABILITY: the merchant's matured balance; negative when refunds and disputes exceed it (owed). */
  available: string;
  /** LIABILITY: the merchant's funds held by open disputes. */
  held: string;
  /** LIABILITY: paid out to the merchant, not yet confirmed by the processor. */
  inPayout: string;
}

/** `processor:2:receivable:usd`, `merchant:7:settlement:2:available:usd` and the rest. */
export function settlementAccounts(processorId: string, merchantId: string, currency: string): SettlementAccounts {
  const cur = currency.toLowerCase();
  const merchant = `merchant:${merchantId}:settlement:${processorId}`;
  return {
    receivable: `processor:${processorId}:receivable:${cur}`,
    fees: `processor:${processorId}:fees:${cur}`,
    recharged: `processor:${processorId}:fees-recharged:${cur}`,
    immature: `${merchant}:immature:${cur}`,
    available: `${merchant}:available:${cur}`,
    held: `${merchant}:held:${cur}`,
    inPayout: `${merchant}:in-payout:${cur}`,
  };
}

const specs: [keyof SettlementAccounts, AccountType, (processor: string, merchant: string, currency: string) => string][] = [
  ['receivable', AccountType.ASSET, (p, _m, c) => `Receivable from processor ${p} (${c})`],
  ['fees', AccountType.EXPENSE, (p, _m, c) => `Processing fees of processor ${p} (${c})`],
  ['recharged', AccountType.REVENUE, (p, _m, c) => `Processing fees recharged to merchants, processor ${p} (${c})`],
  ['immature', AccountType.LIABILITY, (p, m, c) => `Merchant ${m}'s settlement not yet matured, processor ${p} (${c})`],
  ['available', AccountType.LIABILITY, (p, m, c) => `Merchant ${m}'s available settlement, processor ${p} (${c})`],
  ['held', AccountType.LIABILITY, (p, m, c) => `Merchant ${m}'s settlement held by disputes, processor ${p} (${c})`],
  ['inPayout', AccountType.LIABILITY, (p, m, c) => `Merchant ${m}'s settlement paid out, not yet confirmed, processor ${p} (${c})`],
];

/**
 * Opens the accounts of a processor and each merchant and currency where they are new, inside the
 * caller's transaction (one read when they all exist, as they do after a merchant's first charge).
 * Every one allows a negative balance: refunds and lost disputes post whatever the balance, because
 * the processor has already moved the money. Returns each pair's codes, keyed `<merchant>:<currency>`.
 */
export async function openSettlementAccounts(tx: LedgerTransaction, processorId: string, pairs: readonly { merchantId: string; currency: string }[]): Promise<Map<string, SettlementAccounts>> {
  const opened = new Map(pairs.map(({ merchantId, currency }) => [`${merchantId}:${currency}`, { merchantId, currency, codes: settlementAccounts(processorId, merchantId, currency) }]));
  const wanted = [...new Set([...opened.values()].flatMap(({ codes }) => Object.values(codes)))];
  const { rows } = await sql<{ code: string }>`select code from ledger_account where code = any(${wanted}::text[])`.execute(tx.em.getKysely() as Kysely<any>);
  const existing = new Set(rows.map((row) => row.code));
  for (const { merchantId, currency, codes } of opened.values()) {
    for (const [key, type, name] of specs) {
      if (existing.has(codes[key])) continue;
      await tx.ensureAccount({ code: codes[key], name: name(processorId, merchantId, currency), type, currency, negativeBalance: NegativeBalancePolicy.ALLOW, metadata: { processorId, merchantId } });
      existing.add(codes[key]);
    }
  }
  return new Map([...opened].map(([key, { codes }]) => [key, codes]));
}
