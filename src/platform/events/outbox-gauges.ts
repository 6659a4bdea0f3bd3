import { sql } from 'kysely';
import type { BusinessGauge } from '../business-gauges.js';

/**
 * The outbox's lag: events committed but not yet numbered by the relay (so not yet sent to any
 * subscriber), how long the oldest of them has waited, and with a broker, the numbered events
 * JetStream has not acknowledged yet.
 */
export function outboxGauges(broker: boolean): BusinessGauge[] {
  const gauges: BusinessGauge[] = [
    {
      name: 'folio_outbox_unpublished_events', help: 'Events committed and not yet numbered by the relay: not yet sent to subscribers', labelNames: [],
      async read(db) {
        const { rows: [row] } = await sql<{ n: string }>`select count(*)::text as n from ledger_event where seq is null`.execute(db);
        return [{ labels: {}, value: Number(row.n) }];
      },
    },
    {
      name: 'folio_outbox_oldest_unpublished_seconds', help: 'How long the oldest event not yet numbered has waited; 0 when none', labelNames: [],
      async read(db) {
        const { rows: [row] } = await sql<{ s: string }>`select coalesce(extract(epoch from now() - min(created_at)), 0)::text as s from ledger_event where seq is null`.execute(db);
        return [{ labels: {}, value: Number(row.s) }];
      },
    },
  ];
  if (broker) {
    gauges.push({
      name: 'folio_broker_lag_events', help: 'Numbered events NATS JetStream has not acknowledged yet', labelNames: [],
      async read(db) {
        const { rows: [row] } = await sql<{ n: string }>`select (coalesce((select max(seq) from ledger_event), 0)
          - coalesce((select broker_published_through from ledger_event_retention where id = 1), 0))::text as n`.execute(db);
        return [{ labels: {}, value: Math.max(0, Number(row.n)) }];
      },
    });
  }
  return gauges;
}
