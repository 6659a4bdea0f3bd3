import { sql, type Kysely, type RawBuilder } from 'kysely';
import { likePrefix, pageOf, type Page } from '../platform/db/page.js';
import type { Role } from '../platform/auth/roles.js';
import type { UserStatus } from './identity.enums.js';

/** A user as the API may show it: never the password hash or the token version. */
export interface UserRow {
  id: string;
  email: string;
  role: Role;
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** An API key as the API may show it: never the secret or its hash. */
export interface ApiKeyRow {
  id: string;
  publicId: string;
  name: string;
  roles: Role[];
  userId: string | null;
  createdById: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}


export interface UserFilter { role?: Role; status?: UserStatus; emailPrefix?: string }

/** The columns of a UserRow, for every statement that returns users. */
export const userColumns = sql`id::text as "id", email, role, status, created_at as "createdAt", updated_at as "updatedAt"`;

/** The columns of an ApiKeyRow. */
export const apiKeyColumns = sql`id::text as "id", public_id as "publicId", name, roles, user_id::text as "userId",
  created_by_id::text as "createdById", created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt"`;

function and(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/** Reads of users and API keys; each is one statement. */
export class IdentityQueries {
  constructor(private readonly db: Kysely<any>) {}

  async userById(id: string): Promise<UserRow | undefined> {
    const { rows } = await sql<UserRow>`select ${userColumns} from folio_user where id = ${id}`.execute(this.db);
    return rows[0];
  }

  async usersByIds(ids: readonly string[]): Promise<UserRow[]> {
    const { rows } = await sql<UserRow>`select ${userColumns} from folio_user where id = any(${[...ids]}::bigint[])`.execute(this.db);
    return rows;
  }

  /** Users by normalised email, in no order (an email matches one user at most). */
  async usersByEmails(emails: readonly string[]): Promise<UserRow[]> {
    const { rows } = await sql<UserRow>`select ${userColumns} from folio_user where email = any(${[...emails]}::text[])`.execute(this.db);
    return rows;
  }

  /** The user with this email, given in its stored (normalised) form. */
  async userByEmail(email: string): Promise<UserRow | undefined> {
    const { rows } = await sql<UserRow>`select ${userColumns} from folio_user where email = ${email}`.execute(this.db);
    return rows[0];
  }

  /** Users in id order after `afterId`; one more row than asked tells whether a next page exists. */
  async listUsers(filter: UserFilter, first: number, afterId?: string): Promise<Page<UserRow>> {
    const where: RawBuilder<unknown>[] = [];
    if (filter.role) where.push(sql`role = ${filter.role}::user_role`);
    if (filter.status) where.push(sql`status = ${filter.status}::user_status`);
    if (filter.emailPrefix) where.push(sql`email like ${likePrefix(filter.emailPrefix.trim().toLowerCase())}`);
    if (afterId) where.push(sql`id > ${afterId}`);
    const { rows } = await sql<UserRow>`select ${userColumns} from folio_user where ${and(where)}
      order by id limit ${first + 1}`.execute(this.db);
    return pageOf(rows, first);
  }

  async apiKeyById(id: string): Promise<ApiKeyRow | undefined> {
    const { rows } = await sql<ApiKeyRow>`select ${apiKeyColumns} from api_key where id = ${id}`.execute(this.db);
    return rows[0];
  }

  /** API keys in id order after `afterId`; revoked ones only when asked for. */
  async listApiKeys(includeRevoked: boolean, first: number, afterId?: string): Promise<Page<ApiKeyRow>> {
    const where: RawBuilder<unknown>[] = [];
    if (!includeRevoked) where.push(sql`revoked_at is null`);
    if (afterId) where.push(sql`id > ${afterId}`);
    const { rows } = await sql<ApiKeyRow>`select ${apiKeyColumns} from api_key where ${and(where)}
      order by id limit ${first + 1}`.execute(this.db);
    return pageOf(rows, first);
  }
}
