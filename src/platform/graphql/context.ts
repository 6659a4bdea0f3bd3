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

/** What one request's contexts share: Apollo runs each operation on a copy of the context (below). */
interface RequestScope {
  readonly services: Services;
  em?: EntityManager;
  loaders?: Loaders;
}

const scopeKey = Symbol('request scope');

// Its instances carry every service and the caller as own properties (Object.assign in the constructor).
interface RequestContext extends Services, Caller {}

/**
 * A GraphQLContext whose EntityManager is forked, and whose loaders are built, when a resolver first
 * reads them: a request that reads no row (`{ __typename }`, a refused operation, `login`) costs no
 * fork and no loaders. Both stay assignable, so a subscription's context can be given the scope of
 * each event (event-delivery.ts assigns them with Object.assign, which calls the setters).
 *
 * The state is an own property, not a `#private` field: Apollo hands resolvers a copy of the context
 * (`Object.assign(Object.create(prototype), context)`), which has these accessors but would fail a
 * private field's brand check. The copy shares the scope object, so it forks no second EntityManager.
 */
class RequestContext implements GraphQLContext {
  readonly [scopeKey]: RequestScope;

  constructor(services: Services, caller: Caller, readonly newLoaders: LoaderFactory) {
    Object.assign(this, services, caller);
    this[scopeKey] = { services };
  }

  get em(): EntityManager {
    const scope = this[scopeKey];
    return scope.em ??= scope.services.orm.em.fork();
  }

  set em(em: EntityManager) {
    this[scopeKey].em = em;
  }

  get loaders(): Loaders {
    const scope = this[scopeKey];
    return scope.loaders ??= this.newLoaders(this.em, scope.services);
  }

  set loaders(loaders: Loaders) {
    this[scopeKey].loaders = loaders;
  }
}

export function createContext(services: Services, newLoaders: LoaderFactory, caller: Caller): GraphQLContext {
  return new RequestContext(services, caller, newLoaders);
}
