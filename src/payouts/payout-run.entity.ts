import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from '../identity/index.js';

export enum PayoutRunState {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}

/**
 * A payout run: payouts for every wallet of a currency whose available balance reached the
 * threshold. Idempotent per `runKey`; `cursorWalletId` is how far it got, so a run cut off by a
 * restart resumes where it stopped (each payout it makes is itself idempotent per run and wallet).
 */
export const PayoutRunEntity = defineEntity({
  name: 'PayoutRun',
  tableName: 'payout_run',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    runKey: p.string().length(200).unique(),
    requestHash: p.string().length(64).columnType('char(64)'),
    currency: p.string().length(3).columnType('char(3)'),
    threshold: p.bigint('string'),
    state: p.enum(() => PayoutRunState).nativeEnumName('payout_run_state'),
    walletsScanned: p.integer().default(0),
    payoutsCreated: p.integer().default(0),
    walletsSkipped: p.integer().default(0),
    totalAmount: p.bigint('string').default(0),
    cursorWalletId: p.bigint('string').default(0),
    startedById: () => p.manyToOne(UserEntity).mapToPk().nullable().joinColumn('started_by_id')
      .foreignKeyName('payout_run_started_by_fk').updateRule('no action').deleteRule('set null'),
    error: p.string().length(500).nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    finishedAt: p.datetime().columnType('timestamptz').nullable(),
  },
  indexes: [{ name: 'payout_run_state_index', properties: ['state'] }],
});

export type PayoutRunRow = InferEntity<typeof PayoutRunEntity>;
