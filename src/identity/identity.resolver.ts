import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AccessError } from '../platform/auth/access.errors.js';
import { hasRole, isStaff, principalLabel } from '../platform/auth/principal.js';
import { Role } from '../platform/auth/roles.js';
import { decodeCursor, pageSize, toConnection } from '../platform/graphql/connection.js';
import type { GraphQLContext } from '../platform/graphql/context.js';
import { fromGlobalId } from './identity.ids.js';
import { type NodeFetcher } from '../platform/graphql/node.type.js';
import type { IdType } from '../platform/ids.js';
import { ApiKey } from './api-key.type.js';
import { CreateUserInput, LoginInput, RegisterInput, UpdateUserInput, UserFilterInput } from './identity.input.js';
import type { SessionTokens } from './identity.service.js';
import { Registration, Session, User, UserConnection } from './user.type.js';

function toSession(tokens: SessionTokens): Session {
  return Object.assign(new Session(), { ...tokens, tokenType: 'Bearer', user: User.from(tokens.user, true) });
}

/** Sign-up, log in, sessions and the caller's own user: the public and self-service part of identity. */
/** `node(id:)` for users: the user itself and staff; for API keys: admins (the same rules as user and apiKeys). */
export const identityNodes: Partial<Record<IdType, NodeFetcher>> = {
  User: async (id, context) => {
    if (!isStaff(context.principal) && context.principal?.userId !== id) return null;
    const row = await context.identity.userById(id);
    return row ? User.from(row, context.principal?.userId === id) : null;
  },
  ApiKey: async (id, context) => {
    if (!hasRole(context.principal, Role.ADMIN)) return null;
    const row = await context.identity.queries.apiKeyById(id);
    return row ? ApiKey.from(row) : null;
  },
};

@Resolver()
export class SessionResolver {
  @Mutation(() => Registration, {
    description: 'Creates a CUSTOMER user. Returns no tokens: log in next with the same email and password. '
      + 'To reveal nothing about which emails have accounts, the answer is the same when the email is already taken '
      + '(no account is created then, and logging in with this password will fail). Errors: INVALID_EMAIL, WEAK_PASSWORD.',
  })
  async register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() context: GraphQLContext): Promise<Registration> {
    const { email } = await context.identity.register(input.email, input.password);
    return { email, message: 'If this email was free, its account is ready: log in with the email and password.' };
  }

  @Mutation(() => Session, {
    description: 'Logs in with email and password: an access token and a refresh token. A wrong password, an unknown email and a '
      + 'disabled user all answer INVALID_CREDENTIALS. Repeated failures for one email from one address answer RATE_LIMITED for a while.',
  })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() context: GraphQLContext): Promise<Session> {
    return toSession(await context.identity.login(input.email, input.password, context.ip));
  }

  @Mutation(() => Session, {
    description: 'Exchanges a refresh token for a new session (new access and refresh tokens). Each refresh token works once: '
      + 'presenting a used or revoked one revokes its whole session, since it must have been copied. Errors: INVALID_REFRESH_TOKEN.',
  })
  async refreshSession(@Arg('refreshToken', { description: 'The refresh token of the latest session.' }) refreshToken: string, @Ctx() context: GraphQLContext): Promise<Session> {
    return toSession(await context.identity.refreshSession(refreshToken));
  }

  @Mutation(() => Boolean, {
    description: 'Ends the session of this refresh token: it and every token refreshed from it stop working. The session’s current access '
      + 'token works until it expires (minutes); `logoutEverywhere` ends those too. Always true, even for an unknown token.',
  })
  async logout(@Arg('refreshToken', { description: 'A refresh token of the session to end.' }) refreshToken: string, @Ctx() context: GraphQLContext): Promise<boolean> {
    await context.identity.logout(refreshToken);
    return true;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends every session of the calling user at once: all its refresh tokens and access tokens stop working. Users only (an API key is revoked instead).' })
  async logoutEverywhere(@Ctx() context: GraphQLContext): Promise<boolean> {
    const principal = context.principal!;
    if (principal.kind !== 'user') throw AccessError.forbidden('logoutEverywhere with an API key: an admin revokes the key instead');
    await context.identity.logoutEverywhere(principal.id);
    return true;
  }

  @Authorized()
  @Query(() => User, { nullable: true, description: 'The calling user; for an API key, the user it acts for (null when it acts for none).' })
  async me(@Ctx() context: GraphQLContext): Promise<User | null> {
    const userId = context.principal!.userId;
    const row = userId ? await context.identity.userById(userId) : undefined;
    return row ? User.from(row, true) : null;
  }
}

/** Users as the admin manages them, and the fields of User that need a check. */
@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The email address: shown to the user itself, admins and finance; FORBIDDEN for anyone else.' })
  email(@Root() user: User, @Ctx() context: GraphQLContext): string {
    if (user.viewerIsSelf || isStaff(context.principal) || context.principal?.userId === user.rowId) return user.emailAddress;
    throw AccessError.forbidden('User.email of another user');
  }

  @Authorized(Role.ADMIN, Role.FINANCE)
  @Query(() => User, { nullable: true, description: 'A user by global id; null when there is none. Admin and finance.' })
  async user(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<User | null> {
    const row = await context.identity.userById(fromGlobalId('User', id));
    return row ? User.from(row) : null;
  }

  @Authorized(Role.ADMIN, Role.FINANCE)
  @Query(() => UserConnection, { description: 'Users in id order, filtered; at most 100 a page. Admin and finance.' })
  async users(
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => UserFilterInput, { nullable: true, description: 'Which users; all of them when omitted.' }) filter?: UserFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string,
  ): Promise<UserConnection> {
    const page = await context.identity.listUsers({ ...filter }, pageSize(first), decodeCursor(after));
    return toConnection(page, (row) => User.from(row));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: 'Creates a user with any role. Admin only. Errors: INVALID_EMAIL, WEAK_PASSWORD, EMAIL_TAKEN.' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() context: GraphQLContext): Promise<User> {
    return User.from(await context.identity.createUser(input.email, input.password, input.role, principalLabel(context.principal)));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, {
    description: 'Changes a user’s role or status; either change ends its access tokens at once, and disabling ends its sessions. '
      + 'Admins may not change their own. Admin only. Errors: BAD_USER_INPUT, USER_NOT_FOUND.',
  })
  async updateUser(@Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() context: GraphQLContext): Promise<User> {
    const principal = context.principal!;
    const actorUserId = principal.kind === 'user' ? principal.id : principal.userId;
    const row = await context.identity.updateUser(fromGlobalId('User', input.id), { role: input.role, status: input.status }, actorUserId);
    return User.from(row);
  }
}
