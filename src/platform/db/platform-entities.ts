import { LedgerEventEntity } from '../events/ledger-event.entity.js';
import { SimulatedPaymentEntity } from '../payments/simulated-payment.entity.js';

/** Platform's own tables: the outbox every module's events go through, and the simulated processor's payments. */
export const platformEntities = [LedgerEventEntity, SimulatedPaymentEntity];
