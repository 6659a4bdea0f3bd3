import type { EntityManager } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { access, mergeAccessRows } from './auth/access-rows.js';
import type { Config, PlatformConfig } from './config.js';
import { platformEntities } from './db/platform-entities.js';
import type { LoaderFactory } from './graphql/context.js';
import { registerNodeFetchers } from './graphql/node.type.js';
import { registerIdPrefixes } from './ids.js';
import { logger } from './logger.js';
import type { BrokerEventSpec } from './events/broker-publisher.js';
import type { BusinessGauge } from './business-gauges.js';
import type { BackgroundWorker, FolioModule, Loaders, Platform, PlatformServices, RouteGuards, Services } from './module.js';

/**
 * The gateway's modules, checked and put together: what app.ts wires (entities, resolvers, loaders,
 * routes, workers) comes from here, so platform and app.ts name no module. The list's order is the
 * start order; a module listed before one it depends on is refused at start.
 */
export class ModuleSet {
  constructor(readonly modules: readonly FolioModule[]) {
    const seen = new Set<string>();
    for (const module of modules) {
      if (seen.has(module.name)) throw new Error(`module ${module.name} is listed twice in src/modules.ts`);
      const missing = module.dependsOn.filter((name) => !seen.has(name));
      if (missing.length) throw new Error(`module ${module.name} depends on ${missing.join(', ')}: list it after them in src/modules.ts`);
      seen.add(module.name);
      // Each module's ids file registered these on import; a descriptor that disagrees with it throws here.
      registerIdPrefixes(module.idPrefixes);
    }
  }

  /** Every ORM entity: platform's (the outbox, the simulated processor's payments) and each module's. */
  get entities(): unknown[] {
    return [...platformEntities, ...this.modules.flatMap((module) => module.entities)];
  }

  get resolvers(): Function[] {
    return this.modules.flatMap((module) => module.resolvers);
  }

  get accessMatrix() {
    // node(id:) is platform's: each module's fetcher applies that module's own visibility rules.
    return mergeAccessRows([{ Query: { node: access.ownOrStaff, eventSequence: access.signedIn } }, ...this.modules.map((module) => module.access)]);
  }

  /** Platform's configuration with each module's part merged in. */
  config(platform: PlatformConfig, env: NodeJS.ProcessEnv): Config {
    return Object.assign({}, platform, ...this.modules.map((module) => module.config?.(env) ?? {})) as Config;
  }

  /** Builds every module's loaders for one EntityManager. */
  readonly loaders: LoaderFactory = (em: EntityManager, services: Services) =>
    Object.assign({}, ...this.modules.map((module) => module.loaders?.(em, services) ?? {})) as Loaders;

  /**
   * Starts the modules in order, each given the services of those before it, then their workers.
   * A module that fails to start stops those already started before the error goes on.
   */
  async start(platform: Platform, base: PlatformServices): Promise<StartedModules> {
    for (const module of this.modules) registerNodeFetchers(module.nodes);
    const services = { ...base } as Services;
    const started: FolioModule[] = [];
    try {
      for (const module of this.modules) {
        // What the modules started before it hand it in their own name (the ledger's view that
        // counts its entries as this module's).
        const view = started.reduce((seen, earlier) => Object.assign(seen, earlier.scope?.(services, module.name)), { ...services });
        Object.assign(services, await module.start(platform, view));
        started.push(module);
      }
      if (!services.authenticator) throw new Error('no module provides the authenticator (identity must be in src/modules.ts)');
    } catch (error) {
      await stopModules(started, services);
      throw error;
    }
    const workers = this.modules.flatMap((module) => module.workers?.(services, platform) ?? []);
    for (const worker of workers) worker.start();
    return new StartedModules(started, services, workers);
  }

  /** Every module's business gauges (/metrics). */
  gauges(): BusinessGauge[] {
    return this.modules.flatMap((module) => [...(module.gauges ?? [])]);
  }

  /** Every module's outbox event types as they go to the broker; two modules naming one type is a wiring bug. */
  brokerEvents(): Map<string, BrokerEventSpec> {
    const specs = new Map<string, BrokerEventSpec>();
    for (const module of this.modules) {
      for (const [type, spec] of Object.entries(module.events ?? {})) {
        if (specs.has(type)) throw new Error(`event type ${type} is declared by two modules`);
        specs.set(type, spec);
      }
    }
    return specs;
  }

  /** Mounts each module's HTTP routes on the router (beside /graphql). */
  mountRoutes(router: Router, services: Services, guards: RouteGuards): void {
    for (const module of this.modules) module.routes?.(router, services, guards);
  }
}

async function stopModules(modules: readonly FolioModule[], services: Services): Promise<void> {
  for (const module of [...modules].reverse()) {
    try {
      await module.stop?.(services);
    } catch (error) {
      logger.error({ err: error, module: module.name }, 'module failed to stop cleanly');
    }
  }
}

/** The running modules: stopped in reverse, every worker first (their last work goes through the modules). */
export class StartedModules {
  constructor(private readonly modules: readonly FolioModule[], readonly services: Services, private readonly workers: readonly BackgroundWorker[]) {}

  async stop(): Promise<void> {
    for (const worker of [...this.workers].reverse()) await worker.stop();
    await stopModules(this.modules, this.services);
  }
}
