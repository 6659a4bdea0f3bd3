import 'reflect-metadata';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { authChecker } from '../auth/auth-checker.js';
import type { RootDescriptions } from '../module.js';
import { EventSequenceResolver } from './event-sequence.resolver.js';
import { NodeResolver } from './node.type.js';
import { DateTimeScalar } from './date-time.scalar.js';

/** Platform's own root fields (`node(id:)`, `eventSequence`), beside the modules' resolvers. */
export const platformResolvers = [NodeResolver, EventSequenceResolver] as const;

/** type-graphql has no way to describe the root types; GraphiQL's docs pane shows these first. */
function describeRoots(schema: GraphQLSchema, parts: readonly RootDescriptions[]): GraphQLSchema {
  const list = (key: keyof RootDescriptions) => {
    const items = parts.flatMap((part) => (part[key] ? [part[key]] : []));
    return items.length > 1 ? `${items.slice(0, -1).join('; ')}; and ${items.at(-1)}` : items.join('');
  };
  schema.getQueryType()!.description = `Reads of ${list('query')}.`;
  schema.getMutationType()!.description = `Changes to ${list('mutation')}. Every mutation that moves money takes a client-generated idempotency key.`;
  schema.getSubscriptionType()!.description = `Live changes over graphql-ws at the same URL, resumable from an event sequence number: ${list('subscription')}.`;
  return schema;
}

/**
 * Builds the schema from the modules' resolvers. type-graphql's metadata is global, so a process
 * builds it once (callers memoise it: src/schema.ts).
 */
export function buildFolioSchema(resolvers: readonly Function[], descriptions: readonly RootDescriptions[]): Promise<GraphQLSchema> {
  // Folio's subscriptions use their own `subscribe` (the outbox EventHub, resumable from a cursor);
  // type-graphql still insists on a PubSub for topic-based ones, of which there are none.
  return buildSchema({
    resolvers: [...platformResolvers, ...resolvers] as unknown as NonEmptyArray<Function>,
    authChecker, validate: false, emitSchemaFile: false, pubSub: createPubSub(),
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  }).then((schema) => describeRoots(schema, descriptions));
}
