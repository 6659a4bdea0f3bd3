import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { RequestHandler, Router } from 'express';
import type { AccessRows } from './auth/access-rows.js';
import type { Authentication } from './auth/authentication.js';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { Config } from './config.js';
import type { EventHub } from './events/event-hub.js';
import type { BrokerEventSpec } from './events/broker-publisher.js';
import type { BusinessGauge } from './business-gauges.js';
import type { Invalidations } from './events/invalidations.js';
import type { OutboxRelay } from './events/outbox-relay.js';
import type { UnitsOfWork } from './db/unit-of-work.js';
import type { NodeFetcher } from './graphql/node.type.js';
import type { IdType } from './ids.js';
import type { GatewayMetrics } from './metrics.js';

/**
 * The long-lived parts of the gateway that resolvers reach through their context. Platform declares
 * its own here; each module adds the services its `start` returns by declaration merging
 * (`declare module '../platform/module.js' { interface Services { wallets: WalletModule } }`), so a
 * resolver reaches `context.wallets` with its type and platform names no module.
 */
export interface Services extends PlatformServices {
  /**
   * Reads a request's credentials for HTTP and WebSocket. Platform needs one and implements none:
   * a module (identity) provides it, and the gateway refuses to start without it.
   */
  authenticator: CredentialReader;
}

/** The services platform itself starts, before any module. */
export interface PlatformServices {
  orm: MikroORM;
  events: EventHub;
  /** Caches kept exact across gateways: a change NOTIFYs its invalidation in its own transaction. */
  invalidations: Invalidations;
  /** Failed logins per email + IP and per IP, in the shared rate-limit store. */
  loginThrottle: LoginThrottle;
  /** Transactions with no money in them, events published after commit (money goes through the ledger's). */
  work: UnitsOfWork;
}

/** Turns an `Authorization` header (or a WebSocket's connectionInit credential) into a principal. */
export interface CredentialReader {
  authenticate(authorization: string | undefined): Promise<Authentication>;
}

/** Per-request DataLoaders; each module adds its own by declaration merging, as with Services. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Loaders {}

/** What platform hands a starting module besides the services of the modules started before it. */
export interface Platform {
  orm: MikroORM;
  config: Config;
  databaseUrl: string;
  metrics: GatewayMetrics;
  relay: OutboxRelay;
}

/** A background job a module runs (a poller, a sweeper): started after every module, stopped first. */
export interface BackgroundWorker {
  readonly name: string;
  start(): void;
  /** Resolves when the work under way has finished. */
  stop(): Promise<void>;
}

/** What a module says about itself in one line of the root types' descriptions (GraphiQL's docs pane). */
export interface RootDescriptions {
  query?: string;
  mutation?: string;
  subscription?: string;
}

/**
 * A module of Folio as it registers itself in src/modules.ts: everything the gateway wires for it.
 * `start` gets the services of the modules it depends on (started before it) and returns its own,
 * which are merged into Services; `stop` runs in reverse order, after every worker has stopped.
 */
export interface FolioModule<Provided extends Partial<Services> = Partial<Services>> {
  readonly name: string;
  /** Modules whose services `start` reads; the list in src/modules.ts must start them first. */
  readonly dependsOn: readonly string[];
  /** Every ORM entity of the module's tables (a forgotten one fails the migrations-agree test). */
  readonly entities: readonly unknown[];
  /**
   * type-graphql resolver classes, field resolvers and subscriptions included. A subscription's
   * stream comes from `services.events.stream(after, expand, { route })`: `route` names the keys
   * (accounts, users) its events concern, so an event wakes only its subscribers. The platform gives
   * each event one EntityManager and one set of loaders, and executes each distinct selection once
   * for all subscribers with the same document, variables, roles and owner scope: so a payload's
   * field resolvers may depend on the caller through its roles and owner scope only.
   */
  readonly resolvers: readonly (new (...args: never[]) => unknown)[];
  /** Global-id prefixes of the object types the module owns (`{ Wallet: 'wal' }`). */
  readonly idPrefixes: Readonly<Record<string, string>>;
  /** How `node(id:)` loads each of its object types, with the module's own visibility rules. */
  readonly nodes: Partial<Record<IdType, NodeFetcher>>;
  /** The module's stable error codes, in precedence order: an input that breaks two rules gets the earlier one. */
  readonly errorCodes: readonly string[];
  /** Who may call each of its root fields; the authorisation matrix test checks every row. */
  readonly access: AccessRows;
  /** Reads the module's part of the configuration; throws ConfigError naming a bad variable. */
  readonly config?: (env: NodeJS.ProcessEnv) => Partial<Config>;
  /** Its per-request DataLoaders, built fresh for each request and each subscription event. */
  readonly loaders?: (em: EntityManager, services: Services) => Partial<Loaders>;
  /**
   * Plain HTTP routes it mounts beside /graphql: a processor's webhook (signed, no caller), or a
   * download in the caller's own credentials, which puts `guards.caller` before its handler.
   */
  readonly routes?: (router: Router, services: Services, guards: RouteGuards) => void;
  /**
   * The outbox event types it writes, as they go to the broker (NATS_URL): subject, schema
   * version, and what the payload holds. A type left out goes to `folio.events.<type>`.
   */
  readonly events?: Readonly<Record<string, BrokerEventSpec>>;
  /** The figures of its own a dashboard graphs, read from the database at a scrape of /metrics. */
  readonly gauges?: readonly BusinessGauge[];
  /** What it adds to the descriptions of Query, Mutation and Subscription. */
  readonly describes?: RootDescriptions;
  start(platform: Platform, services: Services): Promise<Provided>;
  /**
   * Its services as a module started after it gets them, by that module's name: the ledger's
   * view that counts that module's entries under its name (folio_ledger_entries_total{module}).
   */
  readonly scope?: (services: Services, module: string) => Partial<Services>;
  /** The background workers it runs, built once every module has started. */
  readonly workers?: (services: Services, platform: Platform) => BackgroundWorker[];
  stop?(services: Services): Promise<void>;
}

/** The platform's middleware a module's plain HTTP route puts before its handler. */
export interface RouteGuards {
  /**
   * The caller authenticated (`res.locals.caller`) and counted against the same per-caller and
   * per-address rate limits as /graphql, so a download cannot be used to get around them.
   */
  readonly caller: readonly RequestHandler[];
}

/** Declares a module; only a helper for the types (Provided is inferred from `start`). */
export function defineModule<Provided extends Partial<Services>>(module: FolioModule<Provided>): FolioModule<Provided> {
  return module;
}
