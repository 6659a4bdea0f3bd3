import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { uniqueViolationOf } from '../platform/db/unique-violation.js';
import { checkSlug, checkText } from '../platform/input.js';
import { pageOf, type Page } from '../platform/db/page.js';
import { previousSecretValid, ProcessorEntity, type ProcessorRow } from './processor.entity.js';
import { newSigningSecret, type SecretBox } from './processor-secrets.js';
import { settlementLimits } from './settlement.config.js';
import { SettlementError } from './settlement.errors.js';

/** A processor with its signing secret in the clear: returned once, when it is made. */
export interface WithSecret { row: ProcessorRow; signingSecret: string }

/** A processor as a delivery is verified against: its row, and its secrets opened. `cached`: read earlier, not now. */
export interface Verifier { row: ProcessorRow; secrets: string[]; cached: boolean }

/**
 * Processors, as staff register them: each gets a Standard Webhooks signing secret, shown once and
 * stored sealed; a rotation issues a new one and keeps the previous valid for a day (both verify),
 * so a processor can switch without losing a delivery.
 */
export class ProcessorService {
  /** Processors by slug with their secrets opened, read once per gateway (up to processorCacheMax, oldest out first). */
  private readonly verifiers = new Map<string, { row: ProcessorRow; current: string; previous: string | null }>();

  constructor(private readonly orm: MikroORM, private readonly box: SecretBox, private readonly now: () => Date = () => new Date()) {}

  /** Errors, in precedence: BAD_USER_INPUT, PROCESSOR_SLUG_TAKEN. */
  async register(command: { name: string; slug: string }): Promise<WithSecret> {
    const name = checkText(command.name, { max: settlementLimits.processorNameLengthMax, field: 'name', allowEmpty: false });
    const slug = checkSlug(command.slug);
    const signingSecret = newSigningSecret();
    const em = this.orm.em.fork();
    const row = em.create(ProcessorEntity, { name, slug, sealedSecret: this.box.seal(signingSecret), sealedPreviousSecret: null, previousValidUntil: null } as never) as ProcessorRow;
    try {
      await em.flush();
    } catch (error) {
      if (uniqueViolationOf(error)?.constraint === 'settlement_processor_slug_unique') throw SettlementError.slugTaken(slug);
      throw error;
    }
    return { row, signingSecret };
  }

  /** A new signing secret; the one it replaces verifies for rotationOverlapMs more. Errors: NOT_FOUND. */
  async rotate(id: string): Promise<WithSecret> {
    const signingSecret = newSigningSecret();
    const row = await this.orm.em.fork().transactional(async (em) => {
      const processor = await em.findOne(ProcessorEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!processor) throw SettlementError.notFound(id);
      const now = this.now();
      Object.assign(processor, {
        sealedPreviousSecret: processor.sealedSecret, previousValidUntil: new Date(now.getTime() + settlementLimits.rotationOverlapMs),
        sealedSecret: this.box.seal(signingSecret), secretVersion: processor.secretVersion + 1, updatedAt: now,
      });
      return processor as ProcessorRow;
    });
    this.verifiers.delete(row.slug);
    return { row, signingSecret };
  }

  /**
   * The processor of a webhook URL and the secrets a delivery's signature may be made with now
   * (the current one, and the previous during a rotation); undefined for an unknown slug. Kept in
   * memory once read: `fresh` reads it again, for a signature the kept secrets refuse (the secret
   * may have been rotated on another gateway).
   */
  async verifierOf(slug: string, { fresh = false } = {}): Promise<Verifier | undefined> {
    let known = fresh ? undefined : this.verifiers.get(slug);
    const cached = known !== undefined;
    if (!known) {
      const row = await this.orm.em.fork().findOne(ProcessorEntity, { slug }) as ProcessorRow | null;
      if (!row) return undefined;
      known = { row, current: this.box.open(row.sealedSecret), previous: row.sealedPreviousSecret ? this.box.open(row.sealedPreviousSecret) : null };
      this.verifiers.delete(slug);
      this.verifiers.set(slug, known);
      if (this.verifiers.size > settlementLimits.processorCacheMax) this.verifiers.delete(this.verifiers.keys().next().value!);
    }
    const secrets = [known.current];
    if (known.previous && previousSecretValid(known.row, this.now())) secrets.push(known.previous);
    return { row: known.row, secrets, cached };
  }

  async byIds(ids: readonly string[]): Promise<ProcessorRow[]> {
    return await this.orm.em.fork().find(ProcessorEntity, { id: { $in: [...ids] } }) as ProcessorRow[];
  }

  /** Processors, newest first. */
  async list(first: number, after?: string): Promise<Page<ProcessorRow>> {
    const rows = await this.orm.em.fork().find(ProcessorEntity, after ? { id: { $lt: after } } : {}, { orderBy: { id: 'desc' }, limit: first + 1 });
    return pageOf(rows as ProcessorRow[], first);
  }
}
