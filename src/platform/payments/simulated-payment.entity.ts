import { defineEntity, p } from '@mikro-orm/core';

/**
 * The simulated processor's own books: what a real processor would keep on its side. It lives in
 * Folio's database only because the simulation has nowhere else to keep it across restarts; Folio's
 * modules never read it, they ask the processor (PaymentProcessor.lookup).
 */
export const SimulatedPaymentEntity = defineEntity({
  name: 'SimulatedPayment',
  tableName: 'simulated_processor_payment',
  properties: {
    reference: p.string().length(100).primary(),
    amount: p.bigint('string'),
    currency: p.string().length(3).columnType('char(3)'),
    destination: p.string().length(200),
    outcome: p.string().length(16),
    failureReason: p.string().length(500).nullable(),
    settlesAt: p.datetime().columnType('timestamptz'),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
});
