import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { uniqueViolationOf } from '../platform/db/unique-violation.js';
import { checkText } from '../platform/input.js';
import type { EventApplier } from './event-applier.js';
import { MerchantLinkEntity, type MerchantLinkRow } from './merchant-link.entity.js';
import { SettlementError } from './settlement.errors.js';

/** Merchants as processors know them: the processor's id of each merchant, which its events name. */
export class MerchantLinkService {
  constructor(private readonly orm: MikroORM, private readonly applier: EventApplier) {}

  /**
   * Links a merchant to its id at a processor (staff); linking it again replaces its id there.
   * The processor's UNMATCHED events that name the id are applied before it returns.
   * Errors, in precedence: BAD_USER_INPUT, NOT_FOUND (processor, then merchant), PROCESSOR_MERCHANT_ID_TAKEN.
   */
  async link(command: { merchantId: string; processorId: string; externalId: string }): Promise<MerchantLinkRow> {
    const externalId = checkText(command.externalId, { max: 200, field: 'processorMerchantId', allowEmpty: false });
    const em = this.orm.em.fork();
    const { rows: [found] } = await sql<{ processor: boolean; merchant: boolean }>`select
      exists (select 1 from settlement_processor where id = ${command.processorId}::bigint) as processor,
      exists (select 1 from merchant where id = ${command.merchantId}::bigint) as merchant`.execute(db(em));
    if (!found.processor) throw SettlementError.notFound(command.processorId);
    if (!found.merchant) throw SettlementError.merchantNotFound(command.merchantId);
    try {
      await sql`insert into settlement_merchant_link (merchant_id, processor_id, external_id)
        values (${command.merchantId}::bigint, ${command.processorId}::bigint, ${externalId})
        on conflict (merchant_id, processor_id) do update set external_id = excluded.external_id`.execute(db(em));
    } catch (error) {
      if (uniqueViolationOf(error)?.constraint === 'settlement_merchant_link_external_unique') throw SettlementError.processorMerchantIdTaken(externalId);
      throw error;
    }
    // The processor's events that named this merchant before it was linked apply now (the sweeper catches any this misses).
    await this.applier.wake(command.processorId, [`merchant:${externalId}`]);
    return (await em.findOne(MerchantLinkEntity, { merchantId: command.merchantId, processorId: command.processorId }))! as MerchantLinkRow;
  }

  /** The links of each merchant, oldest first. */
  async ofMerchants(em: EntityManager, merchantIds: readonly string[]): Promise<MerchantLinkRow[]> {
    return await em.find(MerchantLinkEntity, { merchantId: { $in: [...merchantIds] } }, { orderBy: { id: 'asc' } }) as MerchantLinkRow[];
  }
}

const db = (em: EntityManager) => em.getKysely() as Kysely<any>;
