import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printFolioSchema } from '../src/print-schema.js';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema` after changing resolvers or types)', async () => {
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(await printFolioSchema()).toBe(committed);
  });

  it('describes every type and field, so GraphiQL’s docs pane explains the ledger', async () => {
    const { folioSchema } = await import('../src/schema.js');
    const schema = await folioSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Boolean', 'ID', 'Float'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
