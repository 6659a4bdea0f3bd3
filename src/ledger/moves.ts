import { Direction } from './ledger.enums.js';
import type { PostingCommand } from './ledger.service.js';

/** An account a module posts to: its code, or its id. */
export type AccountRef = string | { accountId: string };

/**
 * Postings from [debited account, credited account, amount] moves, each in the currency: the
 * balanced pairs most module entries are made of. Moves of 0 are left out.
 */
export function moves(currency: string, ...pairs: [debit: AccountRef, credit: AccountRef, amount: bigint][]): PostingCommand[] {
  const side = (account: AccountRef, direction: Direction, amount: bigint): PostingCommand => ({
    ...(typeof account === 'string' ? { accountCode: account } : account), direction, amount: String(amount), currency,
  });
  return pairs.filter(([, , amount]) => amount > 0n).flatMap(([debit, credit, amount]) => [side(debit, Direction.DEBIT, amount), side(credit, Direction.CREDIT, amount)]);
}
