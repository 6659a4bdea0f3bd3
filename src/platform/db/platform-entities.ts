import { RateLimitEntity } from '../abuse/rate-limit.entity.js';
import { EventRetentionEntity } from '../events/event-retention.entity.js';
import { LedgerEventEntity } from '../events/ledger-event.entity.js';
import { SimulatedPaymentEntity } from '../payments/simulated-payment.entity.js';

/** Platform's own tables: the outbox every module's events go through (and its retention floor), the rate-limit counters, the simulated processor's payments. */
export const platformEntities = [LedgerEventEntity, EventRetentionEntity, RateLimitEntity, SimulatedPaymentEntity];
