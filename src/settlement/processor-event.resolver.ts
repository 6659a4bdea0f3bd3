import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { staffRoles } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { checkText } from '../platform/input.js';
import { ProcessorDeadLetter, ProcessorDeadLetterConnection, ProcessorEvent, ProcessorEventConnection } from './processor-event.type.js';
import { fromGlobalId } from './settlement.ids.js';
import { ProcessorEventFilterInput } from './settlement.input.js';


@Resolver()
export class ProcessorEventResolver {
  @Authorized(...staffRoles)
  @Query(() => ProcessorEventConnection, { description: 'Events processors delivered, as received, newest first; at most 100 a page (staff).' })
  async processorEvents(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => ProcessorEventFilterInput, { nullable: true }) filter?: ProcessorEventFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ProcessorEventConnection> {
    const processorId = filter?.processorId == null ? undefined : fromGlobalId('Processor', filter.processorId, 'filter.processorId');
    const type = filter?.type == null ? undefined : checkText(filter.type, { max: 100, field: 'filter.type', allowEmpty: false });
    const page = await context.settlement.events.events(context.em, { processorId, type, status: filter?.status ?? undefined }, pageSize(first), decodeCursor(after));
    return toConnection(page, ProcessorEvent.from);
  }

  @Authorized(...staffRoles)
  @Query(() => ProcessorDeadLetterConnection, { description: 'Signed deliveries Folio could not read as events, with their raw bodies, newest first; at most 100 a page (staff).' })
  async processorDeadLetters(
    @Ctx() context: GraphQLContext,
    @Arg('processorId', () => ID, { nullable: true, description: 'Only this processor’s.' }) processorId?: string,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ProcessorDeadLetterConnection> {
    const id = processorId == null ? undefined : fromGlobalId('Processor', processorId, 'processorId');
    return toConnection(await context.settlement.events.deadLetters(context.em, id, pageSize(first), decodeCursor(after)), ProcessorDeadLetter.from);
  }
}
