import { sql, type Kysely } from 'kysely';
import type { Authentication } from '../platform/auth/authentication.js';
import type { CoherentCache } from '../platform/cache/coherent-cache.js';
import type { Invalidations } from '../platform/events/invalidations.js';
import { limits } from '../platform/limits.js';
import type { CredentialReader } from '../platform/module.js';

export type { Authentication };
import { Role } from '../platform/auth/roles.js';
import { credentialTopics } from './credential-changes.js';
import { UserStatus } from './identity.enums.js';
import { looksLikeApiKey, parseApiKey, sameHash, secretHash, type AccessTokens } from './tokens.js';


/** How often a key's last_used_at is written at most: a write per request would cost throughput. */
const lastUsedWriteIntervalMs = 60_000;

/**
 * When each key's last_used_at was last written, for at most `entriesMax` keys (least recently
 * written first out): forgetting a key costs one more write of its last_used_at, never a wrong answer.
 */
export class TouchClock {
  private readonly writtenAt = new Map<string, number>();

  constructor(private readonly entriesMax: number, private readonly intervalMs: number) {}

  /** True when `key` was not written within the interval before `now` (and it counts as written now). */
  due(key: string, now: number): boolean {
    const last = this.writtenAt.get(key);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.writtenAt.delete(key);
    if (this.writtenAt.size >= this.entriesMax) this.writtenAt.delete(this.writtenAt.keys().next().value!);
    this.writtenAt.set(key, now);
    return true;
  }

  get size(): number {
    return this.writtenAt.size;
  }
}

/** What an access token is checked against. */
interface UserFacts { role: Role; status: UserStatus; tokenVersion: number }

/** An API key's row, with the status of the user it acts for. */
interface KeyFacts { id: string; secretHash: string; roles: Role[]; userId: string | null; revoked: boolean; userStatus: UserStatus | null }

/** Compared with when no key has the presented id, so a miss costs what a wrong secret does. */
const noHash = '0'.repeat(64);

/**
 * Turns an `Authorization: Bearer <credential>` value into a principal. The credential is a JWT
 * access token or an API key (`folio_…`). The user or key row is read once and then kept in memory
 * (limits.authCacheEntriesMax each, limits.authCacheTtlMs at most); every change that matters
 * (disabling a user, changing its role, logging out everywhere, revoking a key) sends an
 * invalidation in its own transaction (credential-changes.ts), which every gateway applies as it
 * commits, so it takes effect on the next request. While the LISTEN connection is down, every
 * request reads the row. A key's secret is compared with its hash on every request; only keys whose
 * secret matched, and users whose token was signed by us, are cached, so no caller can fill the
 * cache with made-up credentials.
 */
export class Authenticator implements CredentialReader {
  private readonly keyTouchedAt = new TouchClock(limits.authCacheEntriesMax, lastUsedWriteIntervalMs);
  private readonly users: CoherentCache<UserFacts>;
  /** By public id. */
  private readonly keys: CoherentCache<KeyFacts>;

  constructor(private readonly db: Kysely<any>, private readonly tokens: AccessTokens, invalidations: Invalidations) {
    const bounds = { entriesMax: limits.authCacheEntriesMax, ttlMs: limits.authCacheTtlMs };
    this.users = invalidations.cache(bounds);
    this.keys = invalidations.cache(bounds);
    invalidations.on(credentialTopics.user, (userId) => {
      this.users.delete(userId);
      this.keys.deleteWhere((key) => key.userId === userId);
    });
    invalidations.on(credentialTopics.apiKey, (publicId) => this.keys.delete(publicId));
  }

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
    let user = this.users.get(claims.userId);
    // A token newer than the cached row was issued after a change this gateway has not heard of yet.
    if (!user || user.tokenVersion < claims.tokenVersion) user = await this.readUser(claims.userId);
    if (!user || user.status !== UserStatus.ACTIVE || user.tokenVersion !== claims.tokenVersion) {
      return { failure: 'access token has been revoked: log in again' };
    }
    return {
      principal: { kind: 'user', id: claims.userId, userId: claims.userId, roles: new Set([user.role]) },
      expiresAt: claims.expiresAt,
    };
  }

  private async readUser(userId: string): Promise<UserFacts | undefined> {
    const mark = this.users.mark();
    const { rows } = await sql<UserFacts>`
      select role, status, token_version as "tokenVersion" from folio_user where id = ${userId}`.execute(this.db);
    if (rows[0]) this.users.set(userId, rows[0], mark);
    return rows[0];
  }

  private async apiKey(key: string): Promise<Authentication> {
    const parts = parseApiKey(key);
    if (!parts) return { failure: 'API key is invalid' };
    const presented = secretHash(parts.secret);
    let row = this.keys.get(parts.publicId);
    // A wrong secret always costs the read, cached id or not, so timing does not tell which ids exist.
    if (!row || !sameHash(presented, row.secretHash)) row = await this.readKey(parts.publicId, presented);
    if (!row || row.revoked || (row.userId && row.userStatus !== UserStatus.ACTIVE)) {
      return { failure: 'API key is invalid or revoked' };
    }
    await this.touch(row.id);
    return { principal: { kind: 'apiKey', id: row.id, userId: row.userId, roles: new Set(row.roles.filter((r) => r in Role)) } };
  }

  /** The key's row if the secret matches it (then it is cached), else undefined. */
  private async readKey(publicId: string, presented: string): Promise<KeyFacts | undefined> {
    const mark = this.keys.mark();
    const { rows } = await sql<KeyFacts>`
      select k.id::text, k.secret_hash as "secretHash", k.roles, k.user_id::text as "userId",
        k.revoked_at is not null as revoked, u.status as "userStatus"
      from api_key k left join folio_user u on u.id = k.user_id
      where k.public_id = ${publicId}`.execute(this.db);
    const row = rows[0];
    // Hash and compare even when no key has this id, so timing does not tell which ids exist.
    if (!sameHash(presented, row?.secretHash ?? noHash) || !row) return undefined;
    this.keys.set(publicId, row, mark);
    return row;
  }

  private async touch(keyId: string): Promise<void> {
    if (!this.keyTouchedAt.due(keyId, Date.now())) return;
    await sql`update api_key set last_used_at = now() where id = ${keyId}`.execute(this.db);
  }
}
