import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import type { CoherentCache } from '../platform/cache/coherent-cache.js';
import { notifyInvalidation, type Invalidations } from '../platform/events/invalidations.js';
import { limits } from '../platform/limits.js';
import { pageOf, type Page } from '../platform/db/page.js';
import { MerchantEntity, MerchantUserEntity, type MerchantRow } from './merchant.entity.js';
import type { MerchantStatus } from './merchant.enums.js';

/** The invalidation topic of a merchant's status and users, keyed by the merchant's id. */
export const merchantChangedTopic = 'merchants.merchant';

/** Inside the transaction that changes the merchant's status or its users: every gateway drops what it kept of them on commit. */
export function merchantChangedWithin(em: EntityManager, merchantId: string): Promise<void> {
  return notifyInvalidation(em.getKysely() as Kysely<any>, merchantChangedTopic, merchantId);
}

/** Reads of merchants and their users; never writes. */
export class MerchantQueries {
  async byIds(em: EntityManager, ids: readonly string[]): Promise<MerchantRow[]> {
    return (await em.find(MerchantEntity, { id: { $in: [...ids] } })) as MerchantRow[];
  }

  /** `merchantId:userId` (`merchantId:*` for staff) to the merchant's status: only found merchants and members are kept. */
  private readonly standing: CoherentCache<{ merchantId: string; status: MerchantStatus }>;

  constructor(invalidations: Invalidations) {
    this.standing = invalidations.cache({ entriesMax: limits.authCacheEntriesMax, ttlMs: limits.authCacheTtlMs });
    invalidations.on(merchantChangedTopic, (merchantId) => this.standing.deleteWhere((entry) => entry.merchantId === merchantId));
  }

  /**
   * A merchant's status if `userId` acts for it (undefined: staff, who act for any), read in one
   * statement and then kept in memory until the merchant's status or users change (every gateway
   * hears of it: merchantChangedWithin); undefined when it does not exist or the user does not act
   * for it (never kept, so no caller fills the cache with made-up ids).
   */
  async statusFor(em: EntityManager, merchantId: string, userId: string | undefined): Promise<MerchantStatus | undefined> {
    const key = `${merchantId}:${userId ?? '*'}`;
    const cached = this.standing.get(key);
    if (cached) return cached.status;
    const mark = this.standing.mark();
    const { rows } = await sql<{ status: MerchantStatus }>`select m.status from merchant m where m.id = ${merchantId}::bigint
      and (${userId ?? null}::bigint is null or exists (select 1 from merchant_user u where u.merchant_id = m.id and u.user_id = ${userId ?? null}::bigint))`
      .execute(em.getKysely() as Kysely<any>);
    if (rows[0]) this.standing.set(key, { merchantId, status: rows[0].status }, mark);
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
