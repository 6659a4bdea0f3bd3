import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { JournalEntryEntity } from '../ledger/index.js';
import { ProcessorEntity } from './processor.entity.js';
import { ProcessorEventStatus } from './settlement.enums.js';

const time = () => p.datetime().columnType('timestamptz');

/**
 * One delivery of a processor's event, kept as received: the raw body byte for byte, the headers
 * that matter and when it came. Stored once per processor and event id (`webhook-id`): a repeat
 * delivery finds it and stores nothing.
 */
export const ProcessorEventEntity = defineEntity({
  name: 'ProcessorEvent',
  tableName: 'settlement_processor_event',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    processorId: () => p.manyToOne(ProcessorEntity).mapToPk().joinColumn('processor_id')
      .foreignKeyName('settlement_processor_event_processor_fk').updateRule('no action').deleteRule('no action'),
    /** The processor's id of the event (the `webhook-id` header, the same on every retry). */
    eventId: p.string().length(200),
    /** The event's `type` (`charge.succeeded`, …), as the body names it. */
    type: p.string().length(100),
    status: p.enum(() => ProcessorEventStatus).nativeEnumName('settlement_processor_event_status'),
    rawBody: p.blob(),
    /** `webhook-id`, `webhook-timestamp`, `webhook-signature`, `content-type`, as received. */
    headers: p.json<Record<string, string>>(),
    receivedAt: time().defaultRaw('now()'),
    /** The entry it posted (APPLIED). */
    entryId: () => p.manyToOne(JournalEntryEntity).mapToPk().nullable().joinColumn('entry_id')
      .foreignKeyName('settlement_processor_event_entry_fk').updateRule('no action').deleteRule('no action'),
    /** Why it is UNMATCHED, WAITING or REJECTED. */
    note: p.string().length(500).nullable(),
    /**
     * What an UNMATCHED or WAITING event waits for: `merchant:<processor's merchant id>`,
     * `charge:<charge id>` or `dispute:<dispute id>`; the arrival of that applies it.
     */
    awaiting: p.string().length(210).nullable(),
  },
  uniques: [{ name: 'settlement_processor_event_unique', properties: ['processorId', 'eventId'] }],
  indexes: [
    { name: 'settlement_processor_event_list_index', properties: ['processorId', 'id'] },
    { name: 'settlement_processor_event_awaiting_index', properties: ['processorId', 'awaiting'] },
    // The sweeper's: the few events RECEIVED, WAITING or UNMATCHED among the many APPLIED.
    { name: 'settlement_processor_event_status_index', properties: ['status', 'id'] },
  ],
  // What was received never changes and is never deleted (the status may: its handler applies it).
  // The trigger's function is the migration's (Migration20261202133713); the schema diff knows the
  // trigger by this statement and leaves it be.
  triggers: [{
    name: 'settlement_processor_event_as_received', timing: 'before', events: ['update', 'delete'], forEach: 'row',
    expression: 'create trigger "settlement_processor_event_as_received" before update or delete on "settlement_processor_event" for each row execute function "settlement_processor_event_as_received"()',
  }],
});

/**
 * A delivery whose signature verified but whose body could not be read (not JSON, no `type`):
 * kept with its raw bytes so an operator can see what the processor sent.
 */
export const ProcessorDeadLetterEntity = defineEntity({
  name: 'ProcessorDeadLetter',
  tableName: 'settlement_processor_dead_letter',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    processorId: () => p.manyToOne(ProcessorEntity).mapToPk().joinColumn('processor_id')
      .foreignKeyName('settlement_processor_dead_letter_processor_fk').updateRule('no action').deleteRule('no action'),
    eventId: p.string().length(200),
    reason: p.string().length(500),
    rawBody: p.blob(),
    headers: p.json<Record<string, string>>(),
    receivedAt: time().defaultRaw('now()'),
  },
  indexes: [{ name: 'settlement_processor_dead_letter_list_index', properties: ['processorId', 'id'] }],
});

export type ProcessorEventRow = InferEntity<typeof ProcessorEventEntity>;
export type ProcessorDeadLetterRow = InferEntity<typeof ProcessorDeadLetterEntity>;
