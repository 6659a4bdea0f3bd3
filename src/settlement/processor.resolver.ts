import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { isStaff } from '../platform/auth/principal.js';
import { staffRoles } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import type { NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { ProcessorEventEntity, type ProcessorEventRow } from './processor-event.entity.js';
import { ProcessorEvent } from './processor-event.type.js';
import { fromGlobalId } from './settlement.ids.js';
import { RegisterProcessorInput, RotateProcessorSecretInput } from './settlement.input.js';
import { Processor, ProcessorConnection, ProcessorWithSecret } from './processor.type.js';


export const settlementNodes: Partial<Record<IdType, NodeFetcher>> = {
  Processor: async (id, context) => {
    if (!isStaff(context.principal)) return null;
    const [row] = await context.settlement.processors.byIds([id]);
    return row ? Processor.from(row) : null;
  },
  ProcessorEvent: async (id, context) => {
    if (!isStaff(context.principal)) return null;
    const row = await context.em.findOne(ProcessorEventEntity, { id });
    return row ? ProcessorEvent.from(row as ProcessorEventRow) : null;
  },
};

const withSecret = ({ row, signingSecret }: { row: Parameters<typeof Processor.from>[0]; signingSecret: string }) =>
  Object.assign(new ProcessorWithSecret(), { processor: Processor.from(row), signingSecret });

@Resolver()
export class ProcessorResolver {
  @Authorized(...staffRoles)
  @Query(() => ProcessorConnection, { description: 'Payment processors, newest first; at most 100 a page (staff).' })
  async processors(
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ProcessorConnection> {
    return toConnection(await context.settlement.processors.list(pageSize(first), decodeCursor(after)), (row) => Processor.from(row));
  }

  @Authorized(...staffRoles)
  @Mutation(() => ProcessorWithSecret, { description: 'Registers a payment processor and issues its webhook signing secret, shown only in this answer (staff). Errors: BAD_USER_INPUT, PROCESSOR_SLUG_TAKEN.' })
  async registerProcessor(@Arg('input', () => RegisterProcessorInput) input: RegisterProcessorInput, @Ctx() context: GraphQLContext): Promise<ProcessorWithSecret> {
    return withSecret(await context.settlement.processors.register(input));
  }

  @Authorized(...staffRoles)
  @Mutation(() => ProcessorWithSecret, { description: 'Issues a new signing secret, shown only in this answer; the one it replaces keeps verifying for 24 hours, so the processor can switch without losing a delivery (staff). Errors: BAD_USER_INPUT, NOT_FOUND.' })
  async rotateProcessorSecret(@Arg('input', () => RotateProcessorSecretInput) input: RotateProcessorSecretInput, @Ctx() context: GraphQLContext): Promise<ProcessorWithSecret> {
    return withSecret(await context.settlement.processors.rotate(fromGlobalId('Processor', input.id)));
  }
}
