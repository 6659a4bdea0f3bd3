import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';

/**
 * Adds a module's event to the transactional outbox inside the caller's open transaction, so it is
 * published (numbered by the relay, then streamed) only if that transaction commits. The ledger's
 * posting transaction writes its entry events the same way, in its own statement.
 */
export async function publishWithin(em: EntityManager, type: string, payload: Record<string, unknown>): Promise<void> {
  await sql`insert into ledger_event (type, payload) values (${type}, ${JSON.stringify(payload)}::jsonb)`.execute(em.getKysely() as Kysely<any>);
}
