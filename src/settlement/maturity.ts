import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { moves, type LedgerService } from '../ledger/index.js';
import type { Clock } from '../platform/clock.js';
import type { Registry } from 'prom-client';
import { logger } from '../platform/logger.js';
import { PollingWorker } from '../platform/worker.js';
import { addItem } from './event-handler.js';
import type { EventApplier } from './event-applier.js';
import { settlementAccounts } from './settlement-accounts.js';
import { settlementLimits } from './settlement.config.js';
import { SettlementItemKind } from './settlement.enums.js';

/**
 * Charges' maturity: when a charge's window has passed by the module's clock, its net moves from the
 * merchant's immature balance to available, effective at the moment it matured (or now, when the
 * clock runs ahead of the ledger's), so `balance(asOf:)` splits it right at any past time.
 */
export class Maturity {
  constructor(private readonly orm: MikroORM, private readonly ledger: LedgerService, private readonly clock: Clock) {}

  /** The charges due by the module's clock, soonest first. */
  async due(limit: number): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`select id::text from settlement_charge where matured_at is null and matures_at <= ${this.clock.now()}
      order by matures_at limit ${limit}`.execute(this.orm.em.fork().getKysely() as Kysely<any>);
    return rows.map((row) => row.id);
  }

  /** Matures one charge if it is still due; false when another worker (or an earlier pass) matured it. */
  async mature(chargeRowId: string): Promise<boolean> {
    return this.ledger.transaction(this.orm.em, async (tx) => {
      const db = tx.em.getKysely() as Kysely<any>;
      const { rows: [charge] } = await sql<{ processor_id: string; merchant_id: string; currency: string; gross: string; fee: string; matures_at: Date | string; charge_id: string }>`select
        processor_id::text, merchant_id::text, currency, gross::text, fee::text, matures_at, charge_id from settlement_charge
        where id = ${chargeRowId}::bigint and matured_at is null and matures_at <= ${this.clock.now()} for update skip locked`.execute(db);
      if (!charge) return false;
      const net = BigInt(charge.gross) - BigInt(charge.fee);
      // The ledger takes no entry effective in its future: a clock moved ahead matures at the ledger's now.
      const at = new Date(Math.min(new Date(charge.matures_at).getTime(), Date.now()));
      const codes = settlementAccounts(charge.processor_id, charge.merchant_id, charge.currency);
      const entryId = net === 0n ? null : (await tx.post({
        idempotencyKey: `settlement:matured:${chargeRowId}`, effectiveAt: at, description: `Charge ${charge.charge_id} matured`,
        metadata: { chargeId: charge.charge_id, merchantId: charge.merchant_id, processorId: charge.processor_id },
        postings: moves(charge.currency, [codes.immature, codes.available, net]),
      })).entryId;
      await sql`update settlement_charge set matured_at = ${at}, matured_entry_id = ${entryId}::bigint where id = ${chargeRowId}::bigint`.execute(db);
      await addItem(db, {
        processorId: charge.processor_id, merchantId: charge.merchant_id, currency: charge.currency, kind: SettlementItemKind.CHARGE_MATURED,
        amount: net, gross: BigInt(charge.gross), fee: BigInt(charge.fee), entryId, at, chargeRowId,
      });
      return true;
    });
  }
}

/** Matures the charges due, a batch a pass. Restart-safe and idempotent: it keeps no state, and any number of gateways may run it. */
export class MaturityWorker extends PollingWorker {
  constructor(private readonly maturity: Maturity, registry?: Registry, intervalMs: number = settlementLimits.workerPollIntervalMs) {
    super({ name: 'settlement-maturity-worker', intervalMs, passOnStart: true, registry });
  }

  protected async pass(): Promise<boolean> {
    const due = await this.maturity.due(settlementLimits.workerBatchMax);
    let matured = 0;
    for (const id of due) if (await this.maturity.mature(id)) matured += 1;
    if (matured > 0) logger.info({ matured }, 'settlement charges matured');
    return due.length === settlementLimits.workerBatchMax && matured > 0;
  }
}

/** Applies the events a delivery left RECEIVED (a crash, an outage) and those whose wake was cut off. */
export class EventSweeper extends PollingWorker {
  constructor(private readonly applier: EventApplier, registry?: Registry, intervalMs: number = settlementLimits.workerPollIntervalMs) {
    super({ name: 'settlement-event-sweeper', intervalMs, passOnStart: true, registry });
  }

  protected async pass(): Promise<boolean> {
    const stranded = await this.applier.stranded(settlementLimits.workerBatchMax);
    for (const id of stranded) await this.applier.apply(id);
    if (stranded.length > 0) logger.info({ events: stranded.length }, 'settlement events swept');
    return stranded.length === settlementLimits.workerBatchMax;
  }
}
