import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../ledger/index.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { toGlobalId } from './payout.ids.js';
import { Node } from '../platform/graphql/node.type.js';
import { DisbursementKind, publicStatusNames, type DisbursementRow, type DisbursementState } from '../wallets/index.js';
import type { StatusChangeRow } from '../wallets/index.js';
import { PayoutRunState, type PayoutRunRow } from './payout-run.entity.js';
import type { PayoutRunProgressPayload } from './payout-run.service.js';

export enum PayoutStatus {
  REQUESTED = 'REQUESTED',
  PROCESSING = 'PROCESSING',
  PAID = 'PAID',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(PayoutStatus, {
  name: 'PayoutStatus',
  description: 'REQUESTED (funds held; cancellable for PAYOUT_CANCEL_WINDOW_SECONDS) → PROCESSING → PAID, or FAILED (funds returned); CANCELLED before processing (funds returned).',
});
registerEnumType(PayoutRunState, { name: 'PayoutRunStatus', description: 'RUNNING until every wallet was looked at, then COMPLETED; FAILED on an unexpected error (see `error`).' });

const toStatus = publicStatusNames[DisbursementKind.PAYOUT] as Record<DisbursementState, PayoutStatus>;
const toState = Object.fromEntries(Object.entries(toStatus).map(([state, status]) => [status, state])) as Record<PayoutStatus, DisbursementState>;

export const payoutStatusOf = (state: DisbursementState) => toStatus[state];
export const stateOfPayoutStatus = (status: PayoutStatus) => toState[status];

@ObjectType({ description: 'One change of a payout’s status: the audit trail.' })
export class PayoutStatusChange {
  @Field(() => PayoutStatus, { nullable: true, description: 'Null for the request itself.' }) from!: PayoutStatus | null;
  @Field(() => PayoutStatus, { description: 'The status it moved to.' }) to!: PayoutStatus;
  @Field({ description: 'Why: requested, sent to the processor, paid, declined with the processor’s reason, cancelled.' }) reason!: string;
  @Field({ description: 'When.' }) at!: Date;

  static from(row: StatusChangeRow): PayoutStatusChange {
    return Object.assign(new PayoutStatusChange(), { from: row.fromState ? toStatus[row.fromState] : null, to: toStatus[row.toState], reason: row.reason, at: row.at });
  }
}

@ObjectType({ implements: Node, description: 'A payout of available funds through the payment processor, asked for by its owner or made by a payout run. The amount is held from the request on.' })
export class Payout extends Node {
  row!: DisbursementRow;

  @Field(() => ID, { description: 'Global id, e.g. "po_40".' }) override id!: string;
  @Field(() => PayoutStatus, { description: 'REQUESTED, PROCESSING, PAID, FAILED or CANCELLED.' }) status!: PayoutStatus;
  @Field(() => Money, { description: 'What the processor pays out.' }) amount!: Money;
  @Field({ description: 'Where the money goes, as given.' }) destination!: string;
  @Field({ description: 'Processing starts no earlier than this (PAYOUT_CANCEL_WINDOW_SECONDS after the request); until the payout is PROCESSING it can be cancelled.' }) processAfter!: Date;
  @Field(() => String, { nullable: true, description: 'The processor’s reference, once sent.' }) processorReference!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it failed.' }) failureReason!: string | null;
  @Field({ description: 'When it was requested.' }) createdAt!: Date;
  @Field({ description: 'When its status last changed.' }) updatedAt!: Date;

  static from(row: DisbursementRow): Payout {
    return Object.assign(new Payout(), {
      row, id: toGlobalId('Payout', row.id), status: toStatus[row.state], amount: Money.of(BigInt(row.amount), row.currency.trim()),
      destination: row.destination, processAfter: row.readyAt, processorReference: row.processorReference,
      failureReason: row.failureReason, createdAt: row.createdAt, updatedAt: row.updatedAt,
    });
  }
}

export const PayoutConnection = connectionOf(Payout, 'Payout', { one: 'payout', many: 'payouts' }, 'A page of payouts, newest first.');
export type PayoutConnection = ConnectionOf<Payout>;

@ObjectType({ implements: Node, description: 'A payout run: payouts for every wallet of a currency whose available balance reached the threshold. Poll it, or subscribe to `payoutRunProgress`, while it is RUNNING.' })
export class PayoutRun extends Node {
  row!: PayoutRunRow;

  @Field(() => ID, { description: 'Global id, e.g. "prun_3".' }) override id!: string;
  @Field({ description: 'The key that makes the run idempotent.' }) runKey!: string;
  @Field(() => PayoutRunState, { description: 'RUNNING, COMPLETED or FAILED.' }) status!: PayoutRunState;
  @Field(() => Money, { description: 'Wallets with at least this much available get a payout of all of it.' }) threshold!: Money;
  @Field(() => Int, { description: 'Wallets at or above the threshold looked at so far.' }) walletsScanned!: number;
  @Field(() => Int, { description: 'Payouts made so far.' }) payoutsCreated!: number;
  @Field(() => Int, { description: 'Wallets passed over: the balance moved below the threshold (or the minimum) before their payout, or the wallet is frozen or closed.' }) walletsSkipped!: number;
  @Field(() => Money, { description: 'The sum of the payouts made.' }) totalAmount!: Money;
  @Field(() => String, { nullable: true, description: 'Why the run FAILED.' }) error!: string | null;
  @Field({ description: 'When it started.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it ended (COMPLETED or FAILED).' }) finishedAt!: Date | null;

  static from(row: PayoutRunRow): PayoutRun {
    const currency = row.currency.trim();
    return Object.assign(new PayoutRun(), {
      row, id: toGlobalId('PayoutRun', row.id), runKey: row.runKey, status: row.state, threshold: Money.of(BigInt(row.threshold), currency),
      walletsScanned: row.walletsScanned, payoutsCreated: row.payoutsCreated, walletsSkipped: row.walletsSkipped,
      totalAmount: Money.of(BigInt(row.totalAmount), currency), error: row.error, createdAt: row.createdAt, finishedAt: row.finishedAt ?? null,
    });
  }
}

@ObjectType({ description: 'A payout run as one progress event left it: after a page it committed, or at its end.' })
export class PayoutRunProgress {
  @Field({ description: 'The event’s sequence number: pass it as `after` to resume from here.' }) sequence!: string;
  @Field(() => PayoutRun, { description: 'The run with its status and counts as of this event (not as it is now).' }) run!: PayoutRun;

  /** The event's counts laid over the run's fixed fields (key, threshold, start). */
  static of(sequence: string, row: PayoutRunRow, payload: PayoutRunProgressPayload): PayoutRunProgress {
    const run = PayoutRun.from({
      ...row, state: payload.state, walletsScanned: payload.walletsScanned, payoutsCreated: payload.payoutsCreated,
      walletsSkipped: payload.walletsSkipped, totalAmount: payload.totalAmount, error: payload.error,
      finishedAt: payload.finishedAt === null ? null : new Date(payload.finishedAt),
    } as PayoutRunRow);
    return Object.assign(new PayoutRunProgress(), { sequence, run });
  }
}

export const PayoutRunConnection = connectionOf(PayoutRun, 'PayoutRun', { one: 'payout run', many: 'payout runs' }, 'A page of payout runs, newest first.');
export type PayoutRunConnection = ConnectionOf<PayoutRun>;

@ObjectType({ description: 'A payout changed status.' })
export class PayoutUpdate {
  disbursementRowId!: string;
  @Field({ description: 'The event’s sequence number: pass it as `after` to resume from here.' }) sequence!: string;
  @Field(() => PayoutStatus, { description: 'The status this event moved it to.' }) status!: PayoutStatus;
}
