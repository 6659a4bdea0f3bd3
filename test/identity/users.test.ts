import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { errorCode } from '../testkit/ledger-fixtures.js';
import {
  CreateUser, firstError, Login, Me, newEmail, newPassword, recordSession, registerAndLogin, UpdateUser, UserById, Users,
} from './identity-fixtures.js';

let gw: TestGateway;
let admin: TestCaller;
beforeAll(async () => {
  gw = await startTestGateway();
  admin = await gw.user(Role.ADMIN);
});
afterAll(async () => { await gw?.close(); });

describe('user management', () => {
  it('an admin creates a user with a role, who can then log in with it', async () => {
    const email = newEmail('ops');
    const password = newPassword();
    const created = await gw.as(admin).request(CreateUser, { input: { email, password, role: 'FINANCE' } });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createUser).toMatchObject({ email, role: 'FINANCE', status: 'ACTIVE' });
    const login = await gw.as(null).request(Login, { input: { email, password } });
    expect(login.errors).toBeUndefined();
    expect(recordSession(login.data!.login).user.role).toBe('FINANCE');
  });

  it('tells an admin that an email is taken (admins may know which emails exist)', async () => {
    const { email } = await registerAndLogin(gw);
    const result = await gw.as(admin).request(CreateUser, { input: { email, password: newPassword(), role: 'MERCHANT' } });
    expect(errorCode(result)).toBe('EMAIL_TAKEN');
  });

  it('applies the password policy to users an admin creates', async () => {
    const email = newEmail('short');
    const result = await gw.as(admin).request(CreateUser, { input: { email, password: 'short', role: 'CUSTOMER' } });
    expect(firstError(result)?.extensions).toMatchObject({ code: 'WEAK_PASSWORD', rule: 'TOO_SHORT' });
  });

  it('a role change ends the user’s access tokens at once; the new login carries the new role', async () => {
    const { session, email, password, caller } = await registerAndLogin(gw);
    const changed = await gw.as(admin).request(UpdateUser, { input: { id: session.user.id, role: 'MERCHANT' } });
    expect(changed.data?.updateUser.role).toBe('MERCHANT');
    expect(errorCode(await gw.as(caller).request(Me))).toBe('UNAUTHENTICATED');
    const login = recordSession((await gw.as(null).request(Login, { input: { email, password } })).data!.login);
    expect(login.user.role).toBe('MERCHANT');
  });

  it('an update that changes nothing leaves the user’s tokens working', async () => {
    const { session, caller } = await registerAndLogin(gw);
    await gw.as(admin).request(UpdateUser, { input: { id: session.user.id, role: 'CUSTOMER' } });
    expect((await gw.as(caller).request(Me)).errors).toBeUndefined();
  });

  it('refuses an admin changing its own role or status, and unknown users', async () => {
    const self = await gw.as(admin).request(UpdateUser, { input: { id: `usr_${admin.userId}`, status: 'DISABLED' } });
    expect(errorCode(self)).toBe('BAD_USER_INPUT');
    expect(errorCode(await gw.as(admin).request(UpdateUser, { input: { id: 'usr_999999999', role: 'ADMIN' } }))).toBe('USER_NOT_FOUND');
    expect(errorCode(await gw.as(admin).request(UpdateUser, { input: { id: 'acc_1', role: 'ADMIN' } }))).toBe('BAD_USER_INPUT');
  });

  it('lists users a page at a time for admin and finance, with their emails', async () => {
    const { email } = await registerAndLogin(gw, 'listed');
    const finance = await gw.user(Role.FINANCE);
    const filtered = await gw.as(finance).request(Users, { filter: { emailPrefix: email.toUpperCase(), role: 'CUSTOMER' } });
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data!.users.edges.map(({ node }) => node.email)).toEqual([email]);

    const first = await gw.as(admin).request(Users, { first: 2 });
    expect(first.data!.users.edges.length).toBe(2);
    expect(first.data!.users.pageInfo.hasNextPage).toBe(true);
    const second = await gw.as(admin).request(Users, { first: 2, after: first.data!.users.pageInfo.endCursor });
    const ids = [...first.data!.users.edges, ...second.data!.users.edges].map(({ node }) => Number(node.id.slice(4)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);

    expect(errorCode(await gw.as(admin).request(Users, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gw.as(admin).request(Users, { after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
  });

  it('reads one user by id; null when there is none', async () => {
    const { session, email } = await registerAndLogin(gw);
    const found = await gw.as(admin).request(UserById, { id: session.user.id });
    expect(found.data?.user).toMatchObject({ id: session.user.id, email });
    expect((await gw.as(admin).request(UserById, { id: 'usr_999999999' })).data?.user).toBeNull();
  });

  it('refuses user management to other roles with FORBIDDEN and to anonymous callers with UNAUTHENTICATED', async () => {
    const { session } = await registerAndLogin(gw);
    const operations = {
      createUser: (who: TestCaller | null) => gw.as(who).request(CreateUser, { input: { email: newEmail(), password: newPassword(), role: 'ADMIN' } }),
      updateUser: (who: TestCaller | null) => gw.as(who).request(UpdateUser, { input: { id: session.user.id, role: 'ADMIN' } }),
      users: (who: TestCaller | null) => gw.as(who).request(Users, {}),
      user: (who: TestCaller | null) => gw.as(who).request(UserById, { id: session.user.id }),
    };
    const denied: Record<keyof typeof operations, Role[]> = {
      createUser: [Role.FINANCE, Role.MERCHANT, Role.CUSTOMER],
      updateUser: [Role.FINANCE, Role.MERCHANT, Role.CUSTOMER],
      users: [Role.MERCHANT, Role.CUSTOMER],
      user: [Role.MERCHANT, Role.CUSTOMER],
    };
    const callers = Object.fromEntries(await Promise.all(Object.values(Role).map(async (role) => [role, await gw.user(role)]))) as Record<Role, TestCaller>;
    for (const [name, call] of Object.entries(operations) as [keyof typeof operations, (who: TestCaller | null) => Promise<never>][]) {
      expect(errorCode(await call(null)), `${name} as anonymous`).toBe('UNAUTHENTICATED');
      for (const role of Object.values(Role)) {
        const code = errorCode(await call(callers[role]));
        expect(code, `${name} as ${role}`).toBe(denied[name].includes(role) ? 'FORBIDDEN' : undefined);
      }
    }
  });

  it('shows a user its own email through me', async () => {
    const { caller, email } = await registerAndLogin(gw);
    expect((await gw.as(caller).request(Me)).data?.me?.email).toBe(email);
  });
});
