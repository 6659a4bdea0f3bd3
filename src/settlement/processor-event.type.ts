import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf, type ConnectionOf } from '../platform/graphql/connection.js';
import { Node } from '../platform/graphql/node.type.js';
import type { ProcessorDeadLetterRow, ProcessorEventRow } from './processor-event.entity.js';
import { ProcessorEventStatus } from './settlement.enums.js';
import { toGlobalId } from './settlement.ids.js';

registerEnumType(ProcessorEventStatus, {
  name: 'ProcessorEventStatus',
  description: 'RECEIVED: a type Folio applies, stored, not applied yet; APPLIED: posted to the ledger (`entryId`); UNMATCHED: it names a merchant no link matches yet (`awaiting`), applied when the link is made; WAITING: it names a charge or dispute not received yet (`awaiting`), applied when that arrives; REJECTED: its data cannot be posted (`note`); IGNORED: a type Folio does not apply, stored and answered 202.',
});

/** The raw body as text: processors send UTF-8 JSON; a byte that is not UTF-8 shows as U+FFFD here, and stays exact in the store. */
const bodyText = (raw: Uint8Array) => Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');

@ObjectType({ implements: Node, description: 'An event a processor delivered, kept exactly as received (staff only).' })
export class ProcessorEvent extends Node {
  row!: ProcessorEventRow;

  @Field(() => ID, { description: 'Global id, e.g. "pev_41".' }) override id!: string;
  @Field(() => ID, { description: 'The processor’s global id.' }) processorId!: string;
  @Field({ description: 'The processor’s id of the event (its `webhook-id`): one stored event per processor and id.' }) eventId!: string;
  @Field({ description: 'The event’s type, e.g. "charge.succeeded".' }) type!: string;
  @Field(() => ProcessorEventStatus, { description: 'RECEIVED, APPLIED, UNMATCHED, WAITING, REJECTED or IGNORED.' }) status!: ProcessorEventStatus;
  @Field(() => ID, { nullable: true, description: 'The ledger entry it posted (APPLIED), e.g. "ent_90".' }) entryId!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it is UNMATCHED, WAITING or REJECTED.' }) note!: string | null;
  @Field(() => String, { nullable: true, description: 'What an UNMATCHED or WAITING event waits for: "merchant:<processor’s merchant id>", "charge:<charge id>" or "dispute:<dispute id>".' }) awaiting!: string | null;
  @Field({ description: 'The body as received, as UTF-8 text.' }) body!: string;
  @Field(() => GraphQLJSONObject, { description: 'The headers that matter, as received: webhook-id, webhook-timestamp, webhook-signature, content-type.' }) headers!: Record<string, string>;
  @Field({ description: 'When Folio received it.' }) receivedAt!: Date;

  static from(row: ProcessorEventRow): ProcessorEvent {
    return Object.assign(new ProcessorEvent(), {
      row, id: toGlobalId('ProcessorEvent', row.id), processorId: toGlobalId('Processor', String(row.processorId)), eventId: row.eventId,
      type: row.type, status: row.status, body: bodyText(row.rawBody), headers: row.headers, receivedAt: row.receivedAt,
      entryId: row.entryId ? `ent_${row.entryId}` : null, note: row.note ?? null, awaiting: row.awaiting ?? null,
    });
  }
}

@ObjectType({ description: 'A signed delivery Folio could not read as an event (not JSON, no `type`), kept with its raw body for an operator (staff only).' })
export class ProcessorDeadLetter {
  @Field(() => ID, { description: 'Global id, e.g. "pdl_3".' }) id!: string;
  @Field(() => ID, { description: 'The processor’s global id.' }) processorId!: string;
  @Field({ description: 'Its `webhook-id`.' }) eventId!: string;
  @Field({ description: 'Why it could not be read.' }) reason!: string;
  @Field({ description: 'The body as received, as UTF-8 text.' }) body!: string;
  @Field(() => GraphQLJSONObject, { description: 'The headers that matter, as received.' }) headers!: Record<string, string>;
  @Field({ description: 'When Folio received it.' }) receivedAt!: Date;

  static from(row: ProcessorDeadLetterRow): ProcessorDeadLetter {
    return Object.assign(new ProcessorDeadLetter(), {
      id: toGlobalId('ProcessorDeadLetter', row.id), processorId: toGlobalId('Processor', String(row.processorId)), eventId: row.eventId,
      reason: row.reason, body: bodyText(row.rawBody), headers: row.headers, receivedAt: row.receivedAt,
    });
  }
}

export const ProcessorEventConnection = connectionOf(ProcessorEvent, 'ProcessorEvent', { one: 'event', many: 'events' }, 'A page of processor events, newest first.');
export type ProcessorEventConnection = ConnectionOf<ProcessorEvent>;
export const ProcessorDeadLetterConnection = connectionOf(ProcessorDeadLetter, 'ProcessorDeadLetter', { one: 'dead letter', many: 'dead letters' }, 'A page of dead letters, newest first.');
export type ProcessorDeadLetterConnection = ConnectionOf<ProcessorDeadLetter>;
