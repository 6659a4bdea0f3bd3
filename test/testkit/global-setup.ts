import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/platform/db/embedded-postgres.js';
import { migrate, openOrm } from '../../src/platform/db/orm.js';
import { modules } from '../../src/modules.js';
import { leakReport, readSecrets, scanLog } from './log-scan.js';

declare module 'vitest' {
  export interface ProvidedContext { databaseUrl: string }
}

let embedded: EmbeddedDatabase | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

/** Creates a fresh database on the server DATABASE_URL names; the URL of the new one. */
async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `folio_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`cannot reach the PostgreSQL in DATABASE_URL (${serverUrl}): ${(error as Error).message}. ` +
      'Start it, or unset DATABASE_URL to test against the embedded PostgreSQL.');
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The run's log and secrets files. Set here, before any test process starts, so that every test
 * process and every gateway process they spawn inherits them: all of them log (at info, request
 * lines included) to one file instead of the console, and record the secrets they use in another.
 */
async function logAndSecretFiles(): Promise<{ dir: string; logFile: string; secretsFile: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'folio-test-run-'));
  const logFile = path.join(dir, 'folio.log');
  const secretsFile = path.join(dir, 'secrets.txt');
  process.env.LOG_FILE = logFile;
  process.env.FOLIO_TEST_SECRETS_FILE = secretsFile;
  if (!['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '')) process.env.LOG_LEVEL = 'info';
  return { dir, logFile, secretsFile };
}

/**
 * The log scan, at the end of the run: a password, token or API key that any test sent or received
 * and that appears in the run's log fails the run, naming its kind and where (never the secret).
 */
async function scanRunLog(files: { dir: string; logFile: string; secretsFile: string }): Promise<void> {
  const secrets = readSecrets(files.secretsFile);
  const leaks = scanLog(files.logFile, secrets);
  if (leaks.length > 0) throw new Error(`log scan: ${leakReport(leaks)}
(the run's log is kept in ${files.dir})`);
  console.log(`log scan: none of ${secrets.length} secrets used by the tests is in the run's log`);
  await fs.rm(files.dir, { recursive: true, force: true });
}

/**
 * One database for the whole run, migrated once: the real PostgreSQL of DATABASE_URL (a fresh
 * database on it), or else an embedded one. Tests make their own accounts, so they share it safely.
 */
/** The web app's build (app/dist), made when a source is newer, as `npm start` does: the app's test serves it. */
function buildApp(): void {
  const result = spawnSync(process.execPath, ['scripts/app-build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the web app did not build (scripts/app-build.mjs)');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildApp();
  const runFiles = await logAndSecretFiles();
  let url: string;
  if (process.env.DATABASE_URL) {
    url = await freshDatabase(process.env.DATABASE_URL);
  } else {
    const dir = path.resolve('.data', `test-pg-${process.pid}`);
    await fs.rm(dir, { recursive: true, force: true });
    embedded = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false, fast: true });
    url = embedded.url;
  }
  const orm = await openOrm(url, 2, modules.entities);
  await migrate(orm);
  await orm.close();
  project.provide('databaseUrl', url);
  return async () => {
    await dropDatabase?.();
    await embedded?.stop();
    await scanRunLog(runFiles);
  };
}
