import { LockMode, type InferEntity, type MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { Direction, type LedgerService, type LedgerTransaction, type PostingCommand } from '../ledger/index.js';
import { publishWithin } from '../platform/events/outbox.js';
import { replayOf } from '../platform/idempotency.js';
import { DisbursementEntity, DisbursementStatusChangeEntity } from './disbursement.entity.js';
import { scopedKey } from './keys.js';
import { SystemAccount, systemAccountCode } from './system-accounts.js';
import { WalletTransactionEntity } from './wallet.entity.js';
import { WalletError } from './wallet.errors.js';
import type { WalletService } from './wallet.service.js';
import { DisbursementKind, DisbursementState, publicStatusNames, WalletTransactionKind, WalletTransactionStatus } from './wallets.enums.js';

export type DisbursementRow = InferEntity<typeof DisbursementEntity>;

/** The outbox event of every state change; subscriptions route it by kind and user. */
export const disbursementEventType = 'DISBURSEMENT_UPDATED';

export interface OpenCommand {
  kind: DisbursementKind; userId: string; currency: string; amount: bigint; fee: bigint; destination: string;
  /** The client's key (already checked), and a hash of what the client asked for. */
  idempotencyKey: string; requestHash: string;
  runId?: string; readyAt: Date;
}

export type Outcome = { status: 'SUCCEEDED' } | { status: 'FAILED'; reason: string };

const clearingOf = { [DisbursementKind.WITHDRAWAL]: SystemAccount.WITHDRAWALS_IN_FLIGHT, [DisbursementKind.PAYOUT]: SystemAccount.PAYOUTS_CLEARING };
const lineKindOf = { [DisbursementKind.WITHDRAWAL]: WalletTransactionKind.WITHDRAWAL, [DisbursementKind.PAYOUT]: WalletTransactionKind.PAYOUT };
const lineStatusOf: Record<DisbursementState, WalletTransactionStatus> = {
  [DisbursementState.OPEN]: WalletTransactionStatus.PENDING,
  [DisbursementState.PROCESSING]: WalletTransactionStatus.PENDING,
  [DisbursementState.SUCCEEDED]: WalletTransactionStatus.COMPLETED,
  [DisbursementState.FAILED]: WalletTransactionStatus.FAILED,
  [DisbursementState.CANCELLED]: WalletTransactionStatus.CANCELLED,
};

/** The processor's id of one attempt: `wd_12_1`, `po_40_1`. */
export function processorReferenceOf(row: Pick<DisbursementRow, 'kind' | 'id' | 'attempt'>): string {
  return `${row.kind === DisbursementKind.WITHDRAWAL ? 'wd' : 'po'}_${row.id}_${row.attempt}`;
}

/**
 * Withdrawals and payouts: money held in a wallet (a pending ledger entry) until the payment
 * processor pays it out. Each state change and its ledger operation commit together:
 * open = hold; SUCCEEDED = commit the hold and move the money from clearing to the bank;
 * FAILED or CANCELLED = void the hold, so the funds are available again. Every ledger key is
 * derived from the disbursement and its attempt, so a change replayed after a crash is a no-op.
 */
export class DisbursementService {
  constructor(
    private readonly orm: MikroORM,
    private readonly ledger: LedgerService,
    private readonly wallets: WalletService,
    /** Wakes the worker: something is ready to send. */
    private readonly wake: () => void = () => undefined,
  ) {}

  /** Holds the funds and records the disbursement; a replayed key returns the first one. Errors: IDEMPOTENCY_KEY_REUSED, INSUFFICIENT_FUNDS, ACCOUNT_FROZEN, ACCOUNT_CLOSED. */
  async open(command: OpenCommand): Promise<{ row: DisbursementRow; replayed: boolean }> {
    const result = await this.ledger.transaction(this.orm.em, async (tx) => {
      const existing = await this.existing(tx, command);
      if (existing) return { row: existing, replayed: true };
      const wallet = await this.wallets.walletOf(command.userId, command.currency, tx);
      const hold = await tx.post({
        idempotencyKey: scopedKey(command.kind.toLowerCase(), command.userId, command.idempotencyKey),
        description: `${command.kind === DisbursementKind.WITHDRAWAL ? 'Withdrawal' : 'Payout'} to ${command.destination}`,
        pending: true, metadata: { walletId: wallet.id, destination: command.destination },
        postings: this.holdPostings(command.kind, wallet.accountId, command.currency, command.amount, command.fee),
      });
      if (hold.replayed) {
        // A concurrent request with this key committed while this one waited on the ledger's claim:
        // its disbursement is visible now. None means the ledger key belongs to another request
        // (a hashed long key equal to this one), whose hold must not be settled twice.
        const raced = await this.existing(tx, command);
        if (raced) return { row: raced, replayed: true };
        throw WalletError.keyReused(command.idempotencyKey);
      }
      const now = new Date();
      const row = tx.em.create(DisbursementEntity, {
        kind: command.kind, walletId: wallet.id, userId: command.userId, amount: String(command.amount), fee: String(command.fee),
        currency: command.currency, destination: command.destination, state: DisbursementState.OPEN,
        idempotencyKey: command.idempotencyKey, requestHash: command.requestHash, attempt: 1, holdEntryId: hold.entryId,
        processorReference: null, failureReason: null, runId: command.runId ?? null, readyAt: command.readyAt, createdAt: now, updatedAt: now,
      } as never) as DisbursementRow;
      await tx.em.flush();
      await this.wallets.record(tx, this.linesOf(row, hold.entryId));
      await this.recordChange(tx, row, null, DisbursementState.OPEN, 'requested', null);
      return { row, replayed: false };
    });
    if (!result.replayed) this.wake();
    return result;
  }

  /** Cancels an OPEN disbursement (a payout inside its window). Errors: NOT_FOUND, PAYOUT_NOT_CANCELLABLE. */
  async cancel(id: string, ownerId: string | undefined, requestKey: string): Promise<DisbursementRow> {
    return this.ledger.transaction(this.orm.em, async (tx) => {
      const row = await this.lockOwned(tx, id, ownerId, DisbursementKind.PAYOUT);
      if (await this.changedBy(tx, row, requestKey)) return row;
      if (row.state !== DisbursementState.OPEN) throw WalletError.notCancellable(id, publicStatusNames[row.kind][row.state]);
      await tx.void({ idempotencyKey: `disb:${row.id}:${row.attempt}:void`, entryId: row.holdEntryId });
      await this.recordChange(tx, row, row.state, DisbursementState.CANCELLED, 'cancelled by request', requestKey);
      return row;
    });
  }

  /** Holds the funds again for a FAILED withdrawal, as a new attempt. Errors: NOT_FOUND, WITHDRAWAL_NOT_RETRYABLE, INSUFFICIENT_FUNDS. */
  async retry(id: string, ownerId: string | undefined, requestKey: string): Promise<DisbursementRow> {
    const row = await this.ledger.transaction(this.orm.em, async (tx) => {
      const row = await this.lockOwned(tx, id, ownerId, DisbursementKind.WITHDRAWAL);
      if (await this.changedBy(tx, row, requestKey)) return row;
      if (row.state !== DisbursementState.FAILED) throw WalletError.notRetryable(id, publicStatusNames[row.kind][row.state]);
      const wallet = await this.wallets.walletOf(row.userId, row.currency, tx);
      row.attempt += 1;
      const hold = await tx.post({
        idempotencyKey: `disb:${row.id}:${row.attempt}:hold`, description: `Withdrawal to ${row.destination} (attempt ${row.attempt})`,
        pending: true, metadata: { walletId: wallet.id, destination: row.destination },
        postings: this.holdPostings(row.kind, wallet.accountId, row.currency, BigInt(row.amount), BigInt(row.fee)),
      });
      Object.assign(row, { holdEntryId: hold.entryId, processorReference: null, failureReason: null, readyAt: new Date() });
      await this.recordChange(tx, row, row.state, DisbursementState.OPEN, `retried (attempt ${row.attempt})`, requestKey, hold.entryId);
      return row;
    });
    this.wake();
    return row;
  }

  /** The worker's claim: OPEN disbursements that are ready, marked PROCESSING (skipping any another gateway holds). */
  async claimReady(limit: number): Promise<DisbursementRow[]> {
    return this.ledger.transaction(this.orm.em, async (tx) => {
      const { rows } = await sql<{ id: string }>`select id::text from disbursement where state = 'OPEN' and ready_at <= now()
        order by id limit ${limit} for update skip locked`.execute(tx.em.getKysely() as Kysely<any>);
      if (rows.length === 0) return [];
      const claimed = await tx.em.find(DisbursementEntity, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { id: 'asc' } });
      for (const row of claimed) {
        row.processorReference = processorReferenceOf(row);
        await this.recordChange(tx, row, row.state, DisbursementState.PROCESSING, `sent to the payment processor as ${row.processorReference}`, null);
      }
      return claimed;
    });
  }

  /** PROCESSING disbursements not looked at since `before` (all of them at start), oldest first. */
  async processingSince(before: Date, limit: number): Promise<DisbursementRow[]> {
    return this.orm.em.fork().find(DisbursementEntity, { state: DisbursementState.PROCESSING, updatedAt: { $lt: before } }, { orderBy: { updatedAt: 'asc' }, limit });
  }

  /** Notes that the processor was asked and had no answer yet, so the next look waits its turn. */
  async touch(id: string): Promise<void> {
    await sql`update disbursement set updated_at = now() where id = ${id}::bigint and state = 'PROCESSING'`.execute(this.orm.em.fork().getKysely() as Kysely<any>);
  }

  /**
   * Applies the processor's final answer to one attempt. Idempotent: an attempt already settled, or
   * superseded by a retry, is left alone (two gateways may reconcile the same one).
   */
  async settle(id: string, attempt: number, outcome: Outcome): Promise<void> {
    await this.ledger.transaction(this.orm.em, async (tx) => {
      const row = await tx.em.findOne(DisbursementEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!row || row.state !== DisbursementState.PROCESSING || row.attempt !== attempt) return;
      const key = `disb:${row.id}:${row.attempt}`;
      if (outcome.status === 'FAILED') {
        await tx.void({ idempotencyKey: `${key}:void`, entryId: row.holdEntryId });
        row.failureReason = outcome.reason.slice(0, 500);
        await this.recordChange(tx, row, row.state, DisbursementState.FAILED, `the processor declined: ${outcome.reason}`.slice(0, 500), null);
        return;
      }
      const clearing = systemAccountCode(clearingOf[row.kind], row.currency);
      // Started together, the commit and the payout run as one batch: their accounts lock in one id-ordered statement.
      const [committed] = await Promise.all([
        tx.commit({ idempotencyKey: `${key}:commit`, entryId: row.holdEntryId }),
        tx.post({
          idempotencyKey: `${key}:settle`, description: `Paid out ${processorReferenceOf(row)}`, metadata: { disbursementId: row.id },
          postings: [
            { accountCode: clearing, direction: Direction.DEBIT, amount: row.amount, currency: row.currency },
            { accountCode: systemAccountCode(SystemAccount.BANK, row.currency), direction: Direction.CREDIT, amount: row.amount, currency: row.currency },
          ],
        }),
      ]);
      await this.recordChange(tx, row, row.state, DisbursementState.SUCCEEDED, 'paid by the processor', null, committed.entryId);
    });
  }

  /** The disbursement an earlier request with this key made; IDEMPOTENCY_KEY_REUSED when its request differed. */
  private async existing(tx: LedgerTransaction, command: OpenCommand): Promise<DisbursementRow | null> {
    const row = await tx.em.findOne(DisbursementEntity, { userId: command.userId, kind: command.kind, idempotencyKey: command.idempotencyKey }, { refresh: true });
    return replayOf(row, command.requestHash, () => WalletError.keyReused(command.idempotencyKey)) ?? null;
  }

  /** The hold: the amount and fee leave the wallet's available balance, owed to clearing and fee revenue. */
  private holdPostings(kind: DisbursementKind, walletAccountId: string, currency: string, amount: bigint, fee: bigint): PostingCommand[] {
    const postings: PostingCommand[] = [
      { accountId: walletAccountId, direction: Direction.DEBIT, amount: String(amount + fee), currency },
      { accountCode: systemAccountCode(clearingOf[kind], currency), direction: Direction.CREDIT, amount: String(amount), currency },
    ];
    if (fee > 0n) postings.push({ accountCode: systemAccountCode(SystemAccount.FEE_REVENUE, currency), direction: Direction.CREDIT, amount: String(fee), currency });
    return postings;
  }

  private linesOf(row: DisbursementRow, entryId: string) {
    const link = row.kind === DisbursementKind.WITHDRAWAL ? { withdrawalId: row.id } : { payoutId: row.id };
    const base = { walletId: row.walletId, currency: row.currency, entryId, status: WalletTransactionStatus.PENDING, reference: row.destination, ...link };
    const lines = [{ ...base, kind: lineKindOf[row.kind], amount: row.amount }];
    if (BigInt(row.fee) > 0n) lines.push({ ...base, kind: WalletTransactionKind.FEE, amount: row.fee });
    return lines;
  }

  /** Locks a disbursement of the kind; a customer's or merchant's scope sees only its own (others are NOT_FOUND). */
  private async lockOwned(tx: LedgerTransaction, id: string, ownerId: string | undefined, kind: DisbursementKind): Promise<DisbursementRow> {
    const row = await tx.em.findOne(DisbursementEntity, { id, kind }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row || (ownerId !== undefined && row.userId !== ownerId)) throw WalletError.notFound(kind === DisbursementKind.WITHDRAWAL ? 'Withdrawal' : 'Payout', id);
    return row;
  }

  /**
   * Whether the client request with this key already changed the disbursement (a replay). The key
   * is the user's: one that already changed another of the user's disbursements is IDEMPOTENCY_KEY_REUSED.
   * Two requests racing with one key on two disbursements both find nothing here; the unique index
   * on (user_id, request_key) then refuses the second's change, and its rerun finds the first's.
   */
  private async changedBy(tx: LedgerTransaction, row: DisbursementRow, requestKey: string): Promise<boolean> {
    const { rows } = await sql<{ disbursement_id: string }>`
      select disbursement_id::text from disbursement_status_change
      where user_id = ${row.userId}::bigint and request_key = ${requestKey}`.execute(tx.em.getKysely() as Kysely<any>);
    if (rows.some((r) => r.disbursement_id !== row.id)) throw WalletError.keyReused(requestKey);
    return rows.length > 0;
  }

  /** Moves the state, its history lines, the audit trail and the outbox event together. */
  private async recordChange(
    tx: LedgerTransaction, row: DisbursementRow, from: DisbursementState | null, to: DisbursementState,
    reason: string, requestKey: string | null, entryId?: string,
  ): Promise<void> {
    row.state = to;
    row.updatedAt = new Date();
    tx.em.create(DisbursementStatusChangeEntity, { disbursementId: row.id, userId: row.userId, fromState: from, toState: to, attempt: row.attempt, reason, requestKey, at: row.updatedAt } as never);
    await tx.em.flush();
    if (from !== null) {
      const link = row.kind === DisbursementKind.WITHDRAWAL ? { withdrawalId: row.id } : { payoutId: row.id };
      await tx.em.nativeUpdate(WalletTransactionEntity, link, { status: lineStatusOf[to], updatedAt: row.updatedAt, ...(entryId && { entryId }) });
    }
    await publishWithin(tx.em, disbursementEventType, { disbursementId: row.id, kind: row.kind, userId: row.userId, state: to, attempt: row.attempt });
  }
}
