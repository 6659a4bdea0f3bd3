import type { EntityManager } from '@mikro-orm/postgresql';
import { pageOf, type Page } from '../platform/db/page.js';
import { ProcessorDeadLetterEntity, ProcessorEventEntity, type ProcessorDeadLetterRow, type ProcessorEventRow } from './processor-event.entity.js';
import type { ProcessorEventStatus } from './settlement.enums.js';

export interface ProcessorEventFilter { processorId?: string; type?: string; status?: ProcessorEventStatus }

/** Reads of what processors delivered; never writes (the stored events cannot change). */
export class ProcessorEventQueries {
  /** Stored events, newest first. */
  async events(em: EntityManager, filter: ProcessorEventFilter, first: number, after?: string): Promise<Page<ProcessorEventRow>> {
    const where: Record<string, unknown> = {};
    if (filter.processorId) where.processorId = filter.processorId;
    if (filter.type) where.type = filter.type;
    if (filter.status) where.status = filter.status;
    if (after) where.id = { $lt: after };
    return pageOf(await em.find(ProcessorEventEntity, where, { orderBy: { id: 'desc' }, limit: first + 1 }) as ProcessorEventRow[], first);
  }

  /** Dead letters, newest first. */
  async deadLetters(em: EntityManager, processorId: string | undefined, first: number, after?: string): Promise<Page<ProcessorDeadLetterRow>> {
    const where: Record<string, unknown> = {};
    if (processorId) where.processorId = processorId;
    if (after) where.id = { $lt: after };
    return pageOf(await em.find(ProcessorDeadLetterEntity, where, { orderBy: { id: 'desc' }, limit: first + 1 }) as ProcessorDeadLetterRow[], first);
  }
}
