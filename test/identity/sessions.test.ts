import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { secretHash } from '../../src/identity/tokens.js';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, type TestGateway } from '../testkit/gateway.js';
import { errorCode } from '../testkit/ledger-fixtures.js';
import { recordSecret } from '../testkit/secrets.js';
import {
  callerWith, firstError, Login, Logout, LogoutEverywhere, Me, newEmail, newPassword, recordSession, Refresh, Register,
  registerAndLogin, UpdateUser,
} from './identity-fixtures.js';

let gw: TestGateway;
let db: Kysely<any>;
beforeAll(async () => {
  gw = await startTestGateway();
  db = gw.services.orm.em.fork().getKysely() as Kysely<any>;
});
afterAll(async () => { await gw?.close(); });

const anonymous = () => gw.as(null);

async function refresh(refreshToken: string) {
  const result = await anonymous().request(Refresh, { refreshToken });
  if (result.data) recordSession(result.data.refreshSession);
  return result;
}

describe('register, login and me', () => {
  it('registers a customer, logs it in and answers me with its own user', async () => {
    const email = newEmail('Alice');
    const password = newPassword();
    const registered = await anonymous().request(Register, { input: { email: `  ${email.toUpperCase()} `, password } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.register.email).toBe(email.toLowerCase());

    const login = await anonymous().request(Login, { input: { email: email.toUpperCase(), password } });
    expect(login.errors).toBeUndefined();
    const session = recordSession(login.data!.login);
    expect(session).toMatchObject({ tokenType: 'Bearer', user: { email: email.toLowerCase(), role: 'CUSTOMER', status: 'ACTIVE' } });
    expect(session.user.id).toMatch(/^usr_\d+$/);
    expect(new Date(session.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(session.refreshTokenExpiresAt).getTime()).toBeGreaterThan(new Date(session.accessTokenExpiresAt).getTime());

    const me = await gw.as(callerWith(session.accessToken, { userId: session.user.id, email, role: Role.CUSTOMER })).request(Me);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toEqual(session.user);
  });

  it('answers a registration with a taken email exactly as a fresh one, and keeps the first password', async () => {
    const email = newEmail('dup');
    const first = newPassword();
    const second = newPassword();
    const fresh = await anonymous().request(Register, { input: { email, password: first } });
    const again = await anonymous().request(Register, { input: { email, password: second } });
    expect(again).toEqual(fresh);
    expect(errorCode(await anonymous().request(Login, { input: { email, password: second } }))).toBe('INVALID_CREDENTIALS');
    const login = await anonymous().request(Login, { input: { email, password: first } });
    expect(login.errors).toBeUndefined();
    recordSession(login.data!.login);
  });

  it('never makes a self-registered user anything but a customer', async () => {
    const { session } = await registerAndLogin(gw);
    expect(session.user.role).toBe('CUSTOMER');
  });

  it.each([
    ['too short', 'Xy7-abc', 'TOO_SHORT'],
    ['too long (over 256 bytes)', `${'é'.repeat(120)}abcdefghijklmnopqrstuvwxyz`, 'TOO_LONG'],
    ['one character repeated', 'zzzzzzzzzzzzzzzz', 'ONE_CHARACTER'],
    ['the email itself', '{email}', 'CONTAINS_EMAIL'],
    ['the email in other letter case', '{EMAIL}!', 'CONTAINS_EMAIL'],
    ['containing the local part', 'my-{local}-secret', 'CONTAINS_EMAIL'],
  ])('refuses a password that is %s with WEAK_PASSWORD (%s)', async (_what, template, rule) => {
    const email = newEmail('weak');
    const password = template.replace('{email}', email).replace('{EMAIL}', email.toUpperCase()).replace('{local}', email.split('@')[0]);
    recordSecret(password);
    const result = await anonymous().request(Register, { input: { email, password } });
    expect(firstError(result)?.extensions).toMatchObject({ code: 'WEAK_PASSWORD', rule, field: 'password' });
    // Checked in the database rather than by logging in: failed logins count against the login throttle.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from folio_user where email = ${email}`.execute(db);
    expect(rows[0].n).toBe(0);
  });

  it.each(['not-an-email', 'a@b', `${'x'.repeat(65)}@example.test`, `user@${'d'.repeat(250)}.test`, 'two words@example.test'])(
    'refuses the email %s with INVALID_EMAIL', async (email) => {
      const result = await anonymous().request(Register, { input: { email, password: newPassword() } });
      expect(errorCode(result)).toBe('INVALID_EMAIL');
    },
  );

  it('gives an unknown email and a wrong password the same error, after about the same work', async () => {
    const { email } = await registerAndLogin(gw);
    const wrong = () => anonymous().request(Login, { input: { email, password: newPassword() } });
    const unknown = () => anonymous().request(Login, { input: { email: newEmail('nobody'), password: newPassword() } });
    // Everything but the request id, which differs per request by design.
    const strip = (result: Awaited<ReturnType<typeof wrong>>) => result.errors!.map(({ message, extensions }) => ({ message, extensions: { ...extensions, requestId: undefined } as Record<string, unknown> }));
    const wrongErrors = strip(await wrong());
    expect(strip(await unknown())).toEqual(wrongErrors);
    expect(wrongErrors[0].extensions?.code).toBe('INVALID_CREDENTIALS');

    // Both verify an argon2id hash of the same cost: an unknown email must not answer much faster.
    // The two kinds alternate, so a change in the machine's load during the test hits both alike.
    const wrongTimes: number[] = [];
    const unknownTimes: number[] = [];
    const timed = async (attempt: () => Promise<unknown>, into: number[]) => {
      const start = performance.now();
      await attempt();
      into.push(performance.now() - start);
    };
    for (let i = 0; i < 5; i++) {
      await timed(wrong, wrongTimes);
      await timed(unknown, unknownTimes);
    }
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[2];
    const [wrongMs, unknownMs] = [median(wrongTimes), median(unknownTimes)];
    expect(unknownMs).toBeGreaterThan(wrongMs * 0.5);
  });

  it('refuses a login with a malformed email as INVALID_CREDENTIALS, not INVALID_EMAIL', async () => {
    expect(errorCode(await anonymous().request(Login, { input: { email: 'no at sign', password: newPassword() } }))).toBe('INVALID_CREDENTIALS');
  });
});

describe('refresh tokens', () => {
  it('rotates: each refresh gives a new pair, and the new access token works', async () => {
    const { session, email } = await registerAndLogin(gw);
    const first = await refresh(session.refreshToken);
    expect(first.errors).toBeUndefined();
    const next = first.data!.refreshSession;
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.user.email).toBe(email);
    const me = await gw.as(callerWith(next.accessToken, { userId: '0', email, role: Role.CUSTOMER })).request(Me);
    expect(me.data?.me?.email).toBe(email);
    const second = await refresh(next.refreshToken);
    expect(second.errors).toBeUndefined();
  });

  it('revokes the whole family when a used refresh token is presented again', async () => {
    const { session } = await registerAndLogin(gw);
    const rotated = (await refresh(session.refreshToken)).data!.refreshSession;
    const reuse = await refresh(session.refreshToken);
    expect(errorCode(reuse)).toBe('INVALID_REFRESH_TOKEN');
    // The thief's reuse also ends the legitimate holder's newer token: both must log in again.
    expect(errorCode(await refresh(rotated.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
  });

  it('lets concurrent refreshes with one token succeed at most once', async () => {
    const { session } = await registerAndLogin(gw);
    const results = await Promise.all(Array.from({ length: 6 }, () => refresh(session.refreshToken)));
    const succeeded = results.filter((result) => !result.errors);
    expect(succeeded.length).toBe(1);
    expect(results.filter((result) => errorCode(result) === 'INVALID_REFRESH_TOKEN').length).toBe(5);
    // The losers presented a used token, so the winner's new token was revoked with its family.
    expect(errorCode(await refresh(succeeded[0].data!.refreshSession.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
  });

  it('refuses an expired refresh token', async () => {
    const { session } = await registerAndLogin(gw);
    await sql`update refresh_token set expires_at = now() - interval '1 second' where token_hash = ${secretHash(session.refreshToken)}`.execute(db);
    expect(errorCode(await refresh(session.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
  });

  it.each(['frt_unknown', 'frt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', ''])('refuses the refresh token "%s"', async (token) => {
    expect(errorCode(await refresh(token))).toBe('INVALID_REFRESH_TOKEN');
  });
});

describe('log out', () => {
  it('logout revokes the session: its refresh token and every later one stop working', async () => {
    const { session } = await registerAndLogin(gw);
    const rotated = (await refresh(session.refreshToken)).data!.refreshSession;
    const result = await anonymous().request(Logout, { refreshToken: rotated.refreshToken });
    expect(result.data?.logout).toBe(true);
    expect(errorCode(await refresh(rotated.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
  });

  it('logout of one session leaves the user’s other sessions working', async () => {
    const { session, email, password } = await registerAndLogin(gw);
    const second = recordSession((await anonymous().request(Login, { input: { email, password } })).data!.login);
    await anonymous().request(Logout, { refreshToken: session.refreshToken });
    expect(errorCode(await refresh(session.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    expect((await refresh(second.refreshToken)).errors).toBeUndefined();
  });

  it('logout with an unknown token answers true and changes nothing', async () => {
    expect((await anonymous().request(Logout, { refreshToken: 'frt_nothing' })).data?.logout).toBe(true);
  });

  it('logoutEverywhere ends every access token and refresh token of the user at once', async () => {
    const { session, email, password, caller } = await registerAndLogin(gw);
    const second = recordSession((await anonymous().request(Login, { input: { email, password } })).data!.login);
    const secondCaller = callerWith(second.accessToken, caller);
    expect((await gw.as(secondCaller).request(Me)).errors).toBeUndefined();

    const result = await gw.as(caller).request(LogoutEverywhere);
    expect(result.data?.logoutEverywhere).toBe(true);
    for (const who of [caller, secondCaller]) {
      const me = await gw.as(who).request(Me);
      expect(firstError(me)?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(firstError(me)?.message).toMatch(/revoked/);
    }
    expect(errorCode(await refresh(session.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    expect(errorCode(await refresh(second.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    // A new login works and gives working tokens.
    const again = recordSession((await anonymous().request(Login, { input: { email, password } })).data!.login);
    expect((await gw.as(callerWith(again.accessToken, caller)).request(Me)).data?.me?.email).toBe(email);
  });

  it('logoutEverywhere needs a caller', async () => {
    expect(errorCode(await anonymous().request(LogoutEverywhere))).toBe('UNAUTHENTICATED');
  });
});

describe('a disabled user', () => {
  it('loses its access and refresh tokens at once and cannot log in; enabled again, it can', async () => {
    const admin = await gw.user(Role.ADMIN);
    const { session, email, password, caller } = await registerAndLogin(gw);
    const disabled = await gw.as(admin).request(UpdateUser, { input: { id: session.user.id, status: 'DISABLED' } });
    expect(disabled.data?.updateUser.status).toBe('DISABLED');

    expect(errorCode(await gw.as(caller).request(Me))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(session.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    const login = await anonymous().request(Login, { input: { email, password } });
    expect(errorCode(login)).toBe('INVALID_CREDENTIALS');

    await gw.as(admin).request(UpdateUser, { input: { id: session.user.id, status: 'ACTIVE' } });
    const back = await anonymous().request(Login, { input: { email, password } });
    expect(back.errors).toBeUndefined();
    recordSession(back.data!.login);
  });
});
