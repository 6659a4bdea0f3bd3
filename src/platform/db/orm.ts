import { fileURLToPath } from 'node:url';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { limits } from '../limits.js';
import { logger } from '../logger.js';

/** The migrations folder, found from this file so it works from src/ and from dist/. */
export const migrationsPath = fileURLToPath(new URL('../../../migrations', import.meta.url));

/**
 * `entities` come from the module list (src/modules.ts: `modules.entities`), platform's own included.
 * `snapshot` is for generating migrations only; at run time the migrator must not write files.
 */
export function ormOptions(url: string, poolMax: number, entities: readonly unknown[], snapshot = false): Options {
  return {
    clientUrl: url,
    entities: [...entities] as Options['entities'],
    extensions: [Migrator],
    pool: { min: 0, max: poolMax },
    // A posting transaction that waits on a row lock longer than this fails and is retried by the
    // writer; an abandoned transaction cannot hold locks for ever.
    // connectionTimeoutMillis bounds both a new connection and the wait for a free one of the pool, so
    // a request during an outage (or a hung server) fails with SERVICE_UNAVAILABLE instead of hanging.
    driverOptions: {
      options: `-c lock_timeout=${limits.lockTimeoutMs} -c idle_in_transaction_session_timeout=${limits.idleInTransactionMs}`,
      connectionTimeoutMillis: limits.dbConnectTimeoutMs,
    },
    debug: false,
    // ORM messages (migrations applied, warnings) go through the JSON logger, not raw console lines.
    logger: (message: string) => logger.info({ component: 'mikro-orm' }, message.replace(/\u001b\[[0-9;]*m/g, '')),
    allowGlobalContext: false,
    // The database's functions are the migrations' (ledger_closed_through, the trigger functions):
    // no entity declares them, so the schema diff must not drop them.
    schemaGenerator: { ignoreRoutines: true },
    migrations: {
      path: migrationsPath,
      pathTs: migrationsPath,
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot,
    },
  };
}

export async function openOrm(url: string, poolMax: number, entities: readonly unknown[], snapshot = false): Promise<MikroORM> {
  return MikroORM.init(ormOptions(url, poolMax, entities, snapshot));
}

/** Applies pending migrations; the schema is never created any other way. */
export async function migrate(orm: MikroORM): Promise<void> {
  await orm.migrator.up();
}
