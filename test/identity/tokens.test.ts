import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { startTestGateway, testJwtSecret, type TestGateway } from '../testkit/gateway.js';
import { recordSecret } from '../testkit/secrets.js';
import { bearer, firstError, Me, registerAndLogin } from './identity-fixtures.js';

let gw: TestGateway;
let user: Awaited<ReturnType<typeof registerAndLogin>>;
beforeAll(async () => {
  gw = await startTestGateway();
  user = await registerAndLogin(gw, 'tokens');
});
afterAll(async () => { await gw?.close(); });

const key = new TextEncoder().encode(testJwtSecret);
const now = () => Math.floor(Date.now() / 1000);

/** The claims the gateway puts in its access tokens, for the user of these tests. */
function claims(overrides: Record<string, unknown> = {}) {
  return { sub: user.caller.userId, role: 'CUSTOMER', ver: 0, iss: 'folio', aud: 'folio-api', iat: now(), exp: now() + 600, ...overrides };
}

function sign(payload: Record<string, unknown>, alg = 'HS256', secret: Uint8Array = key): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(secret);
}

/** Calls `me` with a credential; the first error, or undefined when the call succeeded. */
async function meWith(credential: string) {
  recordSecret(credential);
  const result = await gw.as(bearer(credential)).request(Me);
  return { error: firstError(result), me: result.data?.me };
}

/** Replaces one character in the middle of a token part with another valid base64url character. */
function flipCharacter(token: string, part: 0 | 1 | 2): string {
  const parts = token.split('.');
  const text = parts[part];
  const at = Math.floor(text.length / 2);
  parts[part] = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
  return parts.join('.');
}

describe('access tokens', () => {
  it('accepts a token signed as the gateway signs them (the control for the cases below)', async () => {
    const { error, me } = await meWith(await sign(claims()));
    expect(error).toBeUndefined();
    expect(me?.id).toBe(`usr_${user.caller.userId}`);
  });

  it('refuses an expired token with UNAUTHENTICATED, saying it expired', async () => {
    const { error } = await meWith(await sign(claims({ iat: now() - 1_000, exp: now() - 60 })));
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.message).toMatch(/expired/);
  });

  it('refuses a token whose payload was changed (escalated to ADMIN, signature kept)', async () => {
    const token = await sign(claims());
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify(claims({ role: 'ADMIN' }))).toString('base64url');
    const { error } = await meWith(`${header}.${forged}.${signature}`);
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([['payload', 1], ['signature', 2]] as const)('refuses a token with one character of its %s flipped', async (_what, part) => {
    const { error } = await meWith(flipCharacter(user.session.accessToken, part));
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const token = new UnsecuredJWT(claims()).encode();
    expect(token.split('.')[2]).toBe('');
    const { error } = await meWith(token);
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses HS512 even when signed with the gateway’s own key', async () => {
    const { error } = await meWith(await sign(claims(), 'HS512'));
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another key', async () => {
    const { error } = await meWith(await sign(claims(), 'HS256', new TextEncoder().encode('another-signing-key-0123456789abcdef')));
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['another issuer', { iss: 'someone-else' }],
    ['another audience', { aud: 'another-api' }],
    ['a token version ahead of the user’s', { ver: 5 }],
    ['a subject that is not a user id', { sub: 'admin' }],
  ])('refuses a correctly signed token with %s', async (_what, overrides) => {
    const { error } = await meWith(await sign(claims(overrides)));
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed Authorization header with UNAUTHENTICATED', async () => {
    const result = await gw.as(null).request(Me, undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(firstError(result)?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('tells a caller without credentials UNAUTHENTICATED, not FORBIDDEN', async () => {
    const result = await gw.as(null).request(Me);
    expect(firstError(result)?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
