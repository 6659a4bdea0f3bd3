import { sql, type Kysely } from 'kysely';
import type { Authentication } from '../platform/auth/authentication.js';
import type { CredentialReader } from '../platform/module.js';

export type { Authentication };
import { Role } from '../platform/auth/roles.js';
import { UserStatus } from './identity.enums.js';
import { looksLikeApiKey, parseApiKey, sameHash, secretHash, type AccessTokens } from './tokens.js';


/** How often a key's last_used_at is written at most: a write per request would cost throughput. */
const lastUsedWriteIntervalMs = 60_000;

/**
 * Turns an `Authorization: Bearer <credential>` value into a principal. The credential is a JWT
 * access token or an API key (`folio_…`). Every call reads the user or key row, so disabling a
 * user, revoking a key, changing a role or logging out everywhere takes effect on the next request.
 */
export class Authenticator implements CredentialReader {
  private readonly keyTouchedAt = new Map<string, number>();

  constructor(private readonly db: Kysely<any>, private readonly tokens: AccessTokens) {}

  async authenticate(authorization: string | undefined): Promise<Authentication> {
    if (authorization === undefined || authorization === '') return {};
    const match = /^Bearer\s+(\S{1,512})$/i.exec(authorization.trim());
    if (!match) return { failure: 'the Authorization header must be "Bearer <access token or API key>"' };
    const credential = match[1];
    return looksLikeApiKey(credential) ? this.apiKey(credential) : this.accessToken(credential);
  }

  private async accessToken(token: string): Promise<Authentication> {
    let claims;
    try {
      claims = await this.tokens.verify(token);
    } catch (error) {
      return { failure: (error as Error).message };
    }
    const { rows } = await sql<{ role: Role; status: UserStatus; token_version: number }>`
      select role, status, token_version from folio_user where id = ${claims.userId}`.execute(this.db);
    const user = rows[0];
    if (!user || user.status !== UserStatus.ACTIVE || user.token_version !== claims.tokenVersion) {
      return { failure: 'access token has been revoked: log in again' };
    }
    return {
      principal: { kind: 'user', id: claims.userId, userId: claims.userId, roles: new Set([user.role]) },
      expiresAt: claims.expiresAt,
    };
  }

  private async apiKey(key: string): Promise<Authentication> {
    const parts = parseApiKey(key);
    if (!parts) return { failure: 'API key is invalid' };
    const { rows } = await sql<{ id: string; secret_hash: string; roles: Role[]; user_id: string | null; revoked_at: Date | null; user_status: UserStatus | null }>`
      select k.id::text, k.secret_hash, k.roles, k.user_id::text, k.revoked_at, u.status as user_status
      from api_key k left join folio_user u on u.id = k.user_id
      where k.public_id = ${parts.publicId}`.execute(this.db);
    const row = rows[0];
    // Hash and compare even when no key has this id, so timing does not tell which ids exist.
    const valid = sameHash(secretHash(parts.secret), row?.secret_hash ?? '0'.repeat(64));
    if (!row || !valid || row.revoked_at || (row.user_id && row.user_status !== UserStatus.ACTIVE)) {
      return { failure: 'API key is invalid or revoked' };
    }
    await this.touch(row.id);
    return { principal: { kind: 'apiKey', id: row.id, userId: row.user_id, roles: new Set(row.roles.filter((r) => r in Role)) } };
  }

  private async touch(keyId: string): Promise<void> {
    const now = Date.now();
    if (now - (this.keyTouchedAt.get(keyId) ?? 0) < lastUsedWriteIntervalMs) return;
    this.keyTouchedAt.set(keyId, now);
    await sql`update api_key set last_used_at = now() where id = ${keyId}`.execute(this.db);
  }
}
