import { sql, type Kysely } from 'kysely';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Role } from '../platform/auth/roles.js';
import { userChangedWithin } from './credential-changes.js';
import { normaliseEmail } from './email.js';
import { UserStatus } from './identity.enums.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';

export interface ProvisionedAdmin {
  userId: string;
  email: string;
  action: 'created' | 'reset';
}

/** Why the first admin could not be made, in words for the operator at the terminal. */
export class ProvisionError extends Error {}

/**
 * Makes an ADMIN user on a fresh install (`npm run admin:create`), or with `resetPassword` gives an
 * existing user a new password and makes it an active admin again (a locked-out operator's way back:
 * it also ends every session and access token of that user). There is no default password anywhere.
 * Throws IdentityError (INVALID_EMAIL, WEAK_PASSWORD) or ProvisionError.
 */
export async function provisionAdmin(orm: MikroORM, rawEmail: string, password: string, resetPassword: boolean): Promise<ProvisionedAdmin> {
  const email = normaliseEmail(rawEmail);
  checkPasswordPolicy(password, email);
  const hash = await hashPassword(password);
  return orm.em.fork().transactional(async (em) => {
    const db = em.getKysely() as Kysely<any>;
    if (!resetPassword) {
      const { rows } = await sql<{ id: string }>`insert into folio_user (email, password_hash, role)
        values (${email}, ${hash}, ${Role.ADMIN}::user_role) on conflict (email) do nothing returning id::text`.execute(db);
      if (!rows[0]) throw new ProvisionError(`a user with the email ${email} exists already: add --reset-password to give it a new password and make it an active admin`);
      return { userId: rows[0].id, email, action: 'created' as const };
    }
    const { rows } = await sql<{ id: string }>`update folio_user set password_hash = ${hash}, role = ${Role.ADMIN}::user_role,
        status = ${UserStatus.ACTIVE}::user_status, token_version = token_version + 1, updated_at = now()
      where email = ${email} returning id::text`.execute(db);
    if (!rows[0]) throw new ProvisionError(`no user has the email ${email}: leave out --reset-password to create the admin`);
    await sql`update refresh_token set revoked_at = now() where user_id = ${rows[0].id} and revoked_at is null`.execute(db);
    // Every running gateway drops its cached copy of this user when this commits.
    await userChangedWithin(db, rows[0].id);
    return { userId: rows[0].id, email, action: 'reset' as const };
  });
}
