import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';
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
  ])('refuses %o, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
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
