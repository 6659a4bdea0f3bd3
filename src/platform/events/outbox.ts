import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboxDatabase } from './outbox.db.js';

/**
 * Adds a module's event to the transactional outbox inside the caller's open transaction, so it is
 * published (numbered by the relay, then streamed) only if that transaction commits. The ledger's
 * posting transaction writes its entry events the same way, in its own statement.
 */
export async function publishWithin(em: EntityManager, type: string, payload: Record<string, unknown>): Promise<void> {
  await publishAllWithin(em, [{ type, payload }]);
}

/** Several events in one statement, in order (a batch of purchases recorded together). */
export async function publishAllWithin(em: EntityManager, events: readonly { type: string; payload: Record<string, unknown> }[]): Promise<void> {
  if (events.length === 0) return;
  await em.getKysely<OutboxDatabase>().insertInto('ledger_event')
    .values(events.map(({ type, payload }) => ({ type, payload: JSON.stringify(payload) }))).execute();
}
