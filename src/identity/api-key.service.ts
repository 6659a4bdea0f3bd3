import { sql, type Kysely } from 'kysely';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Invalidations } from '../platform/events/invalidations.js';
import { ownerRoles, Role } from '../platform/auth/roles.js';
import { limits } from '../platform/limits.js';
import { logger } from '../platform/logger.js';
import { apiKeyChangedWithin, credentialTopics } from './credential-changes.js';
import { IdentityError } from './identity.errors.js';
import type { Page } from '../platform/db/page.js';
import { apiKeyColumns, type ApiKeyRow, type IdentityQueries } from './identity.queries.js';
import { newApiKey } from './tokens.js';

export interface CreateApiKeyCommand {
  name: string;
  roles: Role[];
  /** The user a MERCHANT or CUSTOMER key acts for (required with those roles). */
  userId?: string;
  /** The admin user who creates it, when the admin is a user rather than another key. */
  createdById: string | null;
}

/**
 * API keys for services: created by an admin, shown once (`folio_<publicId>_<secret>`), stored as
 * the public id and a SHA-256 hash of the secret, scoped to roles, revocable. The Authenticator
 * caches key rows; a revocation invalidates them on every gateway, so it takes effect on the next
 * request.
 */
export class ApiKeyService {
  constructor(private readonly orm: MikroORM, private readonly db: Kysely<any>, private readonly queries: IdentityQueries, private readonly invalidations: Invalidations) {}

  /**
   * Creates a key; the returned `key` is the only time the secret exists outside the caller.
   * Errors: BAD_USER_INPUT (name, roles, a MERCHANT or CUSTOMER key without userId), USER_NOT_FOUND.
   */
  async create(command: CreateApiKeyCommand): Promise<{ key: string; row: ApiKeyRow }> {
    const name = command.name.trim();
    if (name === '' || name.length > limits.nameLengthMax) {
      throw IdentityError.badInput(`name must have 1 to ${limits.nameLengthMax} characters`, 'name');
    }
    const roles = [...new Set(command.roles)];
    if (roles.length < 1 || roles.length > limits.apiKeyRolesMax || roles.length !== command.roles.length) {
      throw IdentityError.badInput(`roles must list 1 to ${limits.apiKeyRolesMax} different roles`, 'roles');
    }
    if (!command.userId && roles.some((role) => (ownerRoles as readonly Role[]).includes(role))) {
      throw IdentityError.badInput('a key with the MERCHANT or CUSTOMER role acts for a user: give userId', 'userId');
    }
    if (command.userId && !(await this.queries.userById(command.userId))) throw IdentityError.userNotFound(command.userId, 'userId');
    const generated = newApiKey();
    const { rows } = await sql<ApiKeyRow>`insert into api_key (public_id, secret_hash, name, roles, user_id, created_by_id)
      values (${generated.publicId}, ${generated.secretHash}, ${name}, ${roles}::text[], ${command.userId ?? null}, ${command.createdById})
      returning ${apiKeyColumns}`.execute(this.db);
    logger.info({ apiKeyId: rows[0].id, publicId: generated.publicId, roles, userId: command.userId, by: command.createdById }, 'API key created');
    return { key: generated.key, row: rows[0] };
  }

  /** Revokes a key (idempotent: a revoked key keeps its first revocation time). Errors: API_KEY_NOT_FOUND. */
  async revoke(id: string, actorId: string): Promise<ApiKeyRow> {
    const row = await this.orm.em.fork().transactional(async (em) => {
      const db = em.getKysely() as Kysely<any>;
      const { rows } = await sql<ApiKeyRow>`update api_key set revoked_at = coalesce(revoked_at, now())
        where id = ${id} returning ${apiKeyColumns}`.execute(db);
      if (rows[0]) await apiKeyChangedWithin(db, rows[0].publicId);
      return rows[0];
    });
    if (!row) throw IdentityError.apiKeyNotFound(id);
    this.invalidations.deliver(credentialTopics.apiKey, row.publicId);
    logger.info({ apiKeyId: id, by: actorId }, 'API key revoked');
    return row;
  }

  list(includeRevoked: boolean, first: number, afterId?: string): Promise<Page<ApiKeyRow>> {
    return this.queries.listApiKeys(includeRevoked, first, afterId);
  }
}
