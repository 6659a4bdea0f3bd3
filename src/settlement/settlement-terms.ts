import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { parseAmount } from '../ledger/index.js';
import { SettlementTermsEntity, type SettlementTermsRow } from './settlement-ledger.entity.js';
import { settlementLimits } from './settlement.config.js';
import { SettlementError } from './settlement.errors.js';

/** What applying a charge needs of the terms: the window of a merchant without one of its own (its own is read with its link). */
export interface SettlementTermsReader { readonly defaultMaturityHours: number }

/** Merchants' settlement terms: the maturity window and the payout minimum, each overridable per merchant. */
export class SettlementTerms implements SettlementTermsReader {
  constructor(private readonly orm: MikroORM, readonly defaultMaturityHours: number) {}

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
