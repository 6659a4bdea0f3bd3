import { randomBytes } from 'node:crypto';
import { graphql } from '../gql/index.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { uniq, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { recordSecret } from '../testkit/secrets.js';

export const Register = graphql(`
  mutation IdentityRegister($input: RegisterInput!) { register(input: $input) { email message } }
`);

export const Login = graphql(`
  mutation IdentityLogin($input: LoginInput!) {
    login(input: $input) {
      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt tokenType
      user { id email role status }
    }
  }
`);

export const Refresh = graphql(`
  mutation IdentityRefresh($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) { accessToken refreshToken user { id email } }
  }
`);

export const Logout = graphql(`
  mutation IdentityLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }
`);

export const LogoutEverywhere = graphql(`
  mutation IdentityLogoutEverywhere { logoutEverywhere }
`);

export const Me = graphql(`
  query IdentityMe { me { id email role status } }
`);

export const CreateUser = graphql(`
  mutation IdentityCreateUser($input: CreateUserInput!) { createUser(input: $input) { id email role status } }
`);

export const UpdateUser = graphql(`
  mutation IdentityUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role status } }
`);

export const UserById = graphql(`
  query IdentityUser($id: ID!) { user(id: $id) { id email role status } }
`);

export const Users = graphql(`
  query IdentityUsers($filter: UserFilterInput, $first: Int, $after: String) {
    users(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id email role status } } pageInfo { hasNextPage endCursor }
    }
  }
`);

export const CreateApiKey = graphql(`
  mutation IdentityCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { key apiKey { id name prefix roles userId createdById revokedAt } }
  }
`);

export const RevokeApiKey = graphql(`
  mutation IdentityRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }
`);

export const ApiKeys = graphql(`
  query IdentityApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {
    apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) {
      edges { node { id name prefix roles userId createdById createdAt lastUsedAt revokedAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** A unique email address for one test. */
export function newEmail(label = 'user'): string {
  return `${uniq(label)}@example.test`;
}

/** A random password the policy accepts; recorded so the log scan can look for it. */
export function newPassword(): string {
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  recordSecret(password);
  return password;
}

/** Records every secret of a session (tokens) for the log scan, and returns it. */
export function recordSession<S extends { accessToken: string; refreshToken: string }>(session: S): S {
  recordSecret(session.accessToken);
  recordSecret(session.refreshToken);
  return session;
}

/** A caller of the API holding this access token. */
export function callerWith(token: string, user: { userId: string; email: string; role: Role }): TestCaller {
  return { ...user, token, headers: { authorization: `Bearer ${token}` } };
}

/** The same caller with a raw Authorization header (an API key, a forged token). */
export function bearer(credential: string): TestCaller {
  return callerWith(credential, { userId: '0', email: '', role: 'CUSTOMER' as Role });
}

/** Registers a customer and logs it in through the API; throws if either is refused. */
export async function registerAndLogin(gw: TestGateway, label = 'customer') {
  const email = newEmail(label);
  const password = newPassword();
  const registered = await gw.as(null).request(Register, { input: { email, password } });
  if (registered.errors) throw new Error(JSON.stringify(registered.errors));
  const login = await gw.as(null).request(Login, { input: { email, password } });
  if (login.errors) throw new Error(JSON.stringify(login.errors));
  const session = recordSession(login.data!.login);
  const userId = session.user.id.replace(/^usr_/, '');
  return { email, password, session, caller: callerWith(session.accessToken, { userId, email, role: session.user.role as Role }) };
}

/** The `extensions` of a response's first error. */
export function firstError(result: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) {
  return result.errors?.[0];
}
