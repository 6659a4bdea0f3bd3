import { Arg, Authorized, Ctx, Field, ID, InterfaceType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from './context.js';
import { fromGlobalId, typeOfGlobalId, type IdType } from './global-id.js';
import { InputError } from '../errors.js';

/**
 * Relay's Node: every object with a global id, so a client can refetch any of them by id alone.
 * Each object type's class names its GraphQL type, which resolves the interface.
 */
@InterfaceType({
  description: 'An object with a stable global id (e.g. "acc_42", "ent_1001"); refetch any of them with `node(id:)`.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global id: a type prefix and the row id.' })
  id!: string;
}

/** Loads one object by its row id for `node(id:)`, or null when the caller may not see it. */
export type NodeFetcher = (rowId: string, context: GraphQLContext) => Promise<Node | null>;

const fetchers = new Map<IdType, NodeFetcher>();

/** The gateway registers each module's fetchers (FolioModule.nodes) once at start; a type owned twice is a wiring bug. */
export function registerNodeFetchers(owned: Partial<Record<IdType, NodeFetcher>>): void {
  for (const [type, fetcher] of Object.entries(owned) as [IdType, NodeFetcher][]) {
    if (fetchers.has(type) && fetchers.get(type) !== fetcher) throw new Error(`node(id:) fetcher for ${type} is registered twice`);
    fetchers.set(type, fetcher);
  }
}

/** The object a global id names, through the owning module's fetcher; BAD_USER_INPUT for a non-id. */
export function fetchNode(globalId: string, context: GraphQLContext): Promise<Node | null> {
  const type = typeOfGlobalId(globalId);
  const fetcher = type && fetchers.get(type);
  if (!type || !fetcher) throw InputError.badInput(`"${globalId.slice(0, 40)}" is not a global id`, 'id');
  return fetcher(fromGlobalId(type, globalId), context);
}

/** `node(id:)`: platform's own root field, answered by whichever module owns the id's type. */
@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true, description: 'Any object by its global id (Relay refetching); null when there is none or the caller may not see it.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Node | null> {
    return fetchNode(id, context);
  }
}
