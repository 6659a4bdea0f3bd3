// How a processor's charge posts to the ledger. README "Settlement" shows the postings.
import { AccountType, Direction, NegativeBalancePolicy, parseAmount, parseCurrency, type LedgerTransaction, type PostingCommand } from '../ledger/index.js';

/** A `charge.succeeded` event's facts, as checked. */
export interface Charge { chargeId: string; gross: bigint; fee: bigint; currency: string; merchant: string; occurredAt: Date }

/**
 * The facts of a `charge.succeeded` body:
 * `{ "data": { "id", "amount", "fee", "currency", "merchant", "occurred_at" } }`, the amounts in
 * minor units (integers, or strings of digits), `merchant` the processor's id of the merchant.
 * Returns why it is not a charge Folio can post when it is not.
 */
export function chargeOf(payload: Record<string, unknown>, now: Date): Charge | { reason: string } {
  const data = payload.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { reason: 'a charge has a "data" object' };
  const text = (name: string) => (typeof data[name] === 'string' && (data[name] as string).length > 0 && (data[name] as string).length <= 200 ? data[name] as string : undefined);
  const chargeId = text('id');
  const merchant = text('merchant');
  if (!chargeId || !merchant) return { reason: 'a charge has "id" and "merchant": 1 to 200 characters each' };
  try {
    const gross = parseAmount(String(data.amount), 'amount');
    const fee = data.fee === undefined ? 0n : BigInt(parseFee(data.fee));
    if (fee > gross) return { reason: 'a charge\'s fee is at most its amount' };
    const currency = parseCurrency(String(data.currency), 'currency');
    const occurredAt = new Date(String(data.occurred_at));
    if (Number.isNaN(occurredAt.getTime()) || typeof data.occurred_at !== 'string') return { reason: 'a charge has "occurred_at", an ISO 8601 instant' };
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000) return { reason: 'a charge\'s "occurred_at" is in the future' };
    return { chargeId, gross, fee, currency, merchant, occurredAt };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

function parseFee(value: unknown): string {
  const text = String(value);
  if (!/^(0|[1-9][0-9]{0,17})$/.test(text)) throw new Error('a charge\'s "fee" is a whole number of minor units, 0 or more');
  return text;
}

/** `processor:2:receivable:usd` and the other accounts a charge moves between. */
export function chargeAccounts(processorId: string, merchantId: string, currency: string) {
  const cur = currency.toLowerCase();
  return {
    receivable: `processor:${processorId}:receivable:${cur}`,
    fees: `processor:${processorId}:fees:${cur}`,
    recharged: `processor:${processorId}:fees-recharged:${cur}`,
    immature: `merchant:${merchantId}:settlement-immature:${cur}`,
  };
}

/** Opens the accounts of a charge where they are new, inside the caller's transaction. */
export async function openChargeAccounts(tx: LedgerTransaction, processorId: string, merchantId: string, currency: string): Promise<void> {
  const codes = chargeAccounts(processorId, merchantId, currency);
  const specs: [string, string, AccountType, NegativeBalancePolicy][] = [
    // Refunds and lost disputes post whatever the balance (the processor already moved the money).
    [codes.receivable, `Receivable from processor ${processorId} (${currency})`, AccountType.ASSET, NegativeBalancePolicy.ALLOW],
    [codes.fees, `Processing fees of processor ${processorId} (${currency})`, AccountType.EXPENSE, NegativeBalancePolicy.ALLOW],
    [codes.recharged, `Processing fees recharged to merchants, processor ${processorId} (${currency})`, AccountType.REVENUE, NegativeBalancePolicy.ALLOW],
    [codes.immature, `Settlement not yet matured of merchant ${merchantId} (${currency})`, AccountType.LIABILITY, NegativeBalancePolicy.ALLOW],
  ];
  for (const [code, name, type, negativeBalance] of specs) await tx.ensureAccount({ code, name, type, currency, negativeBalance, metadata: { processorId, merchantId } });
}

/**
 * A charge's postings: the processor owes the gross less its fee; the fee is the platform's expense,
 * recharged to the merchant as revenue; the merchant is owed the gross less the fee, not yet matured.
 * Debits and credits are each the gross.
 */
export function chargePostings(charge: Charge, processorId: string, merchantId: string): PostingCommand[] {
  const codes = chargeAccounts(processorId, merchantId, charge.currency);
  const line = (accountCode: string, direction: Direction, amount: bigint): PostingCommand => ({ accountCode, direction, amount: String(amount), currency: charge.currency });
  const net = charge.gross - charge.fee;
  const lines = [line(codes.receivable, Direction.DEBIT, net), line(codes.immature, Direction.CREDIT, net)];
  if (charge.fee > 0n) lines.push(line(codes.fees, Direction.DEBIT, charge.fee), line(codes.recharged, Direction.CREDIT, charge.fee));
  return lines;
}
