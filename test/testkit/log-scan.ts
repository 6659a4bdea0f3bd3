import fs from 'node:fs';

/** Secrets shorter than this are not scanned for: they would match ordinary text by chance. */
export const scannedSecretLengthMin = 8;

/** Where a secret was found; never the secret itself. */
export interface Leak {
  kind: string;
  file: string;
  line: number;
  /** The JSON path of the field that holds it (`err.message`), or `(not JSON)`. */
  field: string;
  /** The line's `msg`, when that is not where the secret is. */
  msg?: string;
}

/** What a secret is, told by its shape (recordSecret stores the bare value). */
export function secretKind(secret: string): string {
  if (/^eyJ[\w-]*\.[\w-]*\.[\w-]*$/.test(secret)) return 'JWT access token';
  if (secret.startsWith('frt_')) return 'refresh token';
  if (secret.startsWith('folio_')) return 'API key';
  return 'password or other secret';
}

/**
 * The strings to look for: the whole secret, and the part that is secret on its own (an API key's
 * secret after its public id; a JWT's signature), so a log that cut a credential in two is caught.
 */
function needles(secret: string): string[] {
  const parts = [secret];
  const apiKey = /^folio_[a-z0-9]{16}_([\w-]{43})$/.exec(secret);
  if (apiKey) parts.push(apiKey[1]);
  const jwt = /^eyJ[\w-]*\.[\w-]*\.([\w-]{20,})$/.exec(secret);
  if (jwt) parts.push(jwt[1]);
  return parts;
}

function fieldHolding(value: unknown, needle: string, path: string): string | undefined {
  if (typeof value === 'string') return value.includes(needle) ? path || '(the line)' : undefined;
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(needle)) return `${path ? `${path}.` : ''}(a key)`;
      const found = fieldHolding(item, needle, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

function describe(file: string, lines: string[], index: number, needle: string, kind: string): Leak {
  let field = '(not JSON)';
  let msg: string | undefined;
  try {
    const parsed = JSON.parse(lines[index]) as { msg?: unknown };
    field = fieldHolding(parsed, needle, '') ?? '(escaped in the JSON)';
    if (typeof parsed.msg === 'string' && !parsed.msg.includes(needle)) msg = parsed.msg;
  } catch { /* not a JSON line: say so */ }
  return { kind, file, line: index + 1, field, msg };
}

/** Reads the secrets file (one secret a line) and returns the distinct ones worth scanning for. */
export function readSecrets(secretsFile: string): string[] {
  if (!fs.existsSync(secretsFile)) return [];
  const secrets = fs.readFileSync(secretsFile, 'utf8').split('\n').filter((s) => s.length >= scannedSecretLengthMin);
  return [...new Set(secrets)];
}

/**
 * Every place in the log where one of the secrets appears (at most one leak reported per secret).
 * Throws when there are secrets to look for and the log file does not exist: nothing was logged
 * where the scan looks (a LOG_FILE lost or renamed), so finding no secret there would prove
 * nothing. With no secret (a run of pure unit tests, which starts no gateway) there is nothing to find.
 */
export function scanLog(logFile: string, secrets: readonly string[]): Leak[] {
  if (secrets.length === 0) return [];
  if (!fs.existsSync(logFile)) {
    throw new Error(`log scan: the log file ${logFile} does not exist, so the scan cannot show that no secret reached the log`);
  }
  const text = fs.readFileSync(logFile, 'utf8');
  let lines: string[] | undefined;
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    for (const needle of needles(secret)) {
      const at = text.indexOf(needle);
      if (at < 0) continue;
      lines ??= text.split('\n');
      const index = text.slice(0, at).split('\n').length - 1;
      leaks.push(describe(logFile, lines, index, needle, secretKind(secret)));
      break;
    }
  }
  return leaks;
}

/** One readable paragraph about the leaks, naming kinds and places, never a secret. */
export function leakReport(leaks: readonly Leak[]): string {
  return `${leaks.length} secret(s) used by the tests reached the log:\n` + leaks.map((leak) =>
    `  - a ${leak.kind} in ${leak.file}:${leak.line}, field ${leak.field}${leak.msg ? ` (log message "${leak.msg}")` : ''}`).join('\n');
}

/** A log line as JSON (lines that are not JSON are skipped). */
export type LogLine = Record<string, unknown> & { msg?: string; requestId?: string; level?: number };

/**
 * The JSON lines of a log file (the run's, or a gateway process's own LOG_FILE) that contain
 * `containing` (a request id, say: the run's log is shared by every test process).
 */
export function readLogLines(containing = '', file = process.env.LOG_FILE): LogLine[] {
  if (!file || !fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').flatMap((line) => {
    try {
      return line && line.includes(containing) ? [JSON.parse(line) as LogLine] : [];
    } catch {
      return [];
    }
  });
}
