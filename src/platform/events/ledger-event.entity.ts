import { defineEntity, p } from '@mikro-orm/core';

/**
 * The transactional outbox. A posting transaction inserts its events with its own transaction id
 * (`xid`); the relay later gives each committed event its `seq` in commit-safe order, and only
 * numbered events are delivered. A rolled-back transaction's rows never exist, so never publish.
 */
export const LedgerEventEntity = defineEntity({
  name: 'LedgerEvent',
  tableName: 'ledger_event',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    xid: p.string().columnType('xid8').defaultRaw('pg_current_xact_id()'),
    seq: p.bigint('string').nullable().unique(),
    type: p.string().length(32),
    payload: p.json<Record<string, unknown>>().columnType('jsonb'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
});
