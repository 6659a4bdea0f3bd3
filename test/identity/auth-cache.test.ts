import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenerApplicationName } from '../../src/platform/events/pg-listener.js';
import { Role } from '../../src/platform/auth/roles.js';
import { AccessTokens } from '../../src/identity/tokens.js';
import { startTestGateway, testJwtSecret, uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { recordSecret } from '../testkit/secrets.js';
import { answersWithin } from '../testkit/notify-latency.js';
import { countStatements } from '../testkit/statement-count.js';
import { bearer, CreateApiKey, firstError, LogoutEverywhere, Me, RevokeApiKey, UpdateUser, Users } from './identity-fixtures.js';

// The Authenticator caches users and API keys per gateway process. Each change that matters is
// NOTIFYed in its own transaction, so a change made through gateway A is refused by gateway B on
// the next request, once the notification has crossed (milliseconds; the tests allow 2 s, far
// below the cache's 60 s backstop TTL, so only the invalidation can make them pass).
let a: TestGateway;
let b: TestGateway;
let admin: TestCaller;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestGateway(), startTestGateway()]);
  admin = await a.user(Role.ADMIN);
});
afterAll(async () => { await Promise.all([a?.close(), b?.close()]); });

/** The Authenticator's own statements, by their text. */
const keyRead = (text: string) => /from api_key k left join folio_user u/.test(text);
const keyTouch = (text: string) => /^update api_key set last_used_at/.test(text);
const userRead = (text: string) => /^select role, status, token_version as "tokenVersion" from folio_user/.test(text);

const tokens = new AccessTokens(new TextEncoder().encode(testJwtSecret), 900);

async function createKey(roles: ('FINANCE' | 'CUSTOMER')[], userId?: string) {
  const result = await a.as(admin).request(CreateApiKey, { input: { name: uniq('cached-key'), roles, userId } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  recordSecret(result.data!.createApiKey.key);
  return { key: result.data!.createApiKey.key, id: result.data!.createApiKey.apiKey.id, caller: bearer(result.data!.createApiKey.key) };
}

type Result = { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (result: Result) => firstError(result)?.extensions?.code;

/** Asserts `probe` is accepted now and answered from B's cache (no statement of `reads`). */
async function cachedOnB(probe: () => Promise<Result>, reads: (text: string) => boolean): Promise<void> {
  expect(codeOf(await probe())).toBeUndefined();
  let result: Result = {};
  expect(await countStatements(async () => { result = await probe(); }, reads)).toBe(0);
  expect(codeOf(result)).toBeUndefined();
}

describe('credentials changed through one gateway, on another', () => {
  it('refuses a key revoked through A on B', async () => {
    const { id, caller } = await createKey(['FINANCE']);
    const probe = () => b.as(caller).request(Users, { first: 1 });
    await cachedOnB(probe, keyRead);
    const revoked = await a.as(admin).request(RevokeApiKey, { id });
    expect(revoked.errors).toBeUndefined();
    await answersWithin(probe, 'UNAUTHENTICATED');
  });

  it('refuses a user disabled through A on B: its access token and the API keys that act for it', async () => {
    const customer = await a.user(Role.CUSTOMER);
    const { caller: key } = await createKey(['CUSTOMER'], `usr_${customer.userId}`);
    const byToken = () => b.as(customer).request(Me);
    const byKey = () => b.as(key).request(Me);
    await cachedOnB(byToken, userRead);
    await cachedOnB(byKey, keyRead);
    const disabled = await a.as(admin).request(UpdateUser, { input: { id: `usr_${customer.userId}`, status: 'DISABLED' } });
    expect(disabled.errors).toBeUndefined();
    await answersWithin(byToken, 'UNAUTHENTICATED');
    await answersWithin(byKey, 'UNAUTHENTICATED');
  });

  it('ends the old access token on B after a role change through A, and B sees the new role', async () => {
    const user = await a.user(Role.FINANCE);
    const probe = () => b.as(user).request(Users, { first: 1 });
    await cachedOnB(probe, userRead);
    const changed = await a.as(admin).request(UpdateUser, { input: { id: `usr_${user.userId}`, role: 'CUSTOMER' } });
    expect(changed.errors).toBeUndefined();
    await answersWithin(probe, 'UNAUTHENTICATED');
    // A token issued after the change (token_version 1) carries the new role on B.
    const { token } = await tokens.sign({ id: user.userId, role: Role.CUSTOMER, tokenVersion: 1 });
    recordSecret(token);
    const renewed = { ...user, token, headers: { authorization: `Bearer ${token}` } };
    expect(codeOf(await b.as(renewed).request(Users, { first: 1 }))).toBe('FORBIDDEN');
    expect((await b.as(renewed).request(Me)).data?.me?.role).toBe('CUSTOMER');
  });

  it('ends the access token on B after logoutEverywhere through A', async () => {
    const user = await a.user(Role.CUSTOMER);
    const probe = () => b.as(user).request(Me);
    await cachedOnB(probe, userRead);
    expect((await a.as(user).request(LogoutEverywhere)).errors).toBeUndefined();
    await answersWithin(probe, 'UNAUTHENTICATED');
  });
});

describe('while the LISTEN connection is down', () => {
  it('reads every credential from the database, and forgets what it had cached once LISTEN is back', async () => {
    const probed = await createKey(['FINANCE']);
    const silent = await createKey(['FINANCE']);
    for (const { caller } of [probed, silent]) await cachedOnB(() => b.as(caller).request(Users, { first: 1 }), keyRead);

    // B's listener cannot reconnect until the test lets it: connect() fails for listener connections
    // (in this process only; A's listener stays up, the pools connect as usual).
    const connect = pg.Client.prototype.connect;
    pg.Client.prototype.connect = function refuseListener(this: pg.Client & { connectionParameters: { application_name?: string } }, ...args: unknown[]) {
      if (this.connectionParameters.application_name === listenerApplicationName) return Promise.reject(new Error('test: listener kept down'));
      return (connect as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof connect;
    const db = a.services.orm.em.fork().getKysely();
    try {
      const pid = b.listener.backendPid;
      expect(pid).toBeDefined();
      await sql`select pg_terminate_backend(${pid})`.execute(db);
      await expect.poll(() => b.listener.state, { timeout: 5_000, interval: 20 }).toBe('reconnecting');

      // Nothing from the cache: each request reads the key.
      const probe = () => b.as(probed.caller).request(Users, { first: 1 });
      expect(await countStatements(async () => { for (let i = 0; i < 5; i += 1) expect(codeOf(await probe())).toBeUndefined(); }, keyRead)).toBe(5);
      // Changes made now reach no gateway (no NOTIFY, as if it were lost in the gap): B sees them at once anyway.
      await sql`update api_key set revoked_at = now() where id = ${probed.id.replace(/^key_/, '')}`.execute(db);
      await sql`update api_key set revoked_at = now() where id = ${silent.id.replace(/^key_/, '')}`.execute(db);
      expect(codeOf(await probe())).toBe('UNAUTHENTICATED');
      expect(b.listener.state).toBe('reconnecting');
    } finally {
      pg.Client.prototype.connect = connect;
    }
    await expect.poll(() => b.listener.state, { timeout: 10_000, interval: 50 }).toBe('listening');
    // The key cached before the gap and changed during it, never asked for meanwhile, is not served stale.
    expect(codeOf(await b.as(silent.caller).request(Users, { first: 1 }))).toBe('UNAUTHENTICATED');
    // And B caches again.
    const fresh = await createKey(['FINANCE']);
    await cachedOnB(() => b.as(fresh.caller).request(Users, { first: 1 }), keyRead);
  });
});

describe('statements per authenticated request', () => {
  it('costs at most one read and one last_used_at write for 20 requests with one API key', async () => {
    const { caller } = await createKey(['FINANCE']);
    const statements = await countStatements(async () => {
      for (let i = 0; i < 20; i += 1) expect(codeOf(await a.as(caller).request(Users, { first: 1 }))).toBeUndefined();
    }, (text) => keyRead(text) || keyTouch(text));
    expect(statements).toBeLessThanOrEqual(2);
  });

  it('costs at most one read for 20 requests with one access token', async () => {
    const user = await a.user(Role.FINANCE);
    const statements = await countStatements(async () => {
      for (let i = 0; i < 20; i += 1) expect(codeOf(await a.as(user).request(Users, { first: 1 }))).toBeUndefined();
    }, userRead);
    expect(statements).toBeLessThanOrEqual(1);
  });

  it('reads the key again for a wrong secret, and caches no unknown key', async () => {
    const { key, caller } = await createKey(['FINANCE']);
    await cachedOnB(() => b.as(caller).request(Users, { first: 1 }), keyRead);
    const tampered = `${key.slice(0, -5)}${key.endsWith('AAAAA') ? 'BBBBB' : 'AAAAA'}`;
    const unknown = `folio_${'0'.repeat(16)}_${'A'.repeat(43)}`;
    recordSecret(tampered);
    recordSecret(unknown);
    for (const credential of [tampered, unknown]) {
      const reads = await countStatements(async () => {
        for (let i = 0; i < 3; i += 1) expect(codeOf(await b.as(bearer(credential)).request(Users, { first: 1 }))).toBe('UNAUTHENTICATED');
      }, keyRead);
      expect(reads).toBe(3);
    }
  });
});
