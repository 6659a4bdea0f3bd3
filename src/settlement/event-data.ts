import { FolioError } from '../platform/errors.js';
import { parseAmount, parseCurrency } from '../ledger/index.js';

/** Why an event's `data` cannot be applied: the event becomes REJECTED with this as its note. */
export class UnreadableEvent extends Error {}

const textLengthMax = 200;
/** How far in the future an `occurred_at` may be (the processor's clock may run ahead). */
const futureSkewMs = 5 * 60_000;

/**
 * The `data` object of an event's body, read field by field: each reader returns the value or
 * throws UnreadableEvent naming the field, so a handler reads its facts in a few lines.
 * Amounts are minor units, as JSON integers or strings of digits.
 */
export class EventData {
  private constructor(private readonly data: Record<string, unknown>, private readonly now: Date) {}

  static of(payload: Record<string, unknown>, now: Date): EventData {
    const data = payload.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new UnreadableEvent('the event has no "data" object');
    return new EventData(data as Record<string, unknown>, now);
  }

  /** A string of 1 to 200 characters. */
  text(name: string): string {
    const value = this.data[name];
    if (typeof value !== 'string' || value.length === 0 || value.length > textLengthMax) throw new UnreadableEvent(`"${name}" is a string of 1 to ${textLengthMax} characters`);
    return value;
  }

  /** One of the given strings. */
  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.data[name];
    if (!values.includes(value as T)) throw new UnreadableEvent(`"${name}" is one of ${values.map((v) => `"${v}"`).join(', ')}`);
    return value as T;
  }

  /** A positive amount of minor units. */
  amount(name: string): bigint {
    return this.guard(() => parseAmount(this.digits(name), name));
  }

  /** An amount of minor units that may be 0; absent is 0. */
  amountOrZero(name: string): bigint {
    if (this.data[name] === undefined) return 0n;
    const text = this.digits(name);
    return text === '0' ? 0n : this.amount(name);
  }

  currency(name = 'currency'): string {
    return this.guard(() => parseCurrency(String(this.data[name] ?? ''), name));
  }

  /** An ISO 8601 instant, not in the future beyond clock skew. */
  instant(name: string): Date {
    const value = this.data[name];
    const at = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(at.getTime())) throw new UnreadableEvent(`"${name}" is an ISO 8601 instant`);
    if (at.getTime() > this.now.getTime() + futureSkewMs) throw new UnreadableEvent(`"${name}" is in the future`);
    return at;
  }

  private digits(name: string): string {
    const value = this.data[name];
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value)))) throw new UnreadableEvent(`"${name}" is a whole number of minor units`);
    return String(value);
  }

  /** The ledger's own amount and currency checks, their refusal turned into the event's. */
  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof FolioError) throw new UnreadableEvent(error.message);
      throw error;
    }
  }
}
