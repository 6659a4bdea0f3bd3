import { fileURLToPath } from 'node:url';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.js';

/** The migrations folder, found from this file so it works from src/ and from dist/. */
export const migrationsPath = fileURLToPath(new URL('../../../migrations', import.meta.url));

export function ormOptions(url: string, poolMax: number): Options {
  return {
    clientUrl: url,
    entities,
    extensions: [Migrator],
    pool: { min: 0, max: poolMax },
    debug: false,
    allowGlobalContext: false,
    migrations: {
      path: migrationsPath,
      pathTs: migrationsPath,
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: true,
    },
  };
}

export async function openOrm(url: string, poolMax: number): Promise<MikroORM> {
  return MikroORM.init(ormOptions(url, poolMax));
}

/** Applies pending migrations; the schema is never created any other way. */
export async function migrate(orm: MikroORM): Promise<void> {
  await orm.migrator.up();
}
