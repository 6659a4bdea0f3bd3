import { afterAll, describe, expect, inject, it } from 'vitest';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { Role } from '../../src/platform/auth/roles.js';
import { startTestGateway, type TestCaller, type TestGateway } from '../testkit/gateway.js';
import { VerifyLedger } from '../testkit/ledger-fixtures.js';
import { balanceOf, deposit, withdraw, withdrawalReaches } from './wallet-fixtures.js';

// Every gateway here shares the fee, so a withdrawal of 1,000 holds 1,025 whichever one settles it.
const env = { WITHDRAWAL_FEE_BPS: '250' };
const open = new Set<TestGateway>();

async function start(): Promise<TestGateway> {
  const gw = await startTestGateway(env);
  open.add(gw);
  return gw;
}
async function stop(gw: TestGateway): Promise<void> {
  open.delete(gw);
  await gw.close();
}

/**
 * SQL on the run's database through a connection of the test's own: the "crash" is staged while no
 * gateway of this test runs, so no worker can act on half of it.
 */
async function withDatabase<T>(work: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 }) }) });
  try {
    return await db.transaction().execute(work);
  } finally {
    await db.destroy();
  }
}

/** The stored state of a withdrawal, read while no gateway of this test runs. */
const stateOf = (id: string) => withDatabase(async (db) =>
  (await sql<{ state: string }>`select state::text from disbursement where id = ${id.slice(3)}::bigint`.execute(db)).rows[0]?.state);

afterAll(async () => {
  const gw = await start();
  try {
    const verified = await gw.request(VerifyLedger, {});
    expect(verified.data?.verifyLedger.ok, 'every balance equals its postings').toBe(true);
  } finally {
    await Promise.all([...open].map(stop));
  }
});

/** A customer with 5,000 and a withdrawal of 1,000 that the first gateway has sent to the processor. */
async function processingOn(gw: TestGateway, destination: string): Promise<{ alice: TestCaller; id: string; reference: string }> {
  const alice = await gw.user(Role.CUSTOMER, 'alice');
  await deposit(gw.as(alice), '5000');
  const { id, fee } = await withdraw(gw.as(alice), '1000', destination);
  expect(fee.amount).toBe('25');
  const reference = `wd_${id.slice(3)}_1`;
  const db = gw.services.orm.em.fork().getKysely();
  await withdrawalReaches(gw.as(alice), id, 'PROCESSING');
  // Marked PROCESSING first, then submitted: wait until the processor has it too.
  await expect.poll(async () => (await sql`select 1 from simulated_processor_payment where reference = ${reference}`.execute(db)).rows.length).toBe(1);
  expect(await balanceOf(gw.as(alice))).toEqual({ posted: '5000', pending: '-1025', available: '3975' });
  return { alice, id, reference };
}

/** The changes into one status, and how many payments the processor holds for the withdrawal. */
async function countsOf(gw: TestGateway, id: string) {
  const db = gw.services.orm.em.fork().getKysely();
  const rowId = id.slice(3);
  const { rows: changes } = await sql<{ to_state: string; n: string }>`select to_state, count(*)::text as n from disbursement_status_change
    where disbursement_id = ${rowId}::bigint group by to_state order by to_state`.execute(db);
  // A regular expression, not LIKE: in `wd_12_%` the underscores are wildcards, which also match
  // wd_123_1, another test's withdrawal in the run's shared database.
  const { rows: [payments] } = await sql<{ n: string }>`select count(*)::text as n from simulated_processor_payment where reference ~ ${`^wd_${rowId}_[0-9]+$`}`.execute(db);
  return { changes: Object.fromEntries(changes.map((c) => [c.to_state, Number(c.n)])), payments: Number(payments.n) };
}

describe('a gateway restarted in the middle of a withdrawal', () => {
  it('completes a withdrawal the processor was still working on when the gateway stopped', async () => {
    const first = await start();
    const { alice, id } = await processingOn(first, 'sim:delay:1500');
    await stop(first);
    expect(await stateOf(id), 'the first gateway stopped before the processor answered').toBe('PROCESSING');

    const second = await start();
    const done = await withdrawalReaches(second.as(alice), id, 'COMPLETED');
    expect(done.history.map((h) => h.to)).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
    expect(await balanceOf(second.as(alice))).toEqual({ posted: '3975', pending: '0', available: '3975' });
    expect(await countsOf(second, id)).toEqual({ changes: { OPEN: 1, PROCESSING: 1, SUCCEEDED: 1 }, payments: 1 });
    await stop(second);
  });

  it('resends, once, a withdrawal marked PROCESSING that never reached the processor (a crash between the two)', async () => {
    const first = await start();
    const { alice, id, reference } = await processingOn(first, 'sim:delay:600000');
    await stop(first);
    await withDatabase(async (db) => {
      // The processor never received it; had it been sent now, it would have been paid at once.
      // updated_at = now() keeps other test files' gateways off it until the new gateway's first
      // look, which takes every PROCESSING withdrawal however recent.
      await sql`delete from simulated_processor_payment where reference = ${reference}`.execute(db);
      await sql`update disbursement set destination = 'sim:succeed', updated_at = now() where id = ${id.slice(3)}::bigint`.execute(db);
    });

    const second = await start();
    const done = await withdrawalReaches(second.as(alice), id, 'COMPLETED');
    expect(done).toMatchObject({ attempt: 1, processorReference: reference });
    expect(done.history.map((h) => h.to)).toEqual(['PENDING', 'PROCESSING', 'COMPLETED']);
    // One commit: the posted balance dropped by amount + fee exactly once.
    expect(await balanceOf(second.as(alice))).toEqual({ posted: '3975', pending: '0', available: '3975' });
    expect(await countsOf(second, id)).toEqual({ changes: { OPEN: 1, PROCESSING: 1, SUCCEEDED: 1 }, payments: 1 });
    const { rows } = await sql<{ destination: string; outcome: string }>`select destination, outcome from simulated_processor_payment
      where reference = ${reference}`.execute(second.services.orm.em.fork().getKysely());
    expect(rows).toEqual([{ destination: 'sim:succeed', outcome: 'SUCCEEDED' }]);
    await stop(second);
  });

  it('returns the funds of a withdrawal the processor declined while the gateway was down', async () => {
    const first = await start();
    const { alice, id, reference } = await processingOn(first, 'sim:delay:600000');
    await stop(first);
    await withDatabase(async (db) => {
      await sql`update simulated_processor_payment set outcome = 'FAILED', failure_reason = 'the account was closed', settles_at = now()
        where reference = ${reference}`.execute(db);
      await sql`update disbursement set updated_at = now() where id = ${id.slice(3)}::bigint`.execute(db);
    });

    const second = await start();
    const failed = await withdrawalReaches(second.as(alice), id, 'FAILED');
    expect(failed).toMatchObject({ attempt: 1, failureReason: 'the account was closed' });
    expect(failed.history.map((h) => [h.to, h.reason])).toEqual([
      ['PENDING', 'requested'], ['PROCESSING', `sent to the payment processor as ${reference}`], ['FAILED', 'the processor declined: the account was closed'],
    ]);
    expect(await balanceOf(second.as(alice))).toEqual({ posted: '5000', pending: '0', available: '5000' });
    expect(await countsOf(second, id)).toEqual({ changes: { FAILED: 1, OPEN: 1, PROCESSING: 1 }, payments: 1 });
    await stop(second);
  });
});
