import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

const time = () => p.datetime().columnType('timestamptz');

/**
 * A payment processor that tells Folio about charges, refunds and payouts through signed webhooks.
 * Its signing secrets are stored sealed (processor-secrets.ts): they must be read back to verify a
 * signature, so they cannot be hashed. During a rotation the previous one stays valid until
 * `previousValidUntil`.
 */
export const ProcessorEntity = defineEntity({
  name: 'Processor',
  tableName: 'settlement_processor',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    /** The webhook URL's name: POST /webhooks/<slug>. */
    slug: p.string().length(64).unique('settlement_processor_slug_unique'),
    name: p.string().length(200),
    sealedSecret: p.text(),
    sealedPreviousSecret: p.text().nullable(),
    previousValidUntil: time().nullable(),
    /** How many secrets it has had: 1, then one more per rotation. */
    secretVersion: p.integer().default(1),
    createdAt: time().defaultRaw('now()'),
    updatedAt: time().defaultRaw('now()'),
  },
});

export type ProcessorRow = InferEntity<typeof ProcessorEntity>;

/** Whether the secret before the current one still verifies at `now` (a rotation in progress). */
export function previousSecretValid(row: Pick<ProcessorRow, 'sealedPreviousSecret' | 'previousValidUntil'>, now: Date): boolean {
  return Boolean(row.sealedPreviousSecret && row.previousValidUntil && row.previousValidUntil.getTime() > now.getTime());
}
