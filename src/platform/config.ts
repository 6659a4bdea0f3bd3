import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Gateway settings, read once from the environment and validated at start. Platform declares its
 * own; each module adds the settings it reads by declaration merging and parses them in its
 * FolioModule.config, so a setting lives beside the code that uses it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Config extends PlatformConfig {}

/** Platform's own settings. */
export interface PlatformConfig {
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
  /** Answer introspection queries (GraphiQL needs them); switch off in production if wanted. */
  introspection: boolean;
  /** Requests per minute from one IP address without valid credentials; 0 switches the limit off. */
  rateLimitIpPerMinute: number;
  /** Requests per second one user or API key may keep up, from any address; 0 switches the limit off. */
  rateLimitCallerPerSecond: number;
  /** Requests one user or API key may make above that rate per burst window (limits.rateLimitCallerBurstWindowSeconds). */
  rateLimitCallerBurst: number;
  /** Failed logins for one email from one IP address per login window (15 minutes) before its logins are refused. */
  loginFailuresMax: number;
  /** Redis for the rate-limit counters; when absent they live in PostgreSQL. */
  redisUrl: string | undefined;
  /** NATS with JetStream: the outbox's events are published to it (broker-publisher.ts); off without it. */
  natsUrl: string | undefined;
  /** The JetStream stream the events go to (subjects `folio.>`). */
  natsStream: string;
  /** Prefix of every rate-limit counter's key, so gateways sharing a store can keep separate counts. */
  rateLimitKeyPrefix: string;
  /** The window LOGIN_FAILURES_MAX counts failed logins in (and how long a blocked login waits at most). */
  loginFailureWindowSeconds: number;
  /** Express `trust proxy`: how many proxies in front may set X-Forwarded-For (0: none). */
  trustProxyHops: number;
  /** When set, GET /metrics requires `Authorization: Bearer <this>`. */
  metricsToken: string | undefined;
  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  shutdownTimeoutMs: number;
  /**
   * The outbox's retention window: an event is deleted once it is older than this (by the time
   * its transaction wrote it) or no longer among the newest `eventRetentionEvents`, whichever
   * comes first. A subscription may resume `after` any sequence still inside the window.
   */
  eventRetentionSeconds: number;
  /** The newest events the outbox keeps at most (the count half of the window). */
  eventRetentionEvents: number;
  /** How often each gateway's retention worker looks for events outside the window. */
  eventRetentionIntervalMs: number;
}

export function currenciesVar(env: NodeJS.ProcessEnv, name: string, fallback: string): string[] {
  const raw = env[name] || fallback;
  const codes = raw.split(',').map((code) => code.trim()).filter(Boolean);
  const known = new Set(Intl.supportedValuesOf('currency'));
  if (codes.length === 0 || codes.some((code) => !/^[A-Z]{3}$/.test(code) || !known.has(code))) {
    throw new ConfigError(`${name} must be a comma-separated list of ISO 4217 codes, got "${raw}"`);
  }
  return [...new Set(codes)];
}

export function choiceVar<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!choices.includes(raw as T)) throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return raw as T;
}

export class ConfigError extends Error {}

export function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function urlVar(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) throw new Error('protocol');
    return raw;
  } catch {
    // The value may hold a password: name the variable, not the value.
    throw new ConfigError(`${name} must be a ${protocols[0]}// URL`);
  }
}

const jwtSecretBytesMin = 32;

/**
 * JWT_SECRET when given (at least 32 bytes). Otherwise, outside production, a random development key
 * kept in `<data dir>/jwt-secret` (mode 0600, never committed: .data is ignored), so tokens survive
 * a restart. Production without JWT_SECRET is a configuration error, not a silent default.
 */
export function jwtSecretVar(env: NodeJS.ProcessEnv, dataDir: string): Uint8Array {
  return new TextEncoder().encode(secretVar(env, 'JWT_SECRET', dataDir, 'jwt-secret', jwtSecretBytesMin));
}

/**
 * A server secret: the variable when set (at least `minBytes` long), else, outside production, a
 * development secret made on first start in `<dataDir>/<file>` (mode 0600) and read back after.
 */
export function secretVar(env: NodeJS.ProcessEnv, name: string, dataDir: string, fileName: string, minBytes: number): string {
  const raw = env[name];
  if (raw !== undefined && raw !== '') {
    if (Buffer.byteLength(raw) < minBytes) throw new ConfigError(`${name} must be at least ${minBytes} bytes long`);
    return raw;
  }
  if (env.NODE_ENV === 'production') throw new ConfigError(`${name} must be set when NODE_ENV=production`);
  const file = path.join(dataDir, fileName);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: read theirs.
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function textVar(env: NodeJS.ProcessEnv, name: string, minBytes: number): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (Buffer.byteLength(raw) < minBytes) throw new ConfigError(`${name} must be at least ${minBytes} bytes long`);
  return raw;
}

/** A short label of letters, digits and `_ . -` (it goes into keys of a shared store). */
export function keyPrefixVar(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[\w.-]{1,64}$/.test(raw)) throw new ConfigError(`${name} must be 1 to 64 letters, digits, "_", "." or "-", got "${raw}"`);
  return raw;
}

/** A JetStream stream's name: letters, digits, "_" and "-" (no dots, wildcards or spaces). */
export function streamNameVar(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(raw)) throw new ConfigError(`${name} must be 1 to 64 letters, digits, "_" or "-", got "${raw}"`);
  return raw;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_FILE (read by logger.ts at import): its folder must exist or be creatable, and the file writable. */
function checkLogFile(env: NodeJS.ProcessEnv): void {
  const file = env.LOG_FILE;
  if (file === undefined || file === '') return;
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    if (fs.existsSync(file)) {
      if (fs.statSync(file).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      fs.accessSync(file, fs.constants.W_OK);
    }
  } catch (error) {
    throw new ConfigError(`LOG_FILE must be a file this process can write, got "${file}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * A variable an earlier version read: refused, not ignored, so a deployment that still sets it
 * learns what replaced it instead of running with a limit it did not choose.
 */
function refuseRetired(env: NodeJS.ProcessEnv, name: string, replacement: string): void {
  if (env[name] !== undefined && env[name] !== '') throw new ConfigError(`${name} is no longer read: set ${replacement} instead`);
}

/** Where local state lives (the embedded PostgreSQL, the development JWT key): DATA_DIR or .data. */
export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.DATA_DIR || '.data');
}

/** Reads platform's part of the configuration; throws ConfigError naming the variable that is wrong. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const embeddedPgPort = intVar(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535);
  if (embeddedPgPort === 5432) {
    throw new ConfigError('EMBEDDED_PG_PORT must not be 5432: that port belongs to a real PostgreSQL');
  }
  const logLevel = env.LOG_LEVEL;
  if (logLevel && !logLevels.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  checkLogFile(env);
  refuseRetired(env, 'RATE_LIMIT_CALLER_PER_MINUTE', 'RATE_LIMIT_CALLER_PER_SECOND and RATE_LIMIT_CALLER_BURST');
  const dataDir = dataDirOf(env);
  return {
    port: intVar(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: urlVar(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir,
    embeddedPgPort,
    dbPoolMax: intVar(env, 'DB_POOL_MAX', 20, 2, 500),
    graphiql: boolVar(env, 'GRAPHIQL', true),
    introspection: boolVar(env, 'INTROSPECTION', true),
    rateLimitIpPerMinute: intVar(env, 'RATE_LIMIT_IP_PER_MINUTE', 100, 0, 1_000_000),
    rateLimitCallerPerSecond: intVar(env, 'RATE_LIMIT_CALLER_PER_SECOND', 20, 0, 100_000),
    rateLimitCallerBurst: intVar(env, 'RATE_LIMIT_CALLER_BURST', 200, 0, 1_000_000),
    loginFailuresMax: intVar(env, 'LOGIN_FAILURES_MAX', 5, 1, 1_000),
    redisUrl: urlVar(env, 'REDIS_URL', ['redis:', 'rediss:']),
    natsUrl: urlVar(env, 'NATS_URL', ['nats:', 'tls:']),
    natsStream: streamNameVar(env, 'NATS_STREAM', 'FOLIO'),
    rateLimitKeyPrefix: keyPrefixVar(env, 'RATE_LIMIT_KEY_PREFIX', 'folio'),
    loginFailureWindowSeconds: intVar(env, 'LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
    trustProxyHops: intVar(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    metricsToken: textVar(env, 'METRICS_TOKEN', 16),
    shutdownTimeoutMs: intVar(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    // 7 days: a client offline over a long weekend still resumes. 10 million events: the outbox
    // stays a few GB whatever the load (README: configuration).
    eventRetentionSeconds: intVar(env, 'EVENT_RETENTION_SECONDS', 7 * 86_400, 60, 10 * 365 * 86_400),
    eventRetentionEvents: intVar(env, 'EVENT_RETENTION_EVENTS', 10_000_000, 1, 1_000_000_000_000),
    eventRetentionIntervalMs: intVar(env, 'EVENT_RETENTION_INTERVAL_MS', 60_000, 100, 3_600_000),
  };
}
