import { defineEntity, p } from '@mikro-orm/core';

/**
 * The outbox's retention floor, one row: every event numbered up to `deletedThrough` has been
 * deleted, and every event numbered above it is still there. A subscription may resume `after`
 * any sequence at or above the floor; one below it would miss deleted events (EVENTS_EXPIRED).
 * The relay numbers above the floor too, so deleting the newest events never reuses a number.
 * The retention worker locks the row (SKIP LOCKED) for its transaction: one gateway at a time.
 */
export const EventRetentionEntity = defineEntity({
  name: 'EventRetention',
  tableName: 'ledger_event_retention',
  properties: {
    id: p.smallint().primary().autoincrement(false).default(1),
    deletedThrough: p.bigint('string').default(0),
    // The last sequence NATS JetStream acknowledged (broker-publisher.ts); with NATS_URL set, the
    // retention deletes nothing above it, so an event waits in the outbox until the broker has it.
    brokerPublishedThrough: p.bigint('string').nullable(),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  checks: [{ name: 'ledger_event_retention_one_row_check', expression: 'id = 1 and deleted_through >= 0' }],
});
