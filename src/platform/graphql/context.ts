import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal.js';
import type { Loaders, Services } from '../module.js';

export type { Loaders, Services } from '../module.js';

/** Who sent a request and from where, as the HTTP or WebSocket entry point found it. */
export interface Caller {
  requestId: string;
  principal?: Principal;
  /** Why credentials that were sent were refused (expired, revoked, ...). */
  authFailure?: string;
  /** The client's address (after TRUST_PROXY_HOPS), for rate limits. */
  ip: string;
}

/** Every module's DataLoaders for one EntityManager, as the gateway assembled them from the modules. */
export type LoaderFactory = (em: EntityManager, services: Services) => Loaders;

/**
 * Per-request state: the caller, a forked EntityManager and fresh DataLoaders, so no request sees
 * another's identity map or cache.
 */
export interface GraphQLContext extends Services, Caller {
  em: EntityManager;
  loaders: Loaders;
  /** Builds fresh loaders: a subscription's long-lived context gets new ones for each event (event-delivery.ts). */
  newLoaders: LoaderFactory;
}

export function createContext(services: Services, newLoaders: LoaderFactory, caller: Caller): GraphQLContext {
  const em = services.orm.em.fork();
  return { ...services, ...caller, em, loaders: newLoaders(em, services), newLoaders };
}
