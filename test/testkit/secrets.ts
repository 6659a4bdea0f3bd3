import fs from 'node:fs';

/**
 * Every secret a test sends or receives (passwords, tokens, API keys) is recorded here, one per
 * line, so the run's log can be scanned for them afterwards: none may ever reach a log.
 * FOLIO_TEST_SECRETS_FILE is set by the global setup; outside a vitest run nothing is recorded.
 */
export function recordSecret(secret: string): void {
  const file = process.env.FOLIO_TEST_SECRETS_FILE;
  if (file && secret) fs.appendFileSync(file, `${secret}\n`);
}
