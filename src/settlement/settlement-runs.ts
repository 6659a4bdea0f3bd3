import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { moves, parseAmount, parseCurrency, requestHash, type LedgerService } from '../ledger/index.js';
import { replayOf } from '../platform/idempotency.js';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import { SettlementRunEntity, type SettlementRunRow } from './settlement-ledger.entity.js';
import { settlementAccounts } from './settlement-accounts.js';
import { settlementLimits } from './settlement.config.js';
import { SettlementPayoutStatus, SettlementRunState } from './settlement.enums.js';
import { SettlementError } from './settlement.errors.js';

export interface RunCommand {
  /** The run's idempotency key: running again with it returns the run (resuming it if a restart cut it off). */
  runKey: string;
  processorId: string;
  currency: string;
  /** Minor units; omitted: SETTLEMENT_PAYOUT_MINIMUM. A merchant's own minimum comes first. */
  minimum?: string | null;
  startedById: string | null;
}

/** A merchant with money available at a processor in a currency: the sum of its items no payout covers yet. */
interface Payable { merchantId: string; available: bigint; minimum: bigint | null }

/**
 * Settlement payout runs: for one processor and currency, a payout of the whole available balance
 * of every merchant with at least its minimum, a page of merchants at a time. Each payout commits
 * on its own with the items it covers, under the merchant's account locks, so the items always sum
 * to the amount. The run's key makes it idempotent: a second call returns the run, and continues
 * it where it stopped if a restart cut it off (payouts are unique per run and merchant).
 * The payouts module's runs pay wallets through disbursements; these pay merchants through their
 * processor, which reports each paid or failed, so they share the rules, not the code.
 */
export class SettlementRuns {
  constructor(private readonly orm: MikroORM, private readonly ledger: LedgerService, private readonly defaultMinimum: bigint) {}

  /**
   * Runs (or resumes) a payout run and returns it COMPLETED.
   * Errors, in precedence: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, NOT_FOUND, IDEMPOTENCY_KEY_REUSED.
   */
  async run(command: RunCommand): Promise<SettlementRunRow> {
    const runKey = checkText(command.runKey, { max: limits.idempotencyKeyLengthMax, field: 'runKey', allowEmpty: false });
    const given = command.minimum == null ? null : parseAmount(command.minimum, 'minimum');
    const currency = parseCurrency(command.currency, 'currency');
    const db = this.db();
    const { rows: [processor] } = await sql`select 1 from settlement_processor where id = ${command.processorId}::bigint`.execute(db);
    if (!processor) throw SettlementError.notFound(command.processorId);
    const hash = requestHash('settlement-run', { processorId: command.processorId, currency, minimum: given });
    await sql`insert into settlement_run (run_key, request_hash, processor_id, currency, minimum, state, started_by_id)
      values (${runKey}, ${hash}, ${command.processorId}::bigint, ${currency}, ${String(given ?? this.defaultMinimum)}::bigint,
        ${SettlementRunState.RUNNING}::settlement_run_state, ${command.startedById}::bigint) on conflict (run_key) do nothing`.execute(db);
    const run = replayOf(await this.find(runKey), hash, () => SettlementError.keyReused(runKey))!;
    return run.state === SettlementRunState.COMPLETED ? run : this.execute(run);
  }

  private async execute(run: SettlementRunRow): Promise<SettlementRunRow> {
    let cursor = run.cursorMerchantId ?? '0';
    for (;;) {
      const page = await this.payables(run, cursor);
      for (const payable of page) {
        const minimum = payable.minimum ?? BigInt(run.minimum);
        if (payable.available >= minimum) await this.pay(run, payable.merchantId, minimum);
      }
      if (page.length > 0) cursor = page.at(-1)!.merchantId;
      const done = page.length < settlementLimits.runPageSize;
      await sql`update settlement_run set cursor_merchant_id = ${cursor}::bigint,
        state = ${done ? SettlementRunState.COMPLETED : SettlementRunState.RUNNING}::settlement_run_state, finished_at = ${done ? new Date() : null}
        where id = ${run.id}::bigint and state = ${SettlementRunState.RUNNING}::settlement_run_state`.execute(this.db());
      if (done) return (await this.find(run.runKey))!;
    }
  }

  /** The next page of merchants with a positive available balance, by merchant id, with their own minimums. */
  private async payables(run: SettlementRunRow, afterMerchantId: string): Promise<Payable[]> {
    const { rows } = await sql<{ merchant_id: string; available: string; minimum: string | null }>`select i.merchant_id::text, sum(i.amount)::text as available,
      (select t.payout_minimum::text from settlement_terms t where t.merchant_id = i.merchant_id) as minimum
      from settlement_item i where i.processor_id = ${run.processorId}::bigint and i.currency = ${run.currency} and i.payout_id is null
        and i.merchant_id > ${afterMerchantId}::bigint
      group by i.merchant_id order by i.merchant_id limit ${settlementLimits.runPageSize}`.execute(this.db());
    return rows.map((row) => ({ merchantId: row.merchant_id, available: BigInt(row.available), minimum: row.minimum === null ? null : BigInt(row.minimum) }));
  }

  /**
   * Pays one merchant its whole available balance, with the items it covers, unless this run paid
   * it already or its balance fell below its minimum since the page was read.
   */
  private async pay(run: SettlementRunRow, merchantId: string, minimum: bigint): Promise<void> {
    const codes = settlementAccounts(String(run.processorId), merchantId, run.currency);
    await this.ledger.transaction(this.orm.em, async (tx) => {
      const db = tx.em.getKysely() as Kysely<any>;
      const { rows: [paid] } = await sql`select 1 from settlement_payout where run_id = ${run.id}::bigint and merchant_id = ${merchantId}::bigint`.execute(db);
      if (paid) return;
      // Every movement of the available balance locks its account, as this transaction has: the sum is the balance.
      const { rows: [open] } = await sql<{ total: string | null }>`select sum(amount)::text as total from settlement_item
        where processor_id = ${run.processorId}::bigint and merchant_id = ${merchantId}::bigint and currency = ${run.currency} and payout_id is null`.execute(db);
      const amount = BigInt(open.total ?? '0');
      if (amount < minimum || amount <= 0n) return;
      const { rows: [{ id }] } = await sql<{ id: string }>`select nextval(pg_get_serial_sequence('settlement_payout', 'id'))::text as id`.execute(db);
      const posted = await tx.post({
        idempotencyKey: `settlement:payout:${id}`, description: `Settlement payout ${id} to merchant ${merchantId}`,
        metadata: { settlementPayoutId: id, runId: run.id, merchantId, processorId: String(run.processorId) },
        postings: moves(run.currency, [codes.available, codes.inPayout, amount]),
      });
      await sql`insert into settlement_payout (id, run_id, processor_id, merchant_id, currency, amount, status, entry_id, created_at)
        values (${id}::bigint, ${run.id}::bigint, ${run.processorId}::bigint, ${merchantId}::bigint, ${run.currency}, ${String(amount)}::bigint,
          ${SettlementPayoutStatus.PENDING}::settlement_payout_status, ${posted.entryId}::bigint, now())`.execute(db);
      await sql`update settlement_item set payout_id = ${id}::bigint
        where processor_id = ${run.processorId}::bigint and merchant_id = ${merchantId}::bigint and currency = ${run.currency} and payout_id is null`.execute(db);
    }, { lockAccounts: { codes: [codes.available, codes.inPayout] } });
  }

  private async find(runKey: string): Promise<SettlementRunRow | null> {
    return await this.orm.em.fork().findOne(SettlementRunEntity, { runKey }) as SettlementRunRow | null;
  }

  private db(): Kysely<any> {
    return this.orm.em.fork().getKysely() as Kysely<any>;
  }
}
