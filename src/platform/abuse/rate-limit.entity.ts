import { defineEntity, p } from '@mikro-orm/core';

/**
 * rate-limiter-flexible's PostgreSQL store (RateLimiterPostgres with tableCreated: true): one row
 * per counter. Unlogged in the migration: a counter lost in a crash costs nothing. Declared here so
 * the migrator's diff knows the table; only the rate limiter reads or writes it.
 */
export const RateLimitEntity = defineEntity({
  name: 'RateLimit',
  tableName: 'rate_limit',
  properties: {
    key: p.string().length(255).primary(),
    points: p.integer().default(0),
    expire: p.bigint('number').nullable().index('rate_limit_expire_index'),
  },
});
