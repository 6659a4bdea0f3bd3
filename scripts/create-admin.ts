// Creates the first ADMIN user of a fresh install: npm run admin:create -- --email you@example.com
// The password comes from FOLIO_ADMIN_PASSWORD, or is asked for (twice, without echo) in a terminal.
// --reset-password gives an existing user a new password and makes it an active admin again.
// The database: DATABASE_URL when set; else the gateway's embedded PostgreSQL if it is running,
// else the embedded PostgreSQL started just for this (migrations applied, stopped at the end).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';

const usage = `usage: npm run admin:create -- --email <email> [--reset-password]

  --email           the admin's email address
  --reset-password  give an existing user a new password and make it an active admin
                    (ends all its sessions)

The password is read from FOLIO_ADMIN_PASSWORD or, in a terminal, asked for without echo.
Connects to DATABASE_URL, or to the embedded PostgreSQL (DATA_DIR, EMBEDDED_PG_PORT): when one
runs on DATA_DIR, on the port its postmaster.pid names.`;

class UsageError extends Error {}

/** Leaves logs for errors only, so the terminal shows this script's own lines. */
process.env.LOG_LEVEL ??= 'warn';

function parse(): { email: string; resetPassword: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      options: { email: { type: 'string' }, 'reset-password': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (!values.email) throw new UsageError(`--email is required\n\n${usage}`);
  return { email: values.email, resetPassword: values['reset-password'] ?? false };
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') { finish(); resolve(value); return; }
        if (char === '\u0003') { finish(); reject(new UsageError('cancelled')); return; }
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    // Raw mode first, so nothing typed after the question appears is echoed.
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
    process.stderr.write(question);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.FOLIO_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError('no password: set FOLIO_ADMIN_PASSWORD, or run this in a terminal to type it (stdin is not a terminal)');
  }
  const first = await promptHidden('Password for the admin (at least 12 characters): ');
  const again = await promptHidden('The same password again: ');
  if (first !== again) throw new UsageError('the two passwords differ');
  return first;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (result: boolean) => { socket.destroy(); resolve(result); };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(2_000, () => done(false));
  });
}

function embeddedPort(): number {
  const raw = process.env.EMBEDDED_PG_PORT;
  if (raw === undefined || raw === '') return 54329;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535 || port === 5432) {
    throw new UsageError(`EMBEDDED_PG_PORT must be a whole number from 1024 to 65535, not 5432; got "${raw}"`);
  }
  return port;
}

/** What the data dir's postmaster.pid says of the server running on it: line 1 its PID, line 4 its port. */
function postmaster(dir: string): { pid: string; port: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  return { pid: lines[0] ?? '?', port: Number(lines[3]) };
}

/**
 * The port of the embedded PostgreSQL running on `dir`, when it accepts connections there. It is
 * read from postmaster.pid, not taken from EMBEDDED_PG_PORT: the gateway may have been started with
 * another port, and starting a second server on the same data dir fails.
 */
async function runningPort(dir: string): Promise<number | undefined> {
  const running = postmaster(dir);
  if (!running || !Number.isInteger(running.port) || running.port <= 0 || !alive(Number(running.pid))) return undefined;
  return (await accepts(running.port)) ? running.port : undefined;
}

/** Whether a process has this PID: a stale postmaster.pid's port may belong to another server by now. */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The database to use, and how to let go of it afterwards. */
async function database(): Promise<{ url: string; where: string; stop(): Promise<void> }> {
  const { embeddedUrl, startEmbeddedPostgres } = await import('../src/platform/db/embedded-postgres.js');
  const url = process.env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('DATABASE_URL must be a postgres:// URL');
    return { url, where: 'DATABASE_URL', stop: async () => {} };
  }
  const port = embeddedPort();
  const dir = path.join(path.resolve(process.env.DATA_DIR || '.data'), 'postgres');
  const running = await runningPort(dir);
  if (running !== undefined) {
    // The running gateway's embedded server.
    return { url: embeddedUrl(running), where: `the running embedded PostgreSQL on port ${running}`, stop: async () => {} };
  }
  try {
    const embedded = await startEmbeddedPostgres({ dir, port, persistent: true });
    return { url: embedded.url, where: `the embedded PostgreSQL in ${dir}`, stop: () => embedded.stop() };
  } catch (error) {
    const holder = postmaster(dir);
    if (!holder || !alive(Number(holder.pid))) throw error;
    // Another server holds the data dir (still starting, or not on 127.0.0.1:<its port>).
    throw new UsageError(`another PostgreSQL (PID ${holder.pid}) runs on the data directory ${dir} but does not answer on ` +
      `127.0.0.1:${Number.isInteger(holder.port) ? holder.port : '?'}. If the gateway is still starting, try again; ` +
      'otherwise set DATABASE_URL to that server\'s URL.');
  }
}

async function main(): Promise<void> {
  const { email, resetPassword } = parse();
  const password = await readPassword();
  const { migrate, openOrm } = await import('../src/platform/db/orm.js');
  const { provisionAdmin } = await import('../src/identity/admin-bootstrap.js');
  const { toGlobalId } = await import('../src/identity/identity.ids.js');
  const { modules } = await import('../src/modules.js');
  const db = await database();
  try {
    const orm = await openOrm(db.url, 2, modules.entities);
    try {
      await migrate(orm);
      const admin = await provisionAdmin(orm, email, password, resetPassword);
      const what = admin.action === 'created' ? 'Created the admin' : 'Reset the password of the admin';
      console.log(`${what} ${admin.email} (${toGlobalId('User', admin.userId)}) in ${db.where}. Log in with the login mutation.`);
    } finally {
      await orm.close();
    }
  } finally {
    await db.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  // Expected failures (usage, policy, an existing user) are one line; anything else is shown whole.
  const expected = error instanceof UsageError || (error instanceof Error && ['IdentityError', 'ProvisionError', 'EmbeddedPostgresError'].includes(error.constructor.name));
  console.error(`admin:create: ${expected ? (error as Error).message : error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
