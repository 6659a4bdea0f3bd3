import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Authenticator } from '../../identity/authenticator.js';
import type { IdentityService } from '../../identity/identity.service.js';
import { createLedgerLoaders, type LedgerLoaders } from '../../ledger/ledger.loaders.js';
import type { LedgerQueries } from '../../ledger/ledger.queries.js';
import type { LedgerService } from '../../ledger/ledger.service.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { Principal } from '../auth/principal.js';
import type { EventHub } from '../events/event-hub.js';
import { createWalletLoaders, type WalletLoaders } from '../../wallets/wallet.loaders.js';
import type { WalletModule } from '../../wallets/index.js';
import type { PayoutModule } from '../../payouts/index.js';
import { createPayoutLoaders, type PayoutLoaders } from '../../payouts/payout.loaders.js';

/** The long-lived parts of the gateway that resolvers reach through their context. */
export interface Services {
  orm: MikroORM;
  ledger: LedgerService;
  queries: LedgerQueries;
  events: EventHub;
  authenticator: Authenticator;
  identity: IdentityService;
  /** Failed logins per email + IP and per IP, in the shared rate-limit store. */
  loginThrottle: LoginThrottle;
  /** Wallets, deposits, transfers and withdrawals. */
  wallets: WalletModule;
  /** Payouts and payout runs. */
  payouts: PayoutModule;
}

/** Who sent a request and from where, as the HTTP or WebSocket entry point found it. */
export interface Caller {
  requestId: string;
  principal?: Principal;
  /** Why credentials that were sent were refused (expired, revoked, ...). */
  authFailure?: string;
  /** The client's address (after TRUST_PROXY_HOPS), for rate limits. */
  ip: string;
}

/**
 * Per-request state: the caller, a forked EntityManager and fresh DataLoaders, so no request sees
 * another's identity map or cache.
 */
export interface GraphQLContext extends Services, Caller {
  em: EntityManager;
  loaders: LedgerLoaders & WalletLoaders & PayoutLoaders;
}

function loadersFor(em: EntityManager, services: Services): GraphQLContext['loaders'] {
  return { ...createLedgerLoaders(em, services.queries), ...createWalletLoaders(em, services.wallets.queries, services.identity.queries), ...createPayoutLoaders(services.payouts.queries) };
}

export function createContext(services: Services, caller: Caller): GraphQLContext {
  const em = services.orm.em.fork();
  return { ...services, ...caller, em, loaders: loadersFor(em, services) };
}

/** Gives a long-lived context (a subscription's) a fresh EntityManager and loaders for one event. */
export function refreshContext(context: GraphQLContext): GraphQLContext {
  context.em = context.orm.em.fork();
  context.loaders = loadersFor(context.em, context);
  return context;
}
