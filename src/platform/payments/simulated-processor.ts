import { sql, type Kysely } from 'kysely';
import type { PaymentProcessor, PaymentRequest, PaymentStatus } from './payment-processor.js';

/** How the simulated processor answers: at once (succeed, fail) or after a delay, then succeeding. */
export type SimulatedMode = 'succeed' | 'fail' | 'delay';

export interface SimulatedProcessorOptions {
  /** The outcome for a destination that does not choose one. */
  mode: SimulatedMode;
  /** How long a delayed payment stays PENDING. */
  delayMs: number;
}

const destinationPattern = /^sim:(succeed|fail|delay)(?::(\d{1,7}))?$/;

/** The outcome a destination asks for (`sim:fail`, `sim:delay:1500`), else the configured one. */
export function outcomeFor(destination: string, options: SimulatedProcessorOptions): { mode: SimulatedMode; delayMs: number } {
  const match = destinationPattern.exec(destination);
  if (!match) return { mode: options.mode, delayMs: options.delayMs };
  return { mode: match[1] as SimulatedMode, delayMs: match[2] === undefined ? options.delayMs : Number(match[2]) };
}

/**
 * A processor for development and tests: deterministic, keeping its books in its own table so that
 * it remembers payments across a gateway restart, like a real one would. The outcome comes from
 * PAYMENT_PROCESSOR_MODE, or per payment from a `sim:` destination, the way card processors have
 * test numbers: `sim:succeed`, `sim:fail`, `sim:delay` or `sim:delay:<ms>`.
 */
export class SimulatedProcessor implements PaymentProcessor {
  readonly name = 'simulated';

  constructor(private readonly db: Kysely<any>, private readonly options: SimulatedProcessorOptions) {}

  async submit(request: PaymentRequest): Promise<Exclude<PaymentStatus, { status: 'UNKNOWN' }>> {
    const { mode, delayMs } = outcomeFor(request.destination, this.options);
    const outcome = mode === 'fail' ? 'FAILED' : 'SUCCEEDED';
    const reason = mode === 'fail' ? 'the simulated bank declined the payment' : null;
    // Idempotent on the reference: a resubmission changes nothing and reads the first answer.
    await sql`insert into simulated_processor_payment (reference, amount, currency, destination, outcome, failure_reason, settles_at)
      values (${request.reference}, ${String(request.amount)}::bigint, ${request.currency}, ${request.destination}, ${outcome}, ${reason},
        now() + ${mode === 'delay' ? delayMs : 0} * interval '1 millisecond')
      on conflict (reference) do nothing`.execute(this.db);
    return (await this.lookup(request.reference)) as Exclude<PaymentStatus, { status: 'UNKNOWN' }>;
  }

  async lookup(reference: string): Promise<PaymentStatus> {
    const { rows: [row] } = await sql<{ outcome: string; failure_reason: string | null; settled: boolean }>`
      select outcome, failure_reason, settles_at <= now() as settled from simulated_processor_payment where reference = ${reference}`.execute(this.db);
    if (!row) return { status: 'UNKNOWN' };
    if (!row.settled) return { status: 'PENDING' };
    return row.outcome === 'FAILED' ? { status: 'FAILED', reason: row.failure_reason ?? 'declined' } : { status: 'SUCCEEDED' };
  }
}
