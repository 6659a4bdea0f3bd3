import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { modules } from '../../src/modules.js';
import { openOrm } from '../../src/platform/db/orm.js';

// The run's database was built by the migrations alone (global-setup). Compared with the entities
// of every module in src/modules.ts, it must need no change: an entity a module forgot to register
// shows here as a table to drop, and a migration nobody wrote as a table or column to add.
describe('the migrations and the entities', () => {
  let orm: MikroORM;
  beforeAll(async () => { orm = await openOrm(inject('databaseUrl'), 2, modules.entities); });
  afterAll(async () => { await orm?.close(); });

  it('agree: the schema diff between the migrated database and the entities is empty', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('notice an entity missing from the list (the diff then drops its table)', async () => {
    const without = await openOrm(inject('databaseUrl'), 2, modules.entities.filter((entity) => (entity as { meta?: { tableName?: string } }).meta?.tableName !== 'payout_run'));
    try {
      expect(await without.schema.getUpdateSchemaSQL({ wrap: false })).toMatch(/drop table if exists "payout_run"/);
    } finally {
      await without.close();
    }
  });
});
