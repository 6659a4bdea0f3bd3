import { applyCharge } from './charge.handler.js';
import { applyDisputeClosed, applyDisputeOpened } from './dispute.handler.js';
import type { EventHandler } from './event-handler.js';
import { applyPayoutFailed, applyPayoutPaid } from './payout-event.handler.js';
import { applyRefund } from './refund.handler.js';

/**
 * The event types Folio applies, each by a handler of its own: a new type is a handler and a line
 * here. Any other type is stored, IGNORED and answered 202, so a processor never retries it.
 */
export const eventHandlers: Readonly<Record<string, EventHandler>> = {
  'charge.succeeded': applyCharge,
  'refund.succeeded': applyRefund,
  'dispute.opened': applyDisputeOpened,
  'dispute.closed': applyDisputeClosed,
  'payout.paid': applyPayoutPaid,
  'payout.failed': applyPayoutFailed,
};

export const isAppliedType = (type: string): boolean => Object.hasOwn(eventHandlers, type);
