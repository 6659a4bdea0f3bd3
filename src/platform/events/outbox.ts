import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboxDatabase } from './outbox.db.js';

/**
 * Adds a module's event to the transactional outbox inside the caller's open transaction, so it is
 * published (numbered by the relay, then streamed) only if that transaction commits. The ledger's
 * posting transaction writes its entry events the same way, in its own statement.
 */
export async function publishWithin(em: EntityManager, type: string, payload: Record<string, unknown>): Promise<void> {
  await em.getKysely<OutboxDatabase>().insertInto('ledger_event').values({ type, payload: JSON.stringify(payload) }).execute();
}
