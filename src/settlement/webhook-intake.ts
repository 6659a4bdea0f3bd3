import type { MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { LedgerService } from '../ledger/index.js';
import { FolioError } from '../platform/errors.js';
import { chargeOf, chargePostings, openChargeAccounts, type Charge } from './charge-posting.js';
import type { ProcessorService } from './processor.service.js';
import { knownEventTypes, ProcessorEventStatus } from './settlement.enums.js';

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
 * an event of a type Folio does not apply 202. A signed body that is not a JSON object with a
 * `type` answers 400 and is kept as a dead letter.
 */
export class WebhookIntake {
  constructor(private readonly orm: MikroORM, private readonly processors: ProcessorService, private readonly ledger: LedgerService, private readonly now: () => Date = () => new Date()) {}

  async receive(delivery: Delivery): Promise<Answer> {
    const verifier = await this.processors.verifierOf(delivery.slug);
    if (!verifier) return refusal(404, 'PROCESSOR_NOT_FOUND', `no processor has the webhook /webhooks/${delivery.slug}`);
    const failure = verify(verifier.secrets, delivery);
    if (failure) return refusal(401, 'WEBHOOK_SIGNATURE_INVALID', failure);
    const eventId = delivery.headers['webhook-id']!;
    const headers = Object.fromEntries(keptHeaders.flatMap((name) => (delivery.headers[name] === undefined ? [] : [[name, delivery.headers[name]!]])));
    if (eventId.length > eventIdLengthMax) return this.deadLetter(verifier.row.id, eventId.slice(0, eventIdLengthMax), delivery, headers, `webhook-id is longer than ${eventIdLengthMax} characters`);
    const event = eventOf(delivery.body);
    if ('reason' in event) return this.deadLetter(verifier.row.id, eventId, delivery, headers, event.reason);
    const { type } = event;
    const status = knownEventTypes.has(type) ? ProcessorEventStatus.RECEIVED : ProcessorEventStatus.IGNORED;
    const { rows } = await sql<{ id: string }>`insert into settlement_processor_event (processor_id, event_id, type, status, raw_body, headers)
      values (${verifier.row.id}::bigint, ${eventId}, ${type}, ${status}::settlement_processor_event_status, ${delivery.body}, ${JSON.stringify(headers)}::jsonb)
      on conflict (processor_id, event_id) do nothing returning id::text`.execute(this.db());
    if (rows.length === 0) return { status: 200, body: { received: true, duplicate: true, eventId } };
    if (status === ProcessorEventStatus.IGNORED) return { status: 202, body: { received: true, duplicate: false, applied: false, eventId, reason: `event type "${type}" is not one Folio applies` } };
    const applied = await this.apply({ id: rows[0].id, processorId: verifier.row.id, type, payload: event.payload });
    return { status: 201, body: { received: true, duplicate: false, eventId, status: applied } };
  }

  /**
   * Applies a stored event by its type's handler, once it is stored (a failure here leaves it
   * stored and RECEIVED). Only charges have a handler so far; other known types stay RECEIVED.
   */
  private async apply(event: { id: string; processorId: string; type: string; payload: Record<string, unknown> }): Promise<ProcessorEventStatus> {
    if (event.type !== 'charge.succeeded') return ProcessorEventStatus.RECEIVED;
    const charge = chargeOf(event.payload, this.now());
    if ('reason' in charge) return this.settle(event.id, ProcessorEventStatus.REJECTED, charge.reason);
    const { rows: [link] } = await sql<{ merchant_id: string }>`select merchant_id::text from settlement_merchant_link
      where processor_id = ${event.processorId}::bigint and external_id = ${charge.merchant}`.execute(this.db());
    if (!link) return this.settle(event.id, ProcessorEventStatus.UNMATCHED, `no merchant is linked to the processor's merchant id "${charge.merchant}"`);
    try {
      return await this.post(event, charge, link.merchant_id);
    } catch (error) {
      // A refusal of the ledger's (an account frozen, a balance past its range) is the event's, not a crash.
      if (error instanceof FolioError) return this.settle(event.id, ProcessorEventStatus.REJECTED, `${error.code}: ${error.message}`);
      throw error;
    }
  }

  /** Posts a charge and marks its event APPLIED, in one transaction. */
  private post(event: { id: string; processorId: string }, charge: Charge, merchantId: string): Promise<ProcessorEventStatus> {
    return this.ledger.transaction(this.orm.em, async (tx) => {
      await openChargeAccounts(tx, event.processorId, merchantId, charge.currency);
      const posted = await tx.post({
        idempotencyKey: `settlement:event:${event.id}`, effectiveAt: charge.occurredAt,
        description: `Charge ${charge.chargeId} (processor ${event.processorId})`,
        metadata: { processorEventId: event.id, chargeId: charge.chargeId, gross: String(charge.gross), fee: String(charge.fee), merchantId },
        postings: chargePostings(charge, event.processorId, merchantId),
      });
      await sql`update settlement_processor_event set status = ${ProcessorEventStatus.APPLIED}::settlement_processor_event_status, entry_id = ${posted.entryId}::bigint
        where id = ${event.id}::bigint`.execute(tx.em.getKysely() as Kysely<any>);
      return ProcessorEventStatus.APPLIED;
    });
  }

  private async settle(id: string, status: ProcessorEventStatus, note: string): Promise<ProcessorEventStatus> {
    await sql`update settlement_processor_event set status = ${status}::settlement_processor_event_status, note = ${note.slice(0, 500)}
      where id = ${id}::bigint`.execute(this.db());
    return status;
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
