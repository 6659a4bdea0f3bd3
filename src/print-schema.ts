// Writes schema.graphql from the code: `npm run schema`. A test fails when the file drifts.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSchema, lexicographicSortSchema } from 'graphql';
import { folioSchema } from './schema.js';

export async function printFolioSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await folioSchema()))}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(new URL('../schema.graphql', import.meta.url), await printFolioSchema());
  console.log('wrote schema.graphql');
}
