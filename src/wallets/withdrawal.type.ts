import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../ledger/index.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { toGlobalId } from './wallet.ids.js';
import { Node } from '../platform/graphql/node.type.js';
import type { DisbursementRow } from './disbursement.service.js';
import type { StatusChangeRow } from './wallet.queries.js';
import { DisbursementKind, publicStatusNames, type DisbursementState } from './wallets.enums.js';

export enum WithdrawalStatus {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}

registerEnumType(WithdrawalStatus, {
  name: 'WithdrawalStatus',
  description: 'PENDING (funds held) → PROCESSING (sent to the processor) → COMPLETED (paid), or FAILED (funds returned; may be retried).',
});

// A withdrawal is never CANCELLED (the engine cancels payouts only), so its names are these four.
const toStatus = publicStatusNames[DisbursementKind.WITHDRAWAL] as Record<DisbursementState, WithdrawalStatus>;

export const withdrawalStatusOf = (state: DisbursementState) => toStatus[state];
export const statesOfWithdrawalStatus = (status: WithdrawalStatus) =>
  (Object.keys(toStatus) as DisbursementState[]).filter((state) => toStatus[state] === status);

@ObjectType({ description: 'One change of a withdrawal’s status: the audit trail.' })
export class WithdrawalStatusChange {
  @Field(() => WithdrawalStatus, { nullable: true, description: 'Null for the request itself.' }) from!: WithdrawalStatus | null;
  @Field(() => WithdrawalStatus, { description: 'The status it moved to.' }) to!: WithdrawalStatus;
  @Field(() => Int, { description: 'The attempt the change belongs to (a retry starts the next).' }) attempt!: number;
  @Field({ description: 'Why: requested, sent to the processor, paid, declined with the processor’s reason, retried.' }) reason!: string;
  @Field({ description: 'When.' }) at!: Date;

  static from(row: StatusChangeRow): WithdrawalStatusChange {
    return Object.assign(new WithdrawalStatusChange(), {
      from: row.fromState ? toStatus[row.fromState] : null, to: toStatus[row.toState], attempt: row.attempt, reason: row.reason, at: row.at,
    });
  }
}

@ObjectType({ implements: Node, description: 'Money out of a wallet to the user’s bank, through the payment processor. The amount and fee leave the available balance at once (a pending ledger entry); they are paid when COMPLETED or returned when FAILED.' })
export class Withdrawal extends Node {
  row!: DisbursementRow;

  @Field(() => ID, { description: 'Global id, e.g. "wd_12".' }) override id!: string;
  @Field(() => WithdrawalStatus, { description: 'PENDING, PROCESSING, COMPLETED or FAILED.' }) status!: WithdrawalStatus;
  @Field(() => Money, { description: 'What the processor pays out.' }) amount!: Money;
  @Field(() => Money, { description: 'The platform’s fee, held and charged with the amount.' }) fee!: Money;
  @Field({ description: 'Where the money goes, as given.' }) destination!: string;
  @Field(() => Int, { description: '1, then one more per retry.' }) attempt!: number;
  @Field(() => String, { nullable: true, description: 'The processor’s reference of the current attempt, once sent.' }) processorReference!: string | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) failureReason!: string | null;
  @Field({ description: 'When it was requested.' }) createdAt!: Date;
  @Field({ description: 'When its status last changed.' }) updatedAt!: Date;

  static from(row: DisbursementRow): Withdrawal {
    const currency = row.currency.trim();
    return Object.assign(new Withdrawal(), {
      row, id: toGlobalId('Withdrawal', row.id), status: toStatus[row.state], amount: Money.of(BigInt(row.amount), currency),
      fee: Money.of(BigInt(row.fee), currency), destination: row.destination, attempt: row.attempt,
      processorReference: row.processorReference, failureReason: row.failureReason, createdAt: row.createdAt, updatedAt: row.updatedAt,
    });
  }
}

export const WithdrawalConnection = connectionOf(Withdrawal, 'Withdrawal', { one: 'withdrawal', many: 'withdrawals' }, 'A page of withdrawals, newest first.');
export type WithdrawalConnection = ConnectionOf<Withdrawal>;

@ObjectType({ description: 'A withdrawal changed status.' })
export class WithdrawalUpdate {
  disbursementRowId!: string;
  @Field({ description: 'The event’s sequence number: pass it as `after` to resume from here.' }) sequence!: string;
  @Field(() => WithdrawalStatus, { description: 'The status this event moved it to.' }) status!: WithdrawalStatus;
}
