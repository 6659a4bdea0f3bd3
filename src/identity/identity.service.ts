import { sql, type Kysely } from 'kysely';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { LoginThrottle } from '../platform/auth/login-throttle.js';
import type { Invalidations } from '../platform/events/invalidations.js';
import { Role } from '../platform/auth/roles.js';
import { limits } from '../platform/limits.js';
import { logger } from '../platform/logger.js';
import { ApiKeyService } from './api-key.service.js';
import { credentialTopics, userChangedWithin } from './credential-changes.js';
import { loginEmail, normaliseEmail } from './email.js';
import { UserStatus } from './identity.enums.js';
import { IdentityError } from './identity.errors.js';
import type { Page } from '../platform/db/page.js';
import { IdentityQueries, userColumns, type UserFilter, type UserRow } from './identity.queries.js';
import { checkPasswordPolicy, dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './passwords.js';
import { RefreshSessions } from './sessions.js';
import type { AccessTokens } from './tokens.js';

/** A logged-in session as the client receives it: both tokens are shown once. */
export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserRow;
}

export interface UserChanges { role?: Role; status?: UserStatus }

/**
 * Users and their sessions: registration, login, rotating refresh tokens, log out (one session or
 * everywhere), and the admin's user management. API keys are `apiKeys`. Passwords, tokens and
 * secrets are never logged: log lines name user ids only.
 */
export class IdentityService {
  readonly queries: IdentityQueries;
  readonly apiKeys: ApiKeyService;
  private readonly sessions: RefreshSessions;
  private readonly db: Kysely<any>;

  constructor(private readonly orm: MikroORM, private readonly tokens: AccessTokens, private readonly throttle: LoginThrottle,
    refreshTokenTtlSeconds: number, private readonly invalidations: Invalidations) {
    this.db = orm.em.fork().getKysely() as Kysely<any>;
    this.queries = new IdentityQueries(this.db);
    this.apiKeys = new ApiKeyService(orm, this.db, this.queries, invalidations);
    this.sessions = new RefreshSessions(orm, refreshTokenTtlSeconds);
    // Made now, so the first login for an unknown email does not take longer than later ones.
    void dummyPasswordHash();
  }

  /**
   * Self-service sign-up, always as CUSTOMER. Answers the same whether or not the email was free,
   * and spends the same time (the password is hashed either way), so it cannot tell anyone which
   * emails have accounts; the client logs in next. Errors: INVALID_EMAIL, WEAK_PASSWORD.
   */
  async register(rawEmail: string, password: string): Promise<{ email: string }> {
    const email = normaliseEmail(rawEmail);
    checkPasswordPolicy(password, email);
    const hash = await hashPassword(password);
    const { rows } = await sql<{ id: string }>`insert into folio_user (email, password_hash, role)
      values (${email}, ${hash}, ${Role.CUSTOMER}::user_role) on conflict (email) do nothing returning id::text`.execute(this.db);
    if (rows[0]) logger.info({ userId: rows[0].id }, 'user registered');
    return { email };
  }

  /**
   * Email and password to an access token and a refresh token (a new session family). An unknown
   * email, a wrong password and a disabled user get the same error after the same work. Errors:
   * RATE_LIMITED (too many failures for this email from this address), INVALID_CREDENTIALS.
   */
  async login(rawEmail: string, password: string, ip: string): Promise<SessionTokens> {
    const email = loginEmail(rawEmail);
    const throttleKey = email ?? rawEmail.trim().toLowerCase().slice(0, limits.emailLengthMax);
    // Counted before the password is checked, so parallel guesses cannot pass the limit together.
    await this.throttle.attempt(throttleKey, ip);
    const { rows } = email
      ? await sql<UserRow & { passwordHash: string; tokenVersion: number }>`select ${userColumns},
          password_hash as "passwordHash", token_version as "tokenVersion" from folio_user where email = ${email}`.execute(this.db)
      : { rows: [] };
    const found = rows[0];
    const matches = await verifyPassword(found?.passwordHash, password);
    if (!found || !matches || found.status !== UserStatus.ACTIVE) {
      throw IdentityError.invalidCredentials();
    }
    await this.throttle.succeeded(throttleKey, ip);
    if (passwordNeedsRehash(found.passwordHash)) {
      await sql`update folio_user set password_hash = ${await hashPassword(password)} where id = ${found.id}`.execute(this.db);
    }
    const { passwordHash: _hash, tokenVersion, ...user } = found;
    const refresh = await this.sessions.issue(this.db, user.id);
    const access = await this.tokens.sign({ id: user.id, role: user.role, tokenVersion });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: refresh.token, refreshTokenExpiresAt: refresh.expiresAt, user };
  }

  /**
   * Rotates a refresh token: the next refresh token of its family and a fresh access token. A used
   * or revoked token revokes the whole family. Errors: INVALID_REFRESH_TOKEN.
   */
  async refreshSession(refreshToken: string): Promise<SessionTokens> {
    const { user, next } = await this.sessions.rotate(refreshToken);
    const access = await this.tokens.sign(user);
    const row = await this.queries.userById(user.id);
    if (!row) throw IdentityError.invalidRefreshToken();
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: next.token, refreshTokenExpiresAt: next.expiresAt, user: row };
  }

  /** Ends the session (refresh token family) of this refresh token; an unknown token is not an error. */
  async logout(refreshToken: string): Promise<void> {
    await this.sessions.revokeFamilyOf(this.db, refreshToken);
  }

  /** Revokes every refresh token of the user and ends every access token at once (token_version + 1). */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<any>;
      await this.sessions.revokeAllOfUser(db, userId);
      await sql`update folio_user set token_version = token_version + 1, updated_at = now() where id = ${userId}`.execute(db);
      await userChangedWithin(db, userId);
    });
    this.invalidations.deliver(credentialTopics.user, userId);
    logger.info({ userId }, 'user logged out everywhere');
  }

  userById(id: string): Promise<UserRow | undefined> {
    return this.queries.userById(id);
  }

  listUsers(filter: UserFilter, first: number, afterId?: string): Promise<Page<UserRow>> {
    return this.queries.listUsers(filter, first, afterId);
  }

  /** An admin creates a user with any role. Errors: INVALID_EMAIL, WEAK_PASSWORD, EMAIL_TAKEN. */
  async createUser(rawEmail: string, password: string, role: Role, actorId: string): Promise<UserRow> {
    const email = normaliseEmail(rawEmail);
    checkPasswordPolicy(password, email);
    const hash = await hashPassword(password);
    const { rows } = await sql<UserRow>`insert into folio_user (email, password_hash, role)
      values (${email}, ${hash}, ${role}::user_role) on conflict (email) do nothing returning ${userColumns}`.execute(this.db);
    if (!rows[0]) throw IdentityError.emailTaken();
    logger.info({ userId: rows[0].id, role, by: actorId }, 'user created');
    return rows[0];
  }

  /**
   * An admin changes a user's role or status. Either change ends the user's access tokens at once
   * (token_version + 1); disabling also revokes its refresh tokens. An admin may not change its own
   * role or status, so the last admin cannot lock everyone out by mistake.
   * Errors: BAD_USER_INPUT, USER_NOT_FOUND.
   */
  async updateUser(id: string, changes: UserChanges, actorUserId: string | null): Promise<UserRow> {
    if (actorUserId === id && (changes.role || changes.status)) {
      throw IdentityError.badInput('you may not change your own role or status: ask another admin', 'id');
    }
    const role = changes.role ?? null;
    const status = changes.status ?? null;
    const row = await this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<any>;
      const { rows } = await sql<UserRow>`update folio_user set
          role = coalesce(${role}::user_role, role),
          status = coalesce(${status}::user_status, status),
          token_version = token_version + case when coalesce(${role}::user_role, role) is distinct from role
            or coalesce(${status}::user_status, status) is distinct from status then 1 else 0 end,
          updated_at = now()
        where id = ${id} returning ${userColumns}`.execute(db);
      if (rows[0]?.status === UserStatus.DISABLED) await this.sessions.revokeAllOfUser(db, id);
      if (rows[0]) await userChangedWithin(db, id);
      return rows[0];
    });
    if (!row) throw IdentityError.userNotFound(id);
    this.invalidations.deliver(credentialTopics.user, id);
    logger.info({ userId: id, role: changes.role, status: changes.status, by: actorUserId }, 'user updated');
    return row;
  }
}
