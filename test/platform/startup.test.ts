import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, embeddedPgPort: 54329, graphiql: true, databaseUrl: undefined });
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

/** Runs `src/main.ts` as `npm start` does, with `env` over the test's environment; its exit code and output. */
function runMain(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
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
