import { FolioError } from '../errors.js';
import { limits } from '../limits.js';

/**
 * SQLSTATEs that mean the server cannot serve this session now, not that the request was wrong:
 * class 08 (connection exception), admin/crash shutdown, "the database system is starting up",
 * and too many connections.
 */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors of a server that is gone or not listening. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres and its pool say these in words only (no code). */
const driverMessages = [
  /^Connection terminated/,
  /connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Connection is closed/,
];

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  // Bounded: a cause chain may be long, or even a cycle.
  for (let current = error; current && chain.length < 8; current = (current as { cause?: unknown }).cause) chain.push(current);
  return chain;
}

/** Whether an error means the database is unreachable (down, restarting, refusing sessions), at any depth of its causes. */
export function databaseUnavailable(error: unknown): boolean {
  return causes(error).some((cause) => {
    if (!(cause instanceof Error)) return false;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('08') && code.length === 5 || unavailableStates.has(code) || socketCodes.has(code))) return true;
    return driverMessages.some((pattern) => pattern.test(cause.message));
  });
}

/**
 * The answer to a request that needed the database while it was unreachable: HTTP 503 with
 * Retry-After, WebSocket close 1013 (try again later). The client retries as it is (a money
 * mutation under the same idempotency key), so nothing is lost or done twice.
 */
export class ServiceUnavailableError extends FolioError {
  constructor(why = 'the database is unreachable') {
    super('SERVICE_UNAVAILABLE', `${why}: retry in ${limits.unavailableRetryAfterSeconds} seconds`, {
      retryAfterSeconds: limits.unavailableRetryAfterSeconds,
    });
    this.name = 'ServiceUnavailableError';
  }
}
