import type { EventRouter } from '../platform/events/event-hub.js';
import { EntryEventType, EntryStatus } from './ledger.enums.js';
import { LedgerError } from './ledger.errors.js';
import type { EntryDraft, LedgerOp, OpResult, PostRequest } from './ledger-ops.js';
import {
  applyChanges, balanceOf, checkAccounts, checkBalanced, checkStatus, swapSides,
  type AccountState, type PostingDraft, type TotalsChange, checkTimes,
} from './posting-rules.js';

/** A journal entry locked by the posting transaction, with its postings. */
export interface LockedEntry {
  id: string;
  status: EntryStatus;
  description: string;
  expiresAt: Date | null;
  reversedBy: string | null;
  postings: PostingDraft[];
}

export interface PostingRow extends PostingDraft {
  entryId: string;
  pending: boolean;
  effectiveAt: Date;
}

/** One account's balance after an entry event, as the event carries it (decimal strings). */
export interface BalancePayload {
  accountId: string; code: string; ownerId: string | null; currency: string; posted: string; pending: string; available: string;
}

/** The payload of the ledger's entry events in the outbox. */
export interface EntryEventPayload {
  entryId: string;
  relatedEntryId: string | null;
  balances: BalancePayload[];
}

const entryEventTypes = new Set<string>(Object.values(EntryEventType));

/** The entry-event payload of an outbox event, or undefined for another module's event. */
export function entryEventOf(event: { type: string; payload: Record<string, unknown> }): EntryEventPayload | undefined {
  return entryEventTypes.has(event.type) ? (event.payload as unknown as EntryEventPayload) : undefined;
}

/** Routes the ledger's entry events by the accounts they touched, so a watcher of one account is not woken by the others. */
export const byAccount: EventRouter = (event) => entryEventOf(event)?.balances.map((b) => b.accountId) ?? [];

export interface LedgerEventRow {
  type: EntryEventType;
  payload: Record<string, unknown>;
}

/** What the locked database state looks like to the planner. */
export interface BatchState {
  accounts: Map<string, AccountState>;
  accountIdsByCode: Map<string, string>;
  entries: Map<string, LockedEntry>;
  /** The id reserved for the entry each creating operation makes, by idempotency key. */
  reservedIds: Map<string, string>;
  now: Date;
  /** The books' closed bound, read under the books lock: nothing may take effect before it. */
  closedThrough: Date | null;
}

/** Everything one batch writes: the result of planning, applied by one statement. */
export interface BatchPlan {
  results: (OpResult | undefined)[];
  entries: EntryDraft[];
  postings: PostingRow[];
  statusChanges: { id: string; status: EntryStatus }[];
  events: LedgerEventRow[];
  /** Keys claimed by operations that were refused: their claims are deleted before commit. */
  releasedKeys: string[];
  touchedAccountIds: Set<string>;
}

type Planned = { entry?: EntryDraft; postings?: PostingRow[]; statusChange?: { id: string; status: EntryStatus }; eventType: EntryEventType; entryId: string; relatedEntryId?: string };

function resolvePostings(request: PostRequest, state: BatchState): PostingDraft[] {
  return request.postings.map((posting) => {
    const accountId = posting.accountId ?? state.accountIdsByCode.get(posting.accountCode ?? '');
    if (!accountId) throw LedgerError.accountCodeNotFound(posting.accountCode ?? '');
    return { accountId, direction: posting.direction, amount: posting.amount, currency: posting.currency };
  });
}

function rows(entryId: string, postings: PostingDraft[], pending: boolean, effectiveAt: Date): PostingRow[] {
  return postings.map((posting) => ({ ...posting, entryId, pending, effectiveAt }));
}

function lockedEntry(state: BatchState, id: string): LockedEntry {
  const entry = state.entries.get(id);
  if (!entry) throw LedgerError.notFound('entry', id);
  return entry;
}

function requirePending(entry: LockedEntry): void {
  if (entry.status !== EntryStatus.PENDING) throw LedgerError.entryNotPending(entry.id, entry.status);
}

/**
 * A partial commit needs an entry of one debit and one credit. A BAD_USER_INPUT, but one that
 * depends on the held entry: checked once the entry is known to be pending and unexpired.
 */
function checkPartialCommit(entry: LockedEntry, amount: bigint | undefined): void {
  if (amount !== undefined && entry.postings.length !== 2) {
    throw LedgerError.badInput('a partial commit needs a pending entry of exactly two postings', 'amount');
  }
}

/** The postings a commit makes: in full, or for `amount` when the entry has one debit and one credit. */
function commitPostings(entry: LockedEntry, amount: bigint | undefined): PostingDraft[] {
  if (amount === undefined) return entry.postings;
  if (amount > entry.postings[0].amount) throw LedgerError.commitExceedsPending(entry.id);
  return entry.postings.map((posting) => ({ ...posting, amount }));
}

/** PERIOD_CLOSED for an entry that would take effect in a closed period (before the books' closed bound). */
function checkOpenPeriod(effectiveAt: Date, state: BatchState): void {
  if (state.closedThrough && effectiveAt.getTime() < state.closedThrough.getTime()) throw LedgerError.periodClosed(effectiveAt, state.closedThrough);
}

type OpPlan = { planned: Planned; changes: { postings: PostingDraft[]; change: TotalsChange }[] };

function planPost(op: Extract<LedgerOp, { kind: 'post' }>, state: BatchState, id: string): OpPlan {
  checkTimes(op.request, state.now);
  const postings = resolvePostings(op.request, state);
  checkAccounts(postings, state.accounts);
  checkBalanced(postings);
  const effectiveAt = op.request.effectiveAt ?? state.now;
  checkOpenPeriod(effectiveAt, state);
  checkStatus(postings, state.accounts);
  const { pending } = op.request;
  const entry: EntryDraft = {
    id, idempotencyKey: op.key, description: op.request.description, metadata: op.request.metadata,
    status: pending ? EntryStatus.PENDING : EntryStatus.POSTED, effectiveAt,
    expiresAt: pending ? op.request.expiresAt ?? null : null, pendingEntryId: null, reversesEntryId: null,
  };
  return {
    planned: { entry, postings: rows(id, postings, pending, effectiveAt), eventType: pending ? EntryEventType.ENTRY_PENDING : EntryEventType.ENTRY_POSTED, entryId: id },
    changes: [{ postings, change: pending ? 'hold' : 'post' }],
  };
}

/**
 * A commit releases the whole hold and posts what is committed, as a new entry linked to the hold.
 * Checked in the order of ledgerErrorCodes: the accounts' status before the entry's state.
 */
function planCommit(op: Extract<LedgerOp, { kind: 'commit' }>, state: BatchState, id: string): OpPlan {
  const target = lockedEntry(state, op.entryId);
  checkOpenPeriod(state.now, state);
  checkStatus(target.postings, state.accounts);
  requirePending(target);
  if (target.expiresAt && target.expiresAt <= state.now) throw LedgerError.pendingExpired(target.id);
  checkPartialCommit(target, op.amount);
  const postings = commitPostings(target, op.amount);
  const entry: EntryDraft = {
    id, idempotencyKey: op.key, description: op.description ?? target.description, metadata: {},
    status: EntryStatus.POSTED, effectiveAt: state.now, expiresAt: null, pendingEntryId: target.id, reversesEntryId: null,
  };
  return {
    planned: { entry, postings: rows(id, postings, false, state.now), statusChange: { id: target.id, status: EntryStatus.COMMITTED }, eventType: EntryEventType.ENTRY_COMMITTED, entryId: id, relatedEntryId: target.id },
    changes: [{ postings: target.postings, change: 'release' }, { postings, change: 'post' }],
  };
}

/** A void or an expiry releases the hold; no entry is created and frozen accounts do not block it. */
function planRelease(op: Extract<LedgerOp, { kind: 'void' | 'expire' }>, state: BatchState): OpPlan {
  const target = lockedEntry(state, op.entryId);
  requirePending(target);
  const voided = op.kind === 'void';
  return {
    planned: { statusChange: { id: target.id, status: voided ? EntryStatus.VOIDED : EntryStatus.EXPIRED }, eventType: voided ? EntryEventType.ENTRY_VOIDED : EntryEventType.ENTRY_EXPIRED, entryId: target.id },
    changes: [{ postings: target.postings, change: 'release' }],
  };
}

/** Checked in the order of ledgerErrorCodes: the accounts' status before the entry's state. */
function planReverse(op: Extract<LedgerOp, { kind: 'reverse' }>, state: BatchState, id: string): OpPlan {
  checkTimes({ effectiveAt: op.effectiveAt }, state.now);
  const target = lockedEntry(state, op.entryId);
  const postings = swapSides(target.postings);
  checkOpenPeriod(op.effectiveAt ?? state.now, state);
  checkStatus(postings, state.accounts);
  if (target.status !== EntryStatus.POSTED) {
    throw LedgerError.notReversible(target.id, `it is ${target.status}; only POSTED entries are reversed (void a pending entry, reverse its commit)`);
  }
  if (target.reversedBy) throw LedgerError.alreadyReversed(target.id);
  const effectiveAt = op.effectiveAt ?? state.now;
  const entry: EntryDraft = {
    id, idempotencyKey: op.key, description: op.description ?? `Reversal of entry ${target.id}`, metadata: {},
    status: EntryStatus.POSTED, effectiveAt, expiresAt: null, pendingEntryId: null, reversesEntryId: target.id,
  };
  return {
    planned: { entry, postings: rows(id, postings, false, effectiveAt), eventType: EntryEventType.ENTRY_REVERSED, entryId: id, relatedEntryId: target.id },
    changes: [{ postings, change: 'post' }],
  };
}

/** Checks one operation against the current state; returns what it writes and the totals it changes. */
function planOp(op: LedgerOp, state: BatchState): OpPlan {
  const reserved = op.kind === 'expire' ? '' : state.reservedIds.get(op.key) ?? '';
  switch (op.kind) {
    case 'post': return planPost(op, state, reserved);
    case 'commit': return planCommit(op, state, reserved);
    case 'void':
    case 'expire': return planRelease(op, state);
    case 'reverse': return planReverse(op, state, reserved);
  }
}

function balancesPayload(accounts: Map<string, AccountState>): BalancePayload[] {
  return [...accounts.values()].map((account) => {
    const balance = balanceOf(account);
    return {
      accountId: account.id, code: account.code, ownerId: account.ownerId, currency: account.currency,
      posted: String(balance.posted), pending: String(balance.pending), available: String(balance.available),
    };
  });
}

/**
 * Plans a batch of operations in order against locked state. Each operation sees the effects of
 * the ones before it; a refused operation leaves the state as it was and gets its error as a
 * value, so one bad entry never fails its neighbours.
 */
export function planBatch(ops: readonly LedgerOp[], state: BatchState, skip: ReadonlySet<number> = new Set()): BatchPlan {
  const plan: BatchPlan = { results: [], entries: [], postings: [], statusChanges: [], events: [], releasedKeys: [], touchedAccountIds: new Set() };
  ops.forEach((op, index) => {
    if (skip.has(index)) return;
    try {
      const { planned, changes } = planOp(op, state);
      const next = applyChanges(state.accounts, changes);
      for (const [id, account] of next) {
        state.accounts.set(id, account);
        plan.touchedAccountIds.add(id);
      }
      if (planned.entry) plan.entries.push(planned.entry);
      if (planned.postings) plan.postings.push(...planned.postings);
      if (planned.statusChange) {
        plan.statusChanges.push(planned.statusChange);
        state.entries.get(planned.statusChange.id)!.status = planned.statusChange.status;
      }
      if (op.kind === 'reverse') state.entries.get(op.entryId)!.reversedBy = planned.entryId;
      plan.events.push({
        type: planned.eventType,
        payload: { entryId: planned.entryId, relatedEntryId: planned.relatedEntryId ?? null, balances: balancesPayload(next) },
      });
      plan.results[index] = { entryId: planned.entryId, replayed: false };
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      plan.results[index] = { error };
      if (op.kind !== 'expire') plan.releasedKeys.push(op.key);
    }
  });
  return plan;
}
