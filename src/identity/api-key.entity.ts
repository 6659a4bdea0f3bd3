import { defineEntity, p } from '@mikro-orm/core';
import { UserEntity } from './user.entity.js';

/**
 * A service's API key. The key is shown once, as `folio_<publicId>_<secret>`; only a SHA-256 hash
 * of the secret is kept (the secret is 256 random bits, so a slow password hash would add latency
 * to every request without adding safety). `roles` scope what the key may do; `userId` is the
 * user a MERCHANT or CUSTOMER key acts for.
 */
export const ApiKeyEntity = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    publicId: p.string().length(32).unique(),
    secretHash: p.string().length(64).columnType('char(64)'),
    name: p.string().length(200),
    roles: p.array().columnType('text[]'),
    userId: () => p.manyToOne(UserEntity).mapToPk().nullable().joinColumn('user_id')
      .foreignKeyName('api_key_user_fk').updateRule('no action').deleteRule('cascade').index(),
    createdById: () => p.manyToOne(UserEntity).mapToPk().nullable().joinColumn('created_by_id')
      .foreignKeyName('api_key_created_by_fk').updateRule('no action').deleteRule('set null'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    lastUsedAt: p.datetime().columnType('timestamptz').nullable(),
    revokedAt: p.datetime().columnType('timestamptz').nullable(),
  },
  checks: [{
    name: 'api_key_roles_check',
    expression: "cardinality(roles) >= 1 and roles <@ array['ADMIN', 'FINANCE', 'MERCHANT', 'CUSTOMER']::text[]",
  }],
});
