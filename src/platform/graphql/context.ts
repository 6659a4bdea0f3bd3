import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createLedgerLoaders, type LedgerLoaders } from '../../ledger/ledger.loaders.js';
import type { LedgerQueries } from '../../ledger/ledger.queries.js';
import type { LedgerService } from '../../ledger/ledger.service.js';
import type { EventHub } from '../events/event-hub.js';

/** The long-lived parts of the gateway that resolvers reach through their context. */
export interface Services {
  orm: MikroORM;
  ledger: LedgerService;
  queries: LedgerQueries;
  events: EventHub;
}

/**
 * Per-request state: a forked EntityManager and fresh DataLoaders, so no request sees another's
 * identity map or cache. Authentication (the next issue) adds the caller here.
 */
export interface GraphQLContext extends Services {
  requestId: string;
  em: EntityManager;
  loaders: LedgerLoaders;
}

export function createContext(services: Services, requestId: string): GraphQLContext {
  const em = services.orm.em.fork();
  return { ...services, requestId, em, loaders: createLedgerLoaders(em, services.queries) };
}

/** Gives a long-lived context (a subscription's) a fresh EntityManager and loaders for one event. */
export function refreshContext(context: GraphQLContext): GraphQLContext {
  context.em = context.orm.em.fork();
  context.loaders = createLedgerLoaders(context.em, context.queries);
  return context;
}
