import { AccountType, Direction, normalSideOf, type PostedTotalsRow } from '../ledger/index.js';

/** An account's figure in a report: its own, and with every descendant's rolled up. */
export interface ReportLineRow {
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  parentId: string | null;
  /** 0 for a root of its section, 1 for its children, … */
  depth: number;
  /** Own postings only, on the section's normal side. */
  own: bigint;
  /** Own plus every descendant's in the same section. */
  total: bigint;
}

/** A section of a report (one account type): its lines depth first in code order, and its total. */
export interface SectionRow {
  type: AccountType;
  lines: ReportLineRow[];
  total: bigint;
}

/** Debits minus credits of a row, turned to the normal side of `type` (positive is a normal balance). */
export function onNormalSide(type: AccountType, debits: bigint, credits: bigint): bigint {
  return normalSideOf(type) === Direction.DEBIT ? debits - credits : credits - debits;
}

/**
 * One section of `type` out of accounts with their figures: parents roll up their children. A
 * child whose parent is of another type (or not among the rows) is a root of its own section, so
 * every account counts exactly once in the section of its type. The rows come in code order.
 */
export function sectionOf(type: AccountType, rows: readonly (PostedTotalsRow & { own?: bigint })[]): SectionRow {
  const mine = rows.filter((row) => row.type === type);
  const byId = new Map(mine.map((row) => [row.id, row]));
  const children = new Map<string, PostedTotalsRow[]>();
  const roots: PostedTotalsRow[] = [];
  for (const row of mine) {
    if (row.parentId !== null && byId.has(row.parentId)) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
    else roots.push(row);
  }
  const lines: ReportLineRow[] = [];
  // Depth first without recursion (a hierarchy can be deep): a line is pushed when it is entered,
  // and its total is filled in once all of its descendants have been.
  const stack: { row: PostedTotalsRow & { own?: bigint }; depth: number; line?: ReportLineRow }[] = roots.reverse().map((row) => ({ row, depth: 0 }));
  const pending: ReportLineRow[] = [];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.line) {
      stack.pop();
      const parent = pending.pop()!;
      if (pending.length) pending[pending.length - 1].total += parent.total;
      continue;
    }
    const own = top.row.own ?? onNormalSide(type, BigInt(top.row.debits), BigInt(top.row.credits));
    top.line = { accountId: top.row.id, code: top.row.code, name: top.row.name, type, parentId: top.row.parentId, depth: top.depth, own, total: own };
    lines.push(top.line);
    pending.push(top.line);
    for (const child of [...(children.get(top.row.id) ?? [])].reverse()) stack.push({ row: child, depth: top.depth + 1 });
  }
  const total = lines.filter((line) => line.depth === 0).reduce((sum, line) => sum + line.total, 0n);
  return { type, lines, total };
}
