import { defineEntity, p } from '@mikro-orm/core';
import { Role } from '../platform/auth/roles.js';
import { UserStatus } from './identity.enums.js';

/**
 * A person who logs in. `email` is stored normalised (trimmed, lower-case). `tokenVersion` is in
 * every access token: raising it (log out everywhere, a role change, disabling) ends them all at once.
 */
export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'folio_user',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    email: p.string().length(254).unique(),
    passwordHash: p.string().length(255),
    role: p.enum(() => Role).nativeEnumName('user_role'),
    status: p.enum(() => UserStatus).nativeEnumName('user_status').default(UserStatus.ACTIVE),
    tokenVersion: p.integer().default(0),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
});
