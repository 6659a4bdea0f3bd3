import { sql, type Kysely } from 'kysely';
import type { ProcessorEventStatus } from './settlement.enums.js';

/** A verified delivery as it is stored: the processor's event id, its type, the raw body and the headers kept. */
export interface Arrival { eventId: string; type: string; status: ProcessorEventStatus; body: Buffer; headers: Record<string, string> }

/** A stored event's row, as applying it reads it. */
export interface EventRow { id: string; event_id: string; processor_id: string; type: string; status: ProcessorEventStatus; raw_body: Buffer }

/**
 * Stores deliveries of one processor in one statement, each once per event id: the unique key
 * decides, against the events stored before and those another gateway stores at the same moment
 * (it waits for that one's transaction). Returns the rows stored now, by event id; an arrival
 * missing from it is a duplicate. The first of an event id in `arrivals` is the one stored.
 */
export async function storeEvents(db: Kysely<any>, processorId: string, arrivals: readonly Arrival[]): Promise<Map<string, EventRow>> {
  const seen = new Set<string>();
  const unique = arrivals.filter((a) => !seen.has(a.eventId) && seen.add(a.eventId));
  const { rows } = await sql<EventRow>`insert into settlement_processor_event (processor_id, event_id, type, status, raw_body, headers)
    select ${processorId}::bigint, v.event_id, v.type, v.status::settlement_processor_event_status, v.raw_body, v.headers
    from unnest(${unique.map((a) => a.eventId)}::text[], ${unique.map((a) => a.type)}::text[], ${unique.map((a) => a.status)}::text[],
      ${unique.map((a) => a.body)}::bytea[], ${unique.map((a) => JSON.stringify(a.headers))}::jsonb[]) with ordinality as v(event_id, type, status, raw_body, headers, n)
    order by v.n
    on conflict (processor_id, event_id) do nothing
    returning id::text, event_id, processor_id::text, type, status, raw_body`.execute(db);
  return new Map(rows.map((row) => [row.event_id, row]));
}
