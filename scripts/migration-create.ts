// Generates a migration from the difference between the entities and the migrations so far,
// by MikroORM's migrator. The entities are the modules' (src/modules.ts): one the list lacks is
// not in the diff, and the migrations-agree test fails. Usage: npm run migration:create -- [--blank] [name]
import { openOrm } from '../src/platform/db/orm.js';
import { modules } from '../src/modules.js';
import { startEmbeddedPostgres, freePort } from '../src/platform/db/embedded-postgres.js';
import path from 'node:path';

const blank = process.argv.includes('--blank');
const name = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const db = await startEmbeddedPostgres({ dir: path.resolve('.data/migration-gen'), port: await freePort(), persistent: false, fast: true });
const orm = await openOrm(db.url, 2, modules.entities, true);
try {
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, blank, false, name);
  console.log(result.fileName ? `created ${result.fileName}` : 'no changes');
} finally {
  await orm.close();
  await db.stop();
}
