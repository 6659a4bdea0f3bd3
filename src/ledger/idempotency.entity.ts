import { defineEntity, p } from '@mikro-orm/core';

/**
 * The claim of a client idempotency key by one ledger operation, with a hash of its input.
 * The posting transaction inserts the claim first, so a concurrent request with the same key waits
 * on it and then replays the stored result; a rejected operation deletes its claim before commit.
 */
export const IdempotencyEntity = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'ledger_idempotency',
  properties: {
    key: p.string().length(200).primary(),
    requestHash: p.string().length(64),
    operation: p.string().length(32),
    entryId: p.bigint('string').nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
});
