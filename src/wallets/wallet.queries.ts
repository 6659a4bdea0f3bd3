import type { EntityManager, InferEntity } from '@mikro-orm/postgresql';
import { pageOf, type Page } from '../platform/db/page.js';
import { DisbursementEntity, DisbursementStatusChangeEntity } from './disbursement.entity.js';
import { WalletEntity, WalletTransactionEntity } from './wallet.entity.js';
import type { WalletRow, WalletTransactionRow } from './wallet.service.js';
import type { DisbursementRow } from './disbursement.service.js';
import type { DisbursementKind, DisbursementState, WalletTransactionKind, WalletTransactionStatus } from './wallets.enums.js';

export type StatusChangeRow = InferEntity<typeof DisbursementStatusChangeEntity>;

export interface HistoryFilter { kinds?: WalletTransactionKind[]; statuses?: WalletTransactionStatus[]; from?: Date; to?: Date }
export interface DisbursementFilter { kind: DisbursementKind; states?: DisbursementState[]; userId?: string; runId?: string }

/** Reads of wallets and their history; each is one statement, reached through DataLoaders from fields. */
export class WalletQueries {
  walletsByIds(em: EntityManager, ids: readonly string[]): Promise<WalletRow[]> {
    return em.find(WalletEntity, { id: { $in: [...ids] } });
  }

  walletsOfUser(em: EntityManager, userId: string): Promise<WalletRow[]> {
    return em.find(WalletEntity, { userId }, { orderBy: { currency: 'asc' } });
  }

  walletsByAccountIds(em: EntityManager, accountIds: readonly string[]): Promise<WalletRow[]> {
    return em.find(WalletEntity, { accountId: { $in: [...accountIds] } });
  }

  linesByIds(em: EntityManager, ids: readonly string[]): Promise<WalletTransactionRow[]> {
    return em.find(WalletTransactionEntity, { id: { $in: [...ids] } });
  }

  /** A wallet's history, newest first, before the cursor `beforeId`. */
  async history(em: EntityManager, walletId: string, filter: HistoryFilter, first: number, beforeId?: string): Promise<Page<WalletTransactionRow>> {
    const where: Record<string, unknown> = { walletId };
    if (filter.kinds?.length) where.kind = { $in: filter.kinds };
    if (filter.statuses?.length) where.status = { $in: filter.statuses };
    if (filter.from || filter.to) where.createdAt = { ...(filter.from && { $gte: filter.from }), ...(filter.to && { $lt: filter.to }) };
    if (beforeId) where.id = { $lt: beforeId };
    return pageOf(await em.find(WalletTransactionEntity, where as never, { orderBy: { id: 'desc' }, limit: first + 1 }), first);
  }

  disbursementsByIds(em: EntityManager, ids: readonly string[]): Promise<DisbursementRow[]> {
    return em.find(DisbursementEntity, { id: { $in: [...ids] } });
  }

  /** Withdrawals or payouts, newest first, filtered by state, user and run. */
  async disbursements(em: EntityManager, filter: DisbursementFilter, first: number, beforeId?: string): Promise<Page<DisbursementRow>> {
    const where: Record<string, unknown> = { kind: filter.kind };
    if (filter.states?.length) where.state = { $in: filter.states };
    if (filter.userId) where.userId = filter.userId;
    if (filter.runId) where.runId = filter.runId;
    if (beforeId) where.id = { $lt: beforeId };
    return pageOf(await em.find(DisbursementEntity, where as never, { orderBy: { id: 'desc' }, limit: first + 1 }), first);
  }

  statusChangesOf(em: EntityManager, disbursementIds: readonly string[]): Promise<StatusChangeRow[]> {
    return em.find(DisbursementStatusChangeEntity, { disbursementId: { $in: [...disbursementIds] } }, { orderBy: { id: 'asc' } });
  }
}
