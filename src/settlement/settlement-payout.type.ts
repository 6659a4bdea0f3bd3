import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Money } from '../ledger/index.js';
import { merchantGlobalId } from '../merchants/index.js';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { Node } from '../platform/graphql/node.type.js';
import type { SettlementPayoutRow, SettlementRunRow, SettlementTermsRow } from './settlement-ledger.entity.js';
import { SettlementItemKind, SettlementPayoutStatus, SettlementRunState } from './settlement.enums.js';
import { toGlobalId } from './settlement.ids.js';

registerEnumType(SettlementPayoutStatus, { name: 'SettlementPayoutStatus', description: 'PENDING (instructed, not yet reported by the processor) → PAID or FAILED (its amount available again).' });
registerEnumType(SettlementRunState, { name: 'SettlementRunState', description: 'RUNNING (a restart cut it off: run it again with its key) or COMPLETED.' });
registerEnumType(SettlementItemKind, {
  name: 'SettlementItemKind',
  description: 'CHARGE_MATURED (a charge’s net), REFUND, DISPUTE_HELD, DISPUTE_RETURNED (a dispute won) or PAYOUT_RETURNED (a failed payout’s amount).',
});

const entryGlobalId = (id: string | null | undefined) => (id ? `ent_${id}` : null);
const merchantId = (id: string | number) => merchantGlobalId('Merchant', String(id));

@ObjectType({ implements: Node, description: 'A payout of a merchant’s available settlement balance, instructed to its processor. Seen by staff and the merchant’s users.' })
export class SettlementPayout extends Node {
  row!: SettlementPayoutRow;

  @Field(() => ID, { description: 'Global id, e.g. "spo_5": the `reference` the processor’s payout.paid or payout.failed names.' }) override id!: string;
  @Field(() => ID, { description: 'The run that made it.' }) runId!: string;
  @Field(() => ID, { description: 'The processor that pays it.' }) processorId!: string;
  @Field(() => ID, { description: 'The merchant paid.' }) merchantId!: string;
  @Field(() => Money, { description: 'The amount: exactly the sum of its report’s lines.' }) amount!: Money;
  @Field(() => SettlementPayoutStatus, { description: 'PENDING, PAID or FAILED.' }) status!: SettlementPayoutStatus;
  @Field(() => ID, { description: 'The entry that moved the amount from available to in payout.' }) entryId!: string;
  @Field(() => ID, { nullable: true, description: 'The entry of the processor’s report (PAID, FAILED).' }) settledEntryId!: string | null;
  @Field({ description: 'When it was made.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the processor paid it or it failed, by the processor’s event.' }) settledAt!: Date | null;

  static from(row: SettlementPayoutRow): SettlementPayout {
    return Object.assign(new SettlementPayout(), {
      row, id: toGlobalId('SettlementPayout', row.id), runId: toGlobalId('SettlementRun', String(row.runId)), processorId: toGlobalId('Processor', String(row.processorId)),
      merchantId: merchantId(row.merchantId), amount: Money.of(BigInt(row.amount), row.currency), status: row.status,
      entryId: entryGlobalId(String(row.entryId))!, settledEntryId: entryGlobalId(row.settledEntryId == null ? null : String(row.settledEntryId)),
      createdAt: row.createdAt, settledAt: row.settledAt ?? null,
    });
  }
}

export const SettlementPayoutConnection = connectionOf(SettlementPayout, 'SettlementPayout', { one: 'payout', many: 'payouts' }, 'A page of settlement payouts, newest first.');
export type SettlementPayoutConnection = ConnectionOf<SettlementPayout>;

@ObjectType({ description: 'A settlement payout run: one processor and currency, every merchant with at least its minimum available (staff).' })
export class SettlementRun {
  row!: SettlementRunRow;

  @Field(() => ID, { description: 'Global id, e.g. "srn_2".' }) id!: string;
  @Field({ description: 'Its idempotency key.' }) runKey!: string;
  @Field(() => ID, { description: 'The processor whose merchants it paid.' }) processorId!: string;
  @Field({ description: 'ISO 4217 currency code.' }) currency!: string;
  @Field(() => Money, { description: 'The least it paid a merchant without a minimum of its own.' }) minimum!: Money;
  @Field(() => SettlementRunState, { description: 'RUNNING or COMPLETED.' }) state!: SettlementRunState;
  @Field({ description: 'When it started.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it completed.' }) finishedAt!: Date | null;

  static from(row: SettlementRunRow): SettlementRun {
    return Object.assign(new SettlementRun(), {
      row, id: toGlobalId('SettlementRun', row.id), runKey: row.runKey, processorId: toGlobalId('Processor', String(row.processorId)), currency: row.currency,
      minimum: Money.of(BigInt(row.minimum), row.currency), state: row.state, createdAt: row.createdAt, finishedAt: row.finishedAt ?? null,
    });
  }
}

@ObjectType({ description: 'A line of a payout’s report: one movement of the merchant’s available balance.' })
export class SettlementReportLine {
  @Field(() => SettlementItemKind, { description: 'What moved it.' }) kind!: SettlementItemKind;
  @Field(() => Money, { description: 'Its effect on the payout: negative for refunds and dispute holds.' }) amount!: Money;
  @Field(() => String, { nullable: true, description: 'The processor’s charge id (every kind but PAYOUT_RETURNED).' }) chargeId!: string | null;
  @Field(() => String, { nullable: true, description: 'The processor’s dispute id (DISPUTE_HELD, DISPUTE_RETURNED).' }) disputeId!: string | null;
  @Field(() => Money, { nullable: true, description: 'A matured charge’s gross.' }) gross!: Money | null;
  @Field(() => Money, { nullable: true, description: 'A matured charge’s processor fee (gross − fee = amount).' }) fee!: Money | null;
  @Field(() => ID, { nullable: true, description: 'The entry that moved it (none for a charge whose fee was its whole amount).' }) entryId!: string | null;
  @Field({ description: 'When it moved (the entry’s effective time).' }) at!: Date;
}

@ObjectType({ description: 'What a payout covers, for the merchant’s accountant: its lines and their totals, which sum exactly to the amount paid.' })
export class SettlementReport {
  @Field(() => Money, { description: 'The payout’s amount.' }) amount!: Money;
  @Field(() => Int, { description: 'Charges matured into it.' }) charges!: number;
  @Field(() => Money, { description: 'Their gross.' }) gross!: Money;
  @Field(() => Money, { description: 'Their processor fees.' }) fees!: Money;
  @Field(() => Money, { description: 'Refunds (negative or zero).' }) refunds!: Money;
  @Field(() => Money, { description: 'Dispute holds less disputes won (negative or zero when more were held than won).' }) disputes!: Money;
  @Field(() => Money, { description: 'Failed payouts’ amounts returned into this one.' }) returned!: Money;
  @Field(() => [SettlementReportLine], { description: 'Its lines, oldest first (at most 10,000).' }) lines!: SettlementReportLine[];
}

@ObjectType({ description: 'A merchant’s settlement at one processor in one currency, now or at `asOf`.' })
export class SettlementBalance {
  @Field(() => ID, { description: 'The processor.' }) processorId!: string;
  @Field({ description: 'ISO 4217 currency code.' }) currency!: string;
  @Field(() => Money, { description: 'Charges’ nets not yet matured.' }) immature!: Money;
  @Field(() => Money, { description: 'Matured and not yet paid out (0 when refunds and disputes took more: see `owed`).' }) available!: Money;
  @Field(() => Money, { description: 'What refunds and lost or open disputes took beyond the available balance: netted against later charges, never paid out.' }) owed!: Money;
  @Field(() => Money, { description: 'Held by open disputes.' }) held!: Money;
  @Field(() => Money, { description: 'Paid out, not yet confirmed by the processor.' }) inPayout!: Money;
  @Field(() => Money, { description: 'Paid out and confirmed by the processor.' }) paid!: Money;
  @Field(() => Date, { nullable: true, description: 'The time it is of; null for now.' }) asOf!: Date | null;
}

@ObjectType({ description: 'A merchant’s settlement terms, as they apply.' })
export class SettlementTerms {
  @Field(() => ID, { description: 'The merchant.' }) merchantId!: string;
  @Field(() => Int, { description: 'Hours from a charge until its net is available.' }) maturityHours!: number;
  @Field(() => Boolean, { description: 'Whether `maturityHours` is the merchant’s own (false: SETTLEMENT_MATURITY_HOURS).' }) ownMaturityHours!: boolean;
  @Field(() => String, { nullable: true, description: 'The merchant’s own payout minimum in minor units; null: each run’s minimum.' }) payoutMinimum!: string | null;

  static from(id: string, row: SettlementTermsRow | null, defaultHours: number): SettlementTerms {
    return Object.assign(new SettlementTerms(), {
      merchantId: merchantId(id), maturityHours: row?.maturityHours ?? defaultHours, ownMaturityHours: row?.maturityHours != null,
      payoutMinimum: row?.payoutMinimum == null ? null : String(row.payoutMinimum),
    });
  }
}
