import { sql } from 'kysely';
import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { OutboxDatabase } from '../events/outbox.db.js';
import type { GraphQLContext } from './context.js';

/**
 * `eventSequence`: where the event stream stands. A client that shows state and then follows it
 * live reads this first, then the state, then subscribes with `after:` it: an event numbered
 * after the read is replayed, and one numbered before it was committed before the state was read.
 * So nothing falls in the gap between the query and the subscription.
 */
@Resolver()
export class EventSequenceResolver {
  @Authorized()
  @Query(() => String, { description: 'The sequence of the latest event numbered ("0" when none): read it, then the state you show, then subscribe with `after:` it, and no change falls between the two.' })
  async eventSequence(@Ctx() context: GraphQLContext): Promise<string> {
    const { rows: [row] } = await sql<{ seq: string }>`select coalesce(max(seq), 0)::text as seq from ledger_event`.execute(context.em.getKysely<OutboxDatabase>());
    return row.seq;
  }
}
