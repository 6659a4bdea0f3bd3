import { pino, type DestinationStream } from 'pino';
import { currentRequestId } from './request-context.js';

/** pino's levels; LOG_LEVEL must be one of them (config.ts refuses anything else at start). */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Keys whose values never reach a log, at any depth (up to `redactDepthMax`; deeper objects are
 * left out whole), compared without letter case, so header names match too. Request bodies and
 * GraphQL variables are never logged; `variables` is here in case one is logged by mistake.
 *
 * This is a walk in pino's `formatters.log` rather than pino's `redact` paths: pino's paths have no
 * recursive wildcard, and one path per key and depth (`*.*.*.token`) cost about 90 µs a line here,
 * against about 4 µs for the walk, which copies only the objects it changes.
 */
const secretKeys = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key',
  'password', 'currentPassword', 'newPassword', 'oldPassword', 'passwordHash', 'password_hash',
  'token', 'accessToken', 'refreshToken', 'idToken',
  'key', 'apiKey', 'api_key', 'secret', 'secretHash', 'secret_hash', 'jwtSecret', 'clientSecret',
  'connectionParams', 'variables',
].map((key) => key.toLowerCase()));
const censor = '[redacted]';
const redactDepthMax = 12;

/** Fields of a database error that carry a client's data: the failing row, the query, its parameters. */
const databaseErrorData = ['detail', 'where', 'parameters', 'params', 'query', 'sql', 'internalQuery', 'internalPosition', 'position', 'file', 'line'];

function isDatabaseError(e: Record<string, unknown>): boolean {
  if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return false;
  // Scrubbed already (or never carried any): nothing to take out.
  if (!databaseErrorData.some((key) => key in e) && !String(e.message ?? '').includes(' - ')) return false;
  return e.routine !== undefined || e.severity !== undefined || e.sqlState !== undefined;
}

/**
 * A database error as a log may show it: its SQLSTATE, constraint, table and column, and
 * PostgreSQL's own message, never the row, the query or its parameters (MikroORM puts the query
 * before " - " in its message, and the stack's first line repeats the message).
 */
function databaseErrorForLog(plain: Record<string, unknown>): Record<string, unknown> {
  const scrubbed = { ...plain };
  for (const key of databaseErrorData) delete scrubbed[key];
  scrubbed.message = String(plain.message ?? '').split(' - ').at(-1);
  if (typeof plain.stack === 'string') scrubbed.stack = plain.stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  return scrubbed;
}

/**
 * pino's plain form of an error (type, message, stack, cause, own fields). pino folds a cause's
 * message and stack into its wrapper's; when a database error is in the chain, each error keeps
 * its own message and stack and the cause stays apart, so the database error can be scrubbed.
 */
function errorForLog(error: Error): Record<string, unknown> {
  const plain = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const cause = (error as Error & { cause?: unknown }).cause;
  if (!(cause instanceof Error) || !hasDatabaseError(cause)) return plain;
  const ownStack = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  return { ...plain, message: error.message, stack: ownStack, cause: errorForLog(cause) };
}

function hasDatabaseError(error: unknown): boolean {
  for (let e = error, hops = 0; e instanceof Error && hops < 8; e = (e as Error & { cause?: unknown }).cause, hops += 1) {
    if (isDatabaseError(e as unknown as Record<string, unknown>)) return true;
  }
  return false;
}

/** A copy of `value` with every secret key's value replaced by "[redacted]"; `value` itself when it has none. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  if (depth > redactDepthMax) return '[too deep]';
  // An error becomes pino's plain form (type, message, stack, cause, own fields), then is walked.
  if (value instanceof Error) return redactSecrets(errorForLog(value), depth);
  // A database error (or one serialised as another's cause) loses the data it carries first.
  if (isDatabaseError(value as Record<string, unknown>)) return redactSecrets(databaseErrorForLog(value as Record<string, unknown>), depth + 1);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const redacted = redactSecrets(item, depth + 1);
      if (redacted !== item) (copy ??= value.slice())[index] = redacted;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const redacted = item !== undefined && item !== null && secretKeys.has(key.toLowerCase()) ? censor : redactSecrets(item, depth + 1);
    if (redacted !== item) (copy ??= { ...value })[key] = redacted;
  }
  return copy ?? value;
}

/**
 * Where the lines go: stdout, or the file LOG_FILE names (appended, written synchronously so that
 * nothing is lost when the process exits; the test run uses one file for every process). A file
 * that cannot be opened falls back to stdout here; config.ts then stops the process naming LOG_FILE.
 */
function destination(): DestinationStream | undefined {
  const file = process.env.LOG_FILE;
  if (!file) return undefined;
  try {
    return pino.destination({ dest: file, append: true, mkdir: true, sync: true });
  } catch {
    return undefined;
  }
}

/**
 * The level from LOG_LEVEL (read here, at import, because every module logs through this one
 * logger); `warn` under tests unless LOG_LEVEL says otherwise, `info` elsewhere. An unknown level
 * falls back to the default so that the configuration check, not pino, reports it.
 */
function level(): string {
  const given = process.env.LOG_LEVEL;
  if (given && (logLevels as readonly string[]).includes(given)) return given;
  return process.env.NODE_ENV === 'test' ? 'warn' : 'info';
}

/** The process-wide structured logger: JSON lines, secrets redacted, never request bodies. */
export const logger = pino({
  level: level(),
  base: { service: 'folio' },
  formatters: { log: (object) => redactSecrets(object) as Record<string, unknown> },
  // The walk above has already turned errors into pino's plain form; serialising again would lose their type.
  serializers: { err: (error: unknown) => error },
  // Every line written while a request or WebSocket operation runs carries its request id.
  mixin: () => {
    const requestId = currentRequestId();
    return requestId ? { requestId } : {};
  },
}, destination() as DestinationStream);
