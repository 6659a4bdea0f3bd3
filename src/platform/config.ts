import path from 'node:path';

/** Gateway settings, read once from the environment and validated at start. */
export interface Config {
  /** HTTP port of the gateway. */
  port: number;
  /** Interface the gateway binds to. */
  host: string;
  /** A PostgreSQL URL; when absent, Folio starts its embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its data (and other local state). */
  dataDir: string;
  /** Port of the embedded PostgreSQL; never 5432, which a real server often has. */
  embeddedPgPort: number;
  /** Connections in the database pool of one gateway process. */
  dbPoolMax: number;
  /** Serve GraphiQL at GET /graphql. */
  graphiql: boolean;
}

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function urlVar(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('protocol');
    return raw;
  } catch {
    throw new ConfigError(`${name} must be a postgres:// URL, got "${raw}"`);
  }
}

/** Reads the configuration; throws ConfigError naming the variable that is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const embeddedPgPort = intVar(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535);
  if (embeddedPgPort === 5432) {
    throw new ConfigError('EMBEDDED_PG_PORT must not be 5432: that port belongs to a real PostgreSQL');
  }
  return {
    port: intVar(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: urlVar(env, 'DATABASE_URL'),
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    embeddedPgPort,
    dbPoolMax: intVar(env, 'DB_POOL_MAX', 20, 2, 500),
    graphiql: boolVar(env, 'GRAPHIQL', true),
  };
}
