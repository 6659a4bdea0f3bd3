import { Direction } from './ledger.enums.js';
import { invariant, LedgerError } from './ledger.errors.js';
import { planBatch, type BatchPlan, type LockedEntry, type PostingRow } from './ledger-batch.js';
import { createsEntry, isKeyed, type CompanionRows, type LedgerOp, type OpResult } from './ledger-ops.js';
import { claimAndLock, claimKeys, insertCompanions, loadClaims, lockAccounts, lockEntries, writePlan, type Claim, type Db, type LockedAccount } from './ledger.sql.js';
import { closeTails, cutRanges } from './checkpoints.sql.js';
import { limits } from '../platform/limits.js';

/** Indexes of operations that repeat an earlier operation's key in the same batch. */
function repeatsInBatch(ops: readonly LedgerOp[]): Map<number, number> {
  const first = new Map<string, number>();
  const repeats = new Map<number, number>();
  ops.forEach((op, index) => {
    if (!isKeyed(op)) return;
    const earlier = first.get(op.key);
    if (earlier === undefined) first.set(op.key, index);
    else repeats.set(index, earlier);
  });
  return repeats;
}

/** Replays keys that an earlier transaction already committed: the stored result, or REUSED. */
async function replayCommitted(db: Db, ops: readonly LedgerOp[], pending: number[], results: OpResult[]): Promise<void> {
  if (pending.length === 0) return;
  const stored = await loadClaims(db, pending.map((i) => (ops[i] as { key: string }).key));
  for (const index of pending) {
    const op = ops[index] as Exclude<LedgerOp, { kind: 'expire' }>;
    const claim = stored.get(op.key);
    // A claim that vanished was released by a refused operation that committed meanwhile: retry.
    if (!claim) throw new RetryBatch(`idempotency claim ${op.key} was released concurrently`);
    results[index] = claim.hash === op.hash
      ? { entryId: claim.entryId, replayed: true }
      : { error: LedgerError.idempotencyKeyReused(op.key) };
  }
}

/**
 * Every entry about to be written balances per currency. The planner refuses unbalanced client
 * entries with UNBALANCED_ENTRY and derives commits and reversals from balanced ones, so only a bug
 * can trip this; it stays on in production.
 */
function assertEntriesBalance(postings: readonly PostingRow[]): void {
  const nets = new Map<string, bigint>();
  for (const p of postings) {
    const key = `${p.entryId}:${p.currency}`;
    nets.set(key, (nets.get(key) ?? 0n) + (p.direction === Direction.DEBIT ? p.amount : -p.amount));
  }
  for (const [key, net] of nets) invariant(net === 0n, `entry ${key} does not balance before insert (${net})`);
}

/**
 * The accounts whose latest checkpoint range this batch would take past `span` balance changes:
 * one per posting, one more per hold, one per posting of a hold released. Their ranges are closed
 * before the batch is written (closeTails), so a range never gathers more than `span` (unless one
 * batch alone brings more, which writePlan reports and cutRanges cuts).
 */
function tailsToClose(plan: BatchPlan, entries: ReadonlyMap<string, LockedEntry>, locked: readonly LockedAccount[], span: number): string[] {
  const incoming = new Map<string, number>();
  const add = (accountId: string, n: number) => incoming.set(accountId, (incoming.get(accountId) ?? 0) + n);
  for (const posting of plan.postings) add(posting.accountId, posting.pending ? 2 : 1);
  for (const change of plan.statusChanges) for (const posting of entries.get(change.id)!.postings) add(posting.accountId, 1);
  return locked.filter((a) => a.changesSinceCheckpoint > 0 && a.changesSinceCheckpoint + (incoming.get(a.id) ?? 0) > span).map((a) => a.id);
}

/** Writes the companion rows of the posts this transaction created, and adds them to their results. */
async function writeCompanions(db: Db, ops: readonly LedgerOp[], results: OpResult[]): Promise<void> {
  const items: { index: number; entryId: string; companions: CompanionRows }[] = [];
  ops.forEach((op, index) => {
    const result = results[index];
    if (op.kind !== 'post' || !op.companions || !result || 'error' in result || result.replayed) return;
    items.push({ index, entryId: result.entryId, companions: op.companions });
  });
  if (items.length === 0) return;
  const written = await insertCompanions(db, items);
  for (const { index, entryId } of items) results[index] = { ...(results[index] as { entryId: string; replayed: boolean }), companions: written.get(entryId) ?? [] };
}

/** Each new entry's debits per currency (what it moved), for the metrics. */
function debitsByEntry(postings: readonly PostingRow[]): Map<string, Map<string, bigint>> {
  const byEntry = new Map<string, Map<string, bigint>>();
  for (const p of postings) {
    if (p.direction !== Direction.DEBIT) continue;
    const entry = byEntry.get(p.entryId) ?? new Map<string, bigint>();
    entry.set(p.currency, (entry.get(p.currency) ?? 0n) + p.amount);
    byEntry.set(p.entryId, entry);
  }
  return byEntry;
}

/** Thrown to make the writer run the batch again in a fresh transaction. */
export class RetryBatch extends Error {}

/**
 * Runs a batch of ledger operations inside the caller's open transaction (`db` must be in one).
 * This is the only code that writes entries, postings and balances. Modules reach it through
 * LedgerService.transaction so that their own rows commit atomically with the postings.
 */
export interface BatchOptions {
  /** Told the ids of every account the batch locked. */
  onLocked?: (accountIds: readonly string[]) => void;
  /** Balance changes between two checkpoints of an account at most (LEDGER_CHECKPOINT_SPAN). */
  checkpointSpan?: number;
}

/** The claim of each keyed operation: a new entry id for those that create one, the target entry for a void. */
function claimsOf(ops: readonly LedgerOp[]): Claim[] {
  return ops.map((op) => {
    const k = op as Exclude<LedgerOp, { kind: 'expire' }>;
    return { key: k.key, hash: k.hash, operation: k.kind, reserve: createsEntry(k), target: createsEntry(k) ? null : (k as { entryId: string }).entryId };
  });
}

/** The accounts the operations touch, by id and by code: every posting's, and those of the entries they act on. */
function accountsOf(ops: readonly LedgerOp[], entries: ReadonlyMap<string, LockedEntry>): { ids: string[]; codes: string[] } {
  const ids = new Set<string>();
  const codes = new Set<string>();
  for (const op of ops) {
    if (op.kind !== 'post') continue;
    for (const p of op.request.postings) {
      if (p.accountId) ids.add(p.accountId);
      else if (p.accountCode) codes.add(p.accountCode);
    }
  }
  for (const entry of entries.values()) for (const p of entry.postings) ids.add(p.accountId);
  return { ids: [...ids], codes: [...codes] };
}

export async function executeBatch(db: Db, ops: readonly LedgerOp[], options: BatchOptions = {}): Promise<OpResult[]> {
  const results: OpResult[] = new Array(ops.length);
  const repeats = repeatsInBatch(ops);
  const keyed = ops.map((op, index) => ({ op, index })).filter(({ op, index }) => isKeyed(op) && !repeats.has(index));
  const claims = claimsOf(keyed.map(({ op }) => op));
  // A batch of posts claims its keys and locks its accounts in one statement; one that acts on
  // entries locks them in between, so it takes the three steps.
  const postsOnly = keyed.length > 0 && ops.every((op) => op.kind === 'post');
  const early = postsOnly ? await claimAndLock(db, claims, accountsOf(ops, new Map())) : undefined;
  const reservedIds = early?.reserved ?? (keyed.length === 0 ? new Map<string, string>() : await claimKeys(db, claims));
  const skip = new Set<number>(repeats.keys());
  const replays = keyed.filter(({ op }) => !reservedIds.has((op as { key: string }).key)).map(({ index }) => index);
  await replayCommitted(db, ops, replays, results);
  replays.forEach((index) => skip.add(index));

  const live = ops.filter((_, index) => !skip.has(index));
  const entryIds = [...new Set(live.flatMap((op) => ('entryId' in op ? [op.entryId] : [])))];
  const entries = entryIds.length ? await lockEntries(db, entryIds) : new Map<string, LockedEntry>();
  const { ids, codes } = early ? { ids: [], codes: [] } : accountsOf(live, entries);
  const { locked, closedThrough } = early ?? (ids.length + codes.length ? await lockAccounts(db, ids, codes) : { locked: [], closedThrough: null });
  options.onLocked?.(locked.map((account) => account.id));
  const accounts = new Map(locked.map((a) => [a.id, a]));
  const plan = planBatch(ops, {
    accounts, accountIdsByCode: new Map(locked.map((a) => [a.code, a.id])), entries, reservedIds, now: new Date(), closedThrough,
  }, skip);
  assertEntriesBalance(plan.postings);
  const span = options.checkpointSpan ?? limits.balanceCheckpointSpanMax;
  await closeTails(db, tailsToClose(plan, entries, locked, span));
  const written = plan.entries.length || plan.statusChanges.length || plan.releasedKeys.length
    ? await writePlan(db, plan, accounts, span) : { recordedAt: new Map<string, Date>(), longRanges: [] };
  await cutRanges(db, written.longRanges, span);
  const { recordedAt } = written;
  const created = new Map(plan.entries.map((entry) => [entry.id, entry]));
  const debits = debitsByEntry(plan.postings);
  plan.results.forEach((result, index) => {
    if (!result) return;
    const entry = 'entryId' in result ? created.get(result.entryId) : undefined;
    const volume = entry && { origin: ops[index].origin ?? 'ledger', debits: debits.get(entry.id) ?? new Map<string, bigint>() };
    results[index] = entry ? { ...result, entry: { ...entry, recordedAt: recordedAt.get(entry.id)!, resolvedAt: null }, volume } : result;
  });
  await writeCompanions(db, ops, results);
  for (const [index, earlier] of repeats) {
    const op = ops[index] as { key: string; hash: string };
    const first = results[earlier];
    results[index] = op.hash !== (ops[earlier] as { hash: string }).hash
      ? { error: LedgerError.idempotencyKeyReused(op.key) }
      : 'error' in first ? first : { entryId: first.entryId, replayed: true, entry: first.entry };
  }
  return results;
}
