import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { errorCode } from '../testkit/ledger-fixtures.js';
import { callerWith, CreateApiKey, Login, Me, newEmail, newPassword, recordSession } from './identity-fixtures.js';

let gw: TestGateway;
beforeAll(async () => { gw = await startTestGateway(); });
afterAll(async () => { await gw?.close(); });

/**
 * Runs `scripts/create-admin.ts` as `npm run admin:create` does (same Node, same loader), against
 * the run's test database, with stdin a pipe (not a terminal).
 */
function createAdmin(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: inject('databaseUrl'), FOLIO_ADMIN_PASSWORD: undefined, ...env };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', '@swc-node/register/esm-register', 'scripts/create-admin.ts', ...args],
      { env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    child.stdin?.end();
  });
}

async function login(email: string, password: string) {
  const result = await gw.as(null).request(Login, { input: { email, password } });
  if (result.data) recordSession(result.data.login);
  return result;
}

describe('npm run admin:create', () => {
  it('creates an ADMIN who can log in and manage keys, and never prints the password', async () => {
    const email = newEmail('first-admin');
    const password = newPassword();
    const run = await createAdmin(['--email', email], { FOLIO_ADMIN_PASSWORD: password });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Created the admin ${email} \\(usr_\\d+\\)`));
    expect(run.stdout + run.stderr).not.toContain(password);

    const session = await login(email, password);
    expect(session.errors).toBeUndefined();
    expect(session.data!.login.user.role).toBe('ADMIN');
    const admin = callerWith(session.data!.login.accessToken, { userId: '0', email, role: 'ADMIN' as never });
    const key = await gw.as(admin).request(CreateApiKey, { input: { name: 'first key', roles: ['FINANCE'] } });
    expect(key.errors).toBeUndefined();
  });

  it('fails clearly without FOLIO_ADMIN_PASSWORD when stdin is not a terminal', async () => {
    const run = await createAdmin(['--email', newEmail('no-password')], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/FOLIO_ADMIN_PASSWORD/);
  });

  it('refuses a missing --email and a weak password, creating nothing', async () => {
    const noEmail = await createAdmin([], { FOLIO_ADMIN_PASSWORD: newPassword() });
    expect(noEmail.code).toBe(1);
    expect(noEmail.stderr).toMatch(/--email is required/);

    const email = newEmail('weak-admin');
    const weak = await createAdmin(['--email', email], { FOLIO_ADMIN_PASSWORD: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    const db = gw.services.orm.em.fork().getKysely() as Kysely<any>;
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from folio_user where email = ${email}`.execute(db);
    expect(rows[0].n).toBe(0);
  });

  it('refuses an existing email unless --reset-password, which sets the new password and ends old sessions', async () => {
    const email = newEmail('reset-admin');
    const first = newPassword();
    expect((await createAdmin(['--email', email], { FOLIO_ADMIN_PASSWORD: first })).code).toBe(0);
    const old = await login(email, first);
    const oldCaller = callerWith(old.data!.login.accessToken, { userId: '0', email, role: 'ADMIN' as never });

    const second = newPassword();
    const again = await createAdmin(['--email', email], { FOLIO_ADMIN_PASSWORD: second });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already.*--reset-password/);

    const reset = await createAdmin(['--email', email, '--reset-password'], { FOLIO_ADMIN_PASSWORD: second });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/Reset the password/);
    expect(errorCode(await login(email, first))).toBe('INVALID_CREDENTIALS');
    expect((await login(email, second)).errors).toBeUndefined();
    expect(errorCode(await gw.as(oldCaller).request(Me))).toBe('UNAUTHENTICATED');
  });

  it('refuses --reset-password for an email no user has', async () => {
    const run = await createAdmin(['--email', newEmail('nobody'), '--reset-password'], { FOLIO_ADMIN_PASSWORD: newPassword() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no user has the email/);
  });

  it('finds a running embedded PostgreSQL on the port its postmaster.pid names, instead of dying with "postmaster.pid already exists"', async () => {
    // A gateway started with another EMBEDDED_PG_PORT than admin:create is given: its own embedded server.
    const dataDir = path.resolve('.data', `admin-create-running-${process.pid}`);
    const server = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: await freePort(), persistent: false, fast: true });
    try {
      const serverPort = new URL(server.url).port;
      const email = newEmail('embedded-admin');
      const run = await createAdmin(['--email', email],
        { DATABASE_URL: undefined, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), FOLIO_ADMIN_PASSWORD: newPassword() });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Created the admin ${email}`);
      expect(run.stdout).toContain(`in the running embedded PostgreSQL on port ${serverPort}`);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const { rows } = await client.query('select role from folio_user where email = $1', [email]);
        expect(rows).toEqual([{ role: 'ADMIN' }]);
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
