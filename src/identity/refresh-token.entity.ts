import { defineEntity, p } from '@mikro-orm/core';
import { UserEntity } from './user.entity.js';

/**
 * One refresh token, stored as a SHA-256 hash (the token is 256 random bits, so a fast hash is
 * enough and lets a lookup use the index). Each refresh rotates the token: the old one is marked
 * used and a new one joins the same family. Presenting a used token again means it was copied:
 * the whole family is revoked.
 */
export const RefreshTokenEntity = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_token',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    tokenHash: p.string().length(64).columnType('char(64)').unique(),
    userId: () => p.manyToOne(UserEntity).mapToPk().joinColumn('user_id')
      .foreignKeyName('refresh_token_user_fk').updateRule('no action').deleteRule('cascade').index(),
    familyId: p.uuid().index(),
    expiresAt: p.datetime().columnType('timestamptz'),
    usedAt: p.datetime().columnType('timestamptz').nullable(),
    revokedAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
});
