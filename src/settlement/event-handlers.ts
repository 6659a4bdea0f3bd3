import { applyCharges } from './charge.handler.js';
import { applyDisputeClosed, applyDisputeOpened } from './dispute.handler.js';
import { oneByOne, type BatchHandler } from './event-handler.js';
import { applyPayoutFailed, applyPayoutPaid } from './payout-event.handler.js';
import { applyRefund } from './refund.handler.js';

/**
 * The event types Folio applies, each by a handler of its own: a new type is a handler and a line
 * here. Any other type is stored, IGNORED and answered 202, so a processor never retries it.
 */
export const eventHandlers: Readonly<Record<string, BatchHandler>> = {
  'charge.succeeded': applyCharges,
  'refund.succeeded': oneByOne(applyRefund),
  'dispute.opened': oneByOne(applyDisputeOpened),
  'dispute.closed': oneByOne(applyDisputeClosed),
  'payout.paid': oneByOne(applyPayoutPaid),
  'payout.failed': oneByOne(applyPayoutFailed),
};

export const isAppliedType = (type: string): boolean => Object.hasOwn(eventHandlers, type);

/**
 * The types whose deliveries are applied in batches of one processor (WebhookIntake): charges,
 * the bulk of the traffic, each posting to the processor's receivable and fee accounts. The
 * others take a charge's or dispute's lock before their accounts', and stay one to a transaction.
 */
export const isCoalescedType = (type: string): boolean => type === 'charge.succeeded';
