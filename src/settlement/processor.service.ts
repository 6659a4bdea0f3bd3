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

/**
 * Processors, as staff register them: each gets a Standard Webhooks signing secret, shown once and
 * stored sealed; a rotation issues a new one and keeps the previous valid for a day (both verify),
 * so a processor can switch without losing a delivery.
 */
export class ProcessorService {
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
    return { row, signingSecret };
  }

  /**
   * The processor of a webhook URL and the secrets a delivery's signature may be made with now
   * (the current one, and the previous during a rotation); undefined for an unknown slug.
   */
  async verifierOf(slug: string): Promise<{ row: ProcessorRow; secrets: string[] } | undefined> {
    const row = await this.orm.em.fork().findOne(ProcessorEntity, { slug }) as ProcessorRow | null;
    if (!row) return undefined;
    const secrets = [this.box.open(row.sealedSecret)];
    if (previousSecretValid(row, this.now())) secrets.push(this.box.open(row.sealedPreviousSecret!));
    return { row, secrets };
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
