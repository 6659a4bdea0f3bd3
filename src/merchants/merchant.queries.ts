import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { pageOf, type Page } from '../platform/db/page.js';
import { MerchantEntity, MerchantUserEntity, type MerchantRow } from './merchant.entity.js';
import type { MerchantStatus } from './merchant.enums.js';

/** Reads of merchants and their users; never writes. */
export class MerchantQueries {
  async byIds(em: EntityManager, ids: readonly string[]): Promise<MerchantRow[]> {
    return (await em.find(MerchantEntity, { id: { $in: [...ids] } })) as MerchantRow[];
  }

  /**
   * A merchant's status if `userId` acts for it (undefined: staff, who act for any), in one
   * statement; undefined when it does not exist or the user does not act for it.
   */
  async statusFor(em: EntityManager, merchantId: string, userId: string | undefined): Promise<MerchantStatus | undefined> {
    const { rows } = await sql<{ status: MerchantStatus }>`select m.status from merchant m where m.id = ${merchantId}::bigint
      and (${userId ?? null}::bigint is null or exists (select 1 from merchant_user u where u.merchant_id = m.id and u.user_id = ${userId ?? null}::bigint))`
      .execute(em.getKysely() as Kysely<any>);
    return rows[0]?.status;
  }

  /** The merchants a user acts for, by id. */
  async merchantIdsOf(em: EntityManager, userId: string): Promise<string[]> {
    const rows = await em.find(MerchantUserEntity, { userId }, { orderBy: { merchantId: 'asc' }, limit: 100 });
    return rows.map((row) => row.merchantId as unknown as string);
  }

  async userIdsOf(em: EntityManager, merchantIds: readonly string[]): Promise<{ merchantId: string; userId: string }[]> {
    const rows = await em.find(MerchantUserEntity, { merchantId: { $in: [...merchantIds] } }, { orderBy: { id: 'asc' } });
    return rows.map((row) => ({ merchantId: row.merchantId as unknown as string, userId: row.userId as unknown as string }));
  }

  /** A page of merchants, newest first; `memberId` limits it to the merchants that user acts for. */
  async list(em: EntityManager, filter: { memberId?: string; status?: MerchantStatus }, first: number, after?: string): Promise<Page<MerchantRow>> {
    const where: Record<string, unknown> = {};
    if (filter.status) where.status = filter.status;
    if (after) where.id = { $lt: after };
    if (filter.memberId !== undefined) {
      const ids = await this.merchantIdsOf(em, filter.memberId);
      where.id = after ? { $lt: after, $in: ids } : { $in: ids };
    }
    const rows = await em.find(MerchantEntity, where, { orderBy: { id: 'desc' }, limit: first + 1 });
    return pageOf(rows as MerchantRow[], first);
  }
}
