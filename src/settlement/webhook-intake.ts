import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { KeyedBatcher } from '../platform/keyed-batcher.js';
import type { Arrived, EventApplier } from './event-applier.js';
import { storeEvents, type Arrival } from './event-store.js';
import { isAppliedType, isCoalescedType } from './event-handlers.js';
import { settlementLimits } from './settlement.config.js';
import type { ProcessorService } from './processor.service.js';
import { ProcessorEventStatus } from './settlement.enums.js';

/** One POST to /webhooks/<slug>, as it arrived. */
export interface Delivery { slug: string; headers: Record<string, string | undefined>; body: Buffer }

/** The HTTP answer to a delivery: a status and a small JSON body with a stable `code` when refused. */
export interface Answer { status: number; body: Record<string, unknown> }

/** The headers kept with a stored event (never the rest: cookies, proxies' additions). */
const keptHeaders = ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type'] as const;
const eventIdLengthMax = 200;
const typeLengthMax = 100;

const refusal = (status: number, code: string, message: string): Answer => ({ status, body: { code, message } });

/**
 * Processors' webhook deliveries: verified (Standard Webhooks, before the body is read), then stored
 * exactly once per processor and event id, byte for byte. The first delivery of an event answers
 * 201, a repeat 200 with `duplicate: true` (however many arrive at once: the unique key decides),
 * an event of a type Folio does not apply 202. A stored event is then applied by its type's
 * handler (EventApplier) before the answer; charges arriving together for one processor are
 * stored and applied together, in one transaction. A signed body that is not a JSON object with a
 * `type` answers 400 and is kept as a dead letter.
 */
export class WebhookIntake {
  /**
   * Every charge of a processor posts to its receivable and fee accounts: the charges that arrive
   * while a batch of the processor's is being applied wait here, in memory, and go in the next one.
   * Each batch is stored and applied in one transaction, so it commits once. Too many waiting
   * answers 503 with nothing stored: the processor retries it.
   */
  private readonly batcher = new KeyedBatcher<Arrival, Arrived>({
    lanes: settlementLimits.applyLanesPerProcessor, batchMax: settlementLimits.applyBatchMax, waitingMax: settlementLimits.applyWaitingPerProcessor,
    what: 'events of this processor', run: (processorId, arrivals) => this.applier.storeAndApply(processorId, arrivals),
  });

  constructor(private readonly orm: MikroORM, private readonly processors: ProcessorService, private readonly applier: EventApplier) {}

  async receive(delivery: Delivery): Promise<Answer> {
    let verifier = await this.processors.verifierOf(delivery.slug);
    let failure = verifier && verify(verifier.secrets, delivery);
    // Refused by the secrets this gateway kept: read them again, they may have been rotated elsewhere.
    if (failure && verifier!.cached) {
      verifier = await this.processors.verifierOf(delivery.slug, { fresh: true });
      failure = verifier && verify(verifier.secrets, delivery);
    }
    if (!verifier) return refusal(404, 'PROCESSOR_NOT_FOUND', `no processor has the webhook /webhooks/${delivery.slug}`);
    if (failure) return refusal(401, 'WEBHOOK_SIGNATURE_INVALID', failure);
    const eventId = delivery.headers['webhook-id']!;
    const headers = Object.fromEntries(keptHeaders.flatMap((name) => (delivery.headers[name] === undefined ? [] : [[name, delivery.headers[name]!]])));
    if (eventId.length > eventIdLengthMax) return this.deadLetter(verifier.row.id, eventId.slice(0, eventIdLengthMax), delivery, headers, `webhook-id is longer than ${eventIdLengthMax} characters`);
    const event = eventOf(delivery.body);
    if ('reason' in event) return this.deadLetter(verifier.row.id, eventId, delivery, headers, event.reason);
    const { type } = event;
    const arrival: Arrival = { eventId, type, status: isAppliedType(type) ? ProcessorEventStatus.RECEIVED : ProcessorEventStatus.IGNORED, body: delivery.body, headers };
    const duplicate = { status: 200, body: { received: true, duplicate: true, eventId } };
    // A charge is stored in its batch's transaction, with what it posts.
    if (isCoalescedType(type)) {
      const arrived = await this.batcher.submit(verifier.row.id, arrival);
      return arrived === 'DUPLICATE' ? duplicate : { status: 201, body: { received: true, duplicate: false, eventId, status: arrived } };
    }
    const stored = (await storeEvents(this.db(), verifier.row.id, [arrival])).get(eventId);
    if (!stored) return duplicate;
    if (arrival.status === ProcessorEventStatus.IGNORED) return { status: 202, body: { received: true, duplicate: false, applied: false, eventId, reason: `event type "${type}" is not one Folio applies` } };
    // Stored: from here a failure leaves the event RECEIVED, for the sweeper, and the processor's retry is a duplicate.
    return { status: 201, body: { received: true, duplicate: false, eventId, status: await this.applier.apply(stored.id) } };
  }

  private async deadLetter(processorId: string, eventId: string, delivery: Delivery, headers: Record<string, string>, reason: string): Promise<Answer> {
    await sql`insert into settlement_processor_dead_letter (processor_id, event_id, reason, raw_body, headers)
      values (${processorId}::bigint, ${eventId}, ${reason}, ${delivery.body}, ${JSON.stringify(headers)}::jsonb)`.execute(this.db());
    return refusal(400, 'WEBHOOK_PAYLOAD_MALFORMED', reason);
  }

  private db(): Kysely<any> {
    return this.orm.em.fork().getKysely() as Kysely<any>;
  }
}

/** Why the signature does not verify under any of the secrets, or undefined when it does. */
function verify(secrets: readonly string[], delivery: Delivery): string | undefined {
  let reason = 'no matching signature';
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>, { jsonParse: false });
      return undefined;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      reason = error.message;
    }
  }
  return reason;
}

/** The body's event type and object, or why the body is not an event (not JSON, not an object, no `type`). */
function eventOf(body: Buffer): { type: string; payload: Record<string, unknown> } | { reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { reason: 'the body is not JSON' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { reason: 'the body is not a JSON object' };
  const type = (parsed as { type?: unknown }).type;
  if (typeof type !== 'string' || type === '' || type.length > typeLengthMax) return { reason: `the body has no "type" of 1 to ${typeLengthMax} characters` };
  return { type, payload: parsed as Record<string, unknown> };
}
