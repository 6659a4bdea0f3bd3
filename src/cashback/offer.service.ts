import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { parseAmount } from '../ledger/index.js';
import type { MerchantModule } from '../merchants/index.js';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import type { WalletService } from '../wallets/index.js';
import type { OfferTerms } from './cashback-math.js';
import { OfferEntity, type OfferRow } from './cashback.entity.js';
import { OfferKind, OfferStatus } from './cashback.enums.js';
import { CashbackError } from './cashback.errors.js';
import type { Clock } from './clock.js';

export interface CreateOfferCommand {
  merchantId: string; name: string; kind: OfferKind; basisPoints?: number | null; fixedAmount?: string | null; currency: string;
  startsAt: Date; endsAt: Date; perUserCap?: string | null; budget: string; minimumPurchase?: string | null; activate?: boolean | null;
  memberScope: string | undefined;
}

/** The arithmetic's view of an offer row. */
export function termsOf(row: OfferRow): OfferTerms & { row: OfferRow } {
  return {
    row, id: row.id, kind: row.kind, rate: BigInt(row.rate), currency: row.currency.trim(), status: row.status,
    startsAt: row.startsAt, endsAt: row.endsAt, minimumPurchase: BigInt(row.minimumPurchase),
  };
}

/** Where each status may go; ENDED is final. */
const nextStatuses: Record<OfferStatus, readonly OfferStatus[]> = {
  [OfferStatus.DRAFT]: [OfferStatus.ACTIVE, OfferStatus.ENDED],
  [OfferStatus.ACTIVE]: [OfferStatus.PAUSED, OfferStatus.ENDED],
  [OfferStatus.PAUSED]: [OfferStatus.ACTIVE, OfferStatus.ENDED],
  [OfferStatus.ENDED]: [],
};

/** Offers: a merchant's cashback terms, created by its users or staff, then activated, paused, ended. */
export class OfferService {
  constructor(private readonly orm: MikroORM, private readonly merchants: MerchantModule, private readonly wallets: WalletService, private readonly clock: Clock) {}

  /**
   * Creates an offer, DRAFT or (with `activate`) ACTIVE. No money moves: the budget is a limit the
   * merchant funds as purchases use it.
   * Errors, in precedence: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, NOT_FOUND.
   */
  async create(command: CreateOfferCommand): Promise<OfferRow> {
    const name = checkText(command.name, { max: limits.nameLengthMax, field: 'name', allowEmpty: false });
    const rate = this.rateOf(command);
    if (!(command.endsAt.getTime() > command.startsAt.getTime())) throw CashbackError.badInput('endsAt must be after startsAt', 'endsAt');
    const fixed = command.kind === OfferKind.FIXED ? parseAmount(command.fixedAmount!, 'fixedAmount') : BigInt(rate);
    const budget = parseAmount(command.budget, 'budget');
    const perUserCap = command.perUserCap == null ? null : parseAmount(command.perUserCap, 'perUserCap');
    const minimumPurchase = command.minimumPurchase == null || command.minimumPurchase === '0' ? 0n : parseAmount(command.minimumPurchase, 'minimumPurchase');
    const currency = this.wallets.currency(command.currency);
    const em = this.orm.em.fork();
    const [merchant] = await this.merchants.queries.byIds(em, [command.merchantId]);
    if (!merchant || !(await this.merchants.service.mayActFor(em, command.memberScope, command.merchantId))) throw CashbackError.notFound('Merchant', `mer_${command.merchantId}`);
    const now = this.clock.now();
    const row = em.create(OfferEntity, {
      merchantId: merchant.id, name, kind: command.kind, rate: String(fixed), currency, startsAt: command.startsAt, endsAt: command.endsAt,
      perUserCap: perUserCap === null ? null : String(perUserCap), budget: String(budget), budgetUsed: '0', minimumPurchase: String(minimumPurchase),
      status: command.activate ? OfferStatus.ACTIVE : OfferStatus.DRAFT, createdAt: now, updatedAt: now,
    } as never) as OfferRow;
    await em.flush();
    return row;
  }

  /** Moves an offer to ACTIVE, PAUSED or ENDED. Errors: BAD_USER_INPUT, NOT_FOUND, INVALID_OFFER_TRANSITION. */
  async setStatus(id: string, status: OfferStatus, memberScope: string | undefined): Promise<OfferRow> {
    if (status === OfferStatus.DRAFT) throw CashbackError.badInput('an offer cannot go back to DRAFT', 'status');
    return this.orm.em.fork().transactional(async (em) => {
      const offer = await em.findOne(OfferEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!offer || !(await this.merchants.service.mayActFor(em, memberScope, String(offer.merchantId)))) throw CashbackError.offerNotFound(id);
      if (!nextStatuses[offer.status].includes(status)) throw CashbackError.invalidOfferTransition(id, offer.status, status);
      offer.status = status;
      offer.updatedAt = this.clock.now();
      return offer as OfferRow;
    });
  }

  /** A PERCENTAGE offer's basis points (1 to 10,000), or 0 for FIXED (its amount is parsed with the other amounts). */
  private rateOf(command: CreateOfferCommand): number {
    if (command.kind === OfferKind.PERCENTAGE) {
      if (command.fixedAmount != null) throw CashbackError.badInput('a PERCENTAGE offer takes basisPoints, not fixedAmount', 'fixedAmount');
      const bps = command.basisPoints;
      if (bps == null || !Number.isInteger(bps) || bps < 1 || bps > 10_000) throw CashbackError.badInput('basisPoints must be 1 to 10000', 'basisPoints');
      return bps;
    }
    if (command.basisPoints != null) throw CashbackError.badInput('a FIXED offer takes fixedAmount, not basisPoints', 'basisPoints');
    if (command.fixedAmount == null) throw CashbackError.badInput('a FIXED offer needs fixedAmount', 'fixedAmount');
    return 0;
  }
}
