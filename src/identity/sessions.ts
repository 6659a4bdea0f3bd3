import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Role } from '../platform/auth/roles.js';
import { logger } from '../platform/logger.js';
import { UserStatus } from './identity.enums.js';
import { IdentityError } from './identity.errors.js';
import { newRefreshToken, secretHash } from './tokens.js';

/** A refresh token as the client gets it: shown once, stored only as a hash. */
export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
}

/** What a successful rotation hands back: the user as it is now, and the family's next token. */
export interface Rotation {
  user: { id: string; role: Role; tokenVersion: number };
  next: IssuedRefreshToken;
}

/** The shape every refresh token Folio issues has (tokens.newRefreshToken); anything else is not looked up. */
const refreshTokenPattern = /^frt_[A-Za-z0-9_-]{43}$/;

/**
 * Rotating refresh tokens (OAuth 2.0 Security BCP, refresh token rotation). A login starts a
 * family; each refresh marks the presented token used and issues the next one in the family.
 * A used or revoked token presented again was copied (or a client raced itself): the whole family
 * is revoked, so whoever holds the newest token is logged out as well.
 */
export class RefreshSessions {
  constructor(private readonly orm: MikroORM, private readonly ttlSeconds: number) {}

  /** Issues a token in a family (a new family by default), inside the caller's transaction or not. */
  async issue(db: Kysely<any>, userId: string, familyId: string = randomUUID()): Promise<IssuedRefreshToken> {
    const token = newRefreshToken();
    // The ORM's driver returns timestamps as text.
    const { rows } = await sql<{ expires_at: string }>`
      insert into refresh_token (token_hash, user_id, family_id, expires_at)
      values (${secretHash(token)}, ${userId}, ${familyId}, now() + make_interval(secs => ${this.ttlSeconds}))
      returning expires_at`.execute(db);
    return { token, expiresAt: new Date(rows[0].expires_at) };
  }

  /**
   * Exchanges a refresh token for the next one of its family, in one transaction that locks the
   * token's row (`for update`): of two concurrent refreshes with one token, the second waits, then
   * sees it used and revokes the family. Errors: INVALID_REFRESH_TOKEN (unknown, expired, used,
   * revoked, or its user disabled).
   */
  async rotate(presented: string): Promise<Rotation> {
    if (!refreshTokenPattern.test(presented)) throw IdentityError.invalidRefreshToken();
    const outcome = await this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<any>;
      const { rows } = await sql<{ id: string; user_id: string; family_id: string; expired: boolean; spent: boolean }>`
        select id::text, user_id::text, family_id, expires_at <= now() as expired, (used_at is not null or revoked_at is not null) as spent
        from refresh_token where token_hash = ${secretHash(presented)} for update`.execute(db);
      const token = rows[0];
      if (!token) return { ok: false as const };
      if (token.spent) {
        await revokeFamily(db, token.family_id);
        return { ok: false as const, reused: { userId: token.user_id, familyId: token.family_id } };
      }
      if (token.expired) return { ok: false as const };
      const { rows: users } = await sql<{ role: Role; status: UserStatus; token_version: number }>`
        select role, status, token_version from folio_user where id = ${token.user_id}`.execute(db);
      const user = users[0];
      if (!user || user.status !== UserStatus.ACTIVE) {
        await revokeFamily(db, token.family_id);
        return { ok: false as const };
      }
      await sql`update refresh_token set used_at = now() where id = ${token.id}`.execute(db);
      const next = await this.issue(db, token.user_id, token.family_id);
      return { ok: true as const, rotation: { user: { id: token.user_id, role: user.role, tokenVersion: user.token_version }, next } };
    });
    if (!outcome.ok) {
      // The revocation above has committed; only now is the caller told.
      if (outcome.reused) logger.warn({ userId: outcome.reused.userId, familyId: outcome.reused.familyId }, 'refresh token reused: its family is revoked');
      throw IdentityError.invalidRefreshToken();
    }
    return outcome.rotation;
  }

  /** Revokes the family of a token (log out); an unknown token changes nothing. */
  async revokeFamilyOf(db: Kysely<any>, presented: string): Promise<void> {
    if (!refreshTokenPattern.test(presented)) return;
    await sql`update refresh_token set revoked_at = now()
      where family_id = (select family_id from refresh_token where token_hash = ${secretHash(presented)}) and revoked_at is null`.execute(db);
  }

  /** Revokes every refresh token of a user (log out everywhere, disabling, password reset). */
  async revokeAllOfUser(db: Kysely<any>, userId: string): Promise<void> {
    await sql`update refresh_token set revoked_at = now() where user_id = ${userId} and revoked_at is null`.execute(db);
  }
}

async function revokeFamily(db: Kysely<any>, familyId: string): Promise<void> {
  await sql`update refresh_token set revoked_at = now() where family_id = ${familyId} and revoked_at is null`.execute(db);
}
