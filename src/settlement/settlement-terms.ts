import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { parseAmount } from '../ledger/index.js';
import { SettlementTermsEntity, type SettlementTermsRow } from './settlement-ledger.entity.js';
import { settlementLimits } from './settlement.config.js';
import { SettlementError } from './settlement.errors.js';

/** A merchant's terms as they apply: its own where set, the gateway's otherwise. */
export interface EffectiveTerms { maturityHours: number; payoutMinimum: bigint | null }

/** Reads a merchant's terms inside a handler's or a run's transaction. */
export interface SettlementTermsReader { of(db: Kysely<any>, merchantId: string): Promise<EffectiveTerms> }

/** Merchants' settlement terms: the maturity window and the payout minimum, each overridable per merchant. */
export class SettlementTerms implements SettlementTermsReader {
  constructor(private readonly orm: MikroORM, readonly defaultMaturityHours: number) {}

  async of(db: Kysely<any>, merchantId: string): Promise<EffectiveTerms> {
    const { rows: [row] } = await sql<{ maturity_hours: number | null; payout_minimum: string | null }>`select maturity_hours, payout_minimum::text
      from settlement_terms where merchant_id = ${merchantId}::bigint`.execute(db);
    return { maturityHours: row?.maturity_hours ?? this.defaultMaturityHours, payoutMinimum: row?.payout_minimum == null ? null : BigInt(row.payout_minimum) };
  }

  /**
   * Sets a merchant's terms (staff); null restores the gateway's default. A new maturity window
   * applies to charges from then on (a charge keeps the maturity it was given).
   * Errors, in precedence: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, NOT_FOUND.
   */
  async set(command: { merchantId: string; maturityHours: number | null; payoutMinimum: string | null }): Promise<SettlementTermsRow> {
    const hours = command.maturityHours;
    if (hours !== null && (!Number.isInteger(hours) || hours < 0 || hours > settlementLimits.maturityHoursMax)) {
      throw SettlementError.badInput(`maturityHours must be a whole number from 0 to ${settlementLimits.maturityHoursMax}`, 'maturityHours');
    }
    const minimum = command.payoutMinimum === null ? null : String(parseAmount(command.payoutMinimum, 'payoutMinimum'));
    const db = this.orm.em.fork().getKysely() as Kysely<any>;
    const { rows: [merchant] } = await sql`select 1 from merchant where id = ${command.merchantId}::bigint`.execute(db);
    if (!merchant) throw SettlementError.merchantNotFound(command.merchantId);
    await sql`insert into settlement_terms (merchant_id, maturity_hours, payout_minimum) values (${command.merchantId}::bigint, ${hours}, ${minimum}::bigint)
      on conflict (merchant_id) do update set maturity_hours = excluded.maturity_hours, payout_minimum = excluded.payout_minimum, updated_at = now()`.execute(db);
    return (await this.orm.em.fork().findOne(SettlementTermsEntity, { merchantId: command.merchantId }))! as SettlementTermsRow;
  }
}
