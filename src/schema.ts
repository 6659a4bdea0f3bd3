import type { GraphQLSchema } from 'graphql';
import { modules } from './modules.js';
import { buildFolioSchema } from './platform/graphql/schema.js';

let built: Promise<GraphQLSchema> | undefined;

/** The gateway's schema, built once per process from the modules' resolvers (type-graphql's metadata is global). */
export function folioSchema(): Promise<GraphQLSchema> {
  built ??= buildFolioSchema(modules.resolvers, modules.modules.flatMap((module) => (module.describes ? [module.describes] : [])));
  return built;
}
