import { defineEntity, p } from '@mikro-orm/core';

/**
 * The transactional outbox. A posting transaction inserts its events; the relay later gives each
 * committed event its `seq`, and only numbered events are delivered. A rolled-back transaction's
 * rows never exist, so they are never published.
 */
export const LedgerEventEntity = defineEntity({
  name: 'LedgerEvent',
  tableName: 'ledger_event',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    seq: p.bigint('string').nullable().unique(),
    type: p.string().length(32),
    payload: p.json<Record<string, unknown>>().columnType('jsonb'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  // The relay's work list: the events not yet numbered.
  indexes: [{ name: 'ledger_event_unnumbered_idx', properties: ['id'], where: { seq: null } as never }],
});
