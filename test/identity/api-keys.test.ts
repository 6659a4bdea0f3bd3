import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { errorCode } from '../testkit/ledger-fixtures.js';
import { recordSecret } from '../testkit/secrets.js';
import {
  ApiKeys, bearer, CreateApiKey, CreateUser, firstError, LogoutEverywhere, Me, newEmail, newPassword, RevokeApiKey, Users,
} from './identity-fixtures.js';

let gw: TestGateway;
let admin: TestCaller;
beforeAll(async () => {
  gw = await startTestGateway();
  admin = await gw.user(Role.ADMIN);
});
afterAll(async () => { await gw?.close(); });

type KeyRole = 'ADMIN' | 'FINANCE' | 'MERCHANT' | 'CUSTOMER';

/** Creates a key as the admin; returns the key (recorded for the log scan) and its details. */
async function createKey(roles: KeyRole[], userId?: string) {
  const result = await gw.as(admin).request(CreateApiKey, { input: { name: uniq('key'), roles, userId } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  recordSecret(result.data!.createApiKey.key);
  return result.data!.createApiKey;
}

describe('API keys', () => {
  it('creates a key shown once, which then works as Authorization: Bearer', async () => {
    const created = await createKey(['FINANCE']);
    expect(created.key).toMatch(/^folio_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ roles: ['FINANCE'], userId: null, createdById: `usr_${admin.userId}`, revokedAt: null });
    expect(created.key.startsWith(`${created.apiKey.prefix}_`)).toBe(true);

    const users = await gw.as(bearer(created.key)).request(Users, { first: 1 });
    expect(users.errors).toBeUndefined();
    expect(users.data!.users.edges.length).toBe(1);
  });

  it('enforces the key’s roles: a FINANCE key may not create users', async () => {
    const created = await createKey(['FINANCE']);
    const result = await gw.as(bearer(created.key)).request(CreateUser, { input: { email: newEmail(), password: newPassword(), role: 'ADMIN' } });
    expect(errorCode(result)).toBe('FORBIDDEN');
  });

  it('never lists a key’s secret again', async () => {
    const created = await createKey(['FINANCE']);
    const secret = created.key.slice(created.apiKey.prefix.length + 1);
    let after: string | null | undefined;
    let found = false;
    for (let page = 0; page < 50; page++) {
      const result = await gw.as(admin).request(ApiKeys, { includeRevoked: true, first: 100, after });
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toContain(secret);
      found ||= result.data!.apiKeys.edges.some(({ node }) => node.id === created.apiKey.id);
      if (!result.data!.apiKeys.pageInfo.hasNextPage) break;
      after = result.data!.apiKeys.pageInfo.endCursor;
    }
    expect(found).toBe(true);
  });

  it('stops working once revoked, and leaves revoked keys out of the list unless asked', async () => {
    const created = await createKey(['FINANCE']);
    expect((await gw.as(bearer(created.key)).request(Users, { first: 1 })).errors).toBeUndefined();
    const revoked = await gw.as(admin).request(RevokeApiKey, { id: created.apiKey.id });
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();

    const refused = await gw.as(bearer(created.key)).request(Users, { first: 1 });
    expect(firstError(refused)?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(firstError(refused)?.message).toMatch(/revoked/);

    const again = await gw.as(admin).request(RevokeApiKey, { id: created.apiKey.id });
    expect(again.data!.revokeApiKey.revokedAt).toBe(revoked.data!.revokeApiKey.revokedAt);
    const active = await gw.as(admin).request(ApiKeys, { first: 100 });
    expect(active.data!.apiKeys.edges.every(({ node }) => node.revokedAt === null)).toBe(true);
  });

  it('refuses a tampered key', async () => {
    const created = await createKey(['FINANCE']);
    const tampered = `${created.key.slice(0, -5)}${created.key.endsWith('AAAAA') ? 'BBBBB' : 'AAAAA'}`;
    recordSecret(tampered);
    expect(errorCode(await gw.as(bearer(tampered)).request(Users, { first: 1 }))).toBe('UNAUTHENTICATED');
  });

  it('ties a CUSTOMER key to the user it acts for', async () => {
    const customer = await gw.user(Role.CUSTOMER);
    const created = await createKey(['CUSTOMER'], `usr_${customer.userId}`);
    expect(created.apiKey.userId).toBe(`usr_${customer.userId}`);
    const me = await gw.as(bearer(created.key)).request(Me);
    expect(me.data?.me).toMatchObject({ id: `usr_${customer.userId}`, email: customer.email, role: 'CUSTOMER' });
    expect(errorCode(await gw.as(bearer(created.key)).request(Users, { first: 1 }))).toBe('FORBIDDEN');
    expect(errorCode(await gw.as(bearer(created.key)).request(LogoutEverywhere))).toBe('FORBIDDEN');
  });

  it.each([
    ['no roles', { roles: [] as KeyRole[] }, 'BAD_USER_INPUT', 'roles'],
    ['a role twice', { roles: ['FINANCE', 'FINANCE'] as KeyRole[] }, 'BAD_USER_INPUT', 'roles'],
    ['a CUSTOMER role without userId', { roles: ['CUSTOMER'] as KeyRole[] }, 'BAD_USER_INPUT', 'userId'],
    ['a MERCHANT role without userId', { roles: ['FINANCE', 'MERCHANT'] as KeyRole[] }, 'BAD_USER_INPUT', 'userId'],
    ['an empty name', { roles: ['FINANCE'] as KeyRole[], name: '   ' }, 'BAD_USER_INPUT', 'name'],
    ['a malformed userId', { roles: ['CUSTOMER'] as KeyRole[], userId: 'acc_1' }, 'BAD_USER_INPUT', 'userId'],
    ['a user that does not exist', { roles: ['CUSTOMER'] as KeyRole[], userId: 'usr_999999999' }, 'USER_NOT_FOUND', 'userId'],
  ])('refuses a key with %s', async (_what, input, code, field) => {
    const result = await gw.as(admin).request(CreateApiKey, { input: { name: 'test key', ...input } });
    expect(firstError(result)?.extensions).toMatchObject({ code, field });
  });

  it('answers API_KEY_NOT_FOUND for revoking a key that does not exist', async () => {
    expect(errorCode(await gw.as(admin).request(RevokeApiKey, { id: 'key_999999999' }))).toBe('API_KEY_NOT_FOUND');
  });

  it('lets only admins manage keys: FORBIDDEN for other roles, UNAUTHENTICATED for anonymous', async () => {
    const created = await createKey(['FINANCE']);
    for (const role of [Role.FINANCE, Role.MERCHANT, Role.CUSTOMER]) {
      const caller = await gw.user(role);
      expect(errorCode(await gw.as(caller).request(CreateApiKey, { input: { name: 'x', roles: ['ADMIN'] } }))).toBe('FORBIDDEN');
      expect(errorCode(await gw.as(caller).request(RevokeApiKey, { id: created.apiKey.id }))).toBe('FORBIDDEN');
      expect(errorCode(await gw.as(caller).request(ApiKeys, {}))).toBe('FORBIDDEN');
    }
    expect(errorCode(await gw.as(null).request(CreateApiKey, { input: { name: 'x', roles: ['ADMIN'] } }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gw.as(null).request(RevokeApiKey, { id: created.apiKey.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gw.as(null).request(ApiKeys, {}))).toBe('UNAUTHENTICATED');
    // A FINANCE key cannot make itself an ADMIN key either.
    expect(errorCode(await gw.as(bearer(created.key)).request(CreateApiKey, { input: { name: 'x', roles: ['ADMIN'] } }))).toBe('FORBIDDEN');
  });
});
