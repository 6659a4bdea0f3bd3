import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { UserStatus, type IdentityQueries } from '../identity/index.js';
import { AccountType, NegativeBalancePolicy, type LedgerService, type LedgerTransaction } from '../ledger/index.js';
import { Role } from '../platform/auth/roles.js';
import { UniqueViolation } from '../platform/db/unique-violation.js';
import type { Invalidations } from '../platform/events/invalidations.js';
import { checkSlug, checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import type { WalletService } from '../wallets/index.js';
import { MerchantEntity, MerchantUserEntity, type MerchantRow } from './merchant.entity.js';
import { MerchantAccount, MerchantStatus } from './merchant.enums.js';
import { MerchantError } from './merchant.errors.js';
import { merchantChangedTopic, merchantChangedWithin, type MerchantQueries } from './merchant.queries.js';

export interface CreateMerchantCommand { name: string; slug: string; defaultCurrency: string; userIds?: readonly string[] }

/** Which status each staff action moves a merchant from, and to. */
const transitions = {
  verify: { from: [MerchantStatus.PENDING_VERIFICATION], to: MerchantStatus.ACTIVE },
  activate: { from: [MerchantStatus.SUSPENDED], to: MerchantStatus.ACTIVE },
  suspend: { from: [MerchantStatus.ACTIVE], to: MerchantStatus.SUSPENDED },
} as const;
export type MerchantAction = keyof typeof transitions;

/** `merchant:12:cashback-receivable:usd`: cashback and settlement post to merchant accounts by code. */
export function merchantAccountCode(merchantId: string, account: MerchantAccount, currency: string): string {
  return `merchant:${merchantId}:${account}:${currency.toLowerCase()}`;
}

const accountSpecs: Record<MerchantAccount, { name: string; type: AccountType; negativeBalance: NegativeBalancePolicy }> = {
  // A clawback after the merchant has settled what it owed leaves it owed money back: the receivable
  // then goes below zero, which the ledger should record rather than refuse.
  [MerchantAccount.CASHBACK_RECEIVABLE]: { name: 'Cashback receivable', type: AccountType.ASSET, negativeBalance: NegativeBalancePolicy.ALLOW },
  [MerchantAccount.PAYABLE]: { name: 'Payable', type: AccountType.LIABILITY, negativeBalance: NegativeBalancePolicy.FORBID },
};

/**
 * Merchants: profiles, verification and suspension by staff, the MERCHANT users who act for them,
 * and their ledger accounts (opened with the merchant in its default currency, and in another
 * currency on first use).
 */
export class MerchantService {
  /** `merchantId:currency` of the accounts known to be open (filled after commit). */
  private readonly opened = new Set<string>();

  constructor(
    private readonly orm: MikroORM,
    private readonly ledger: LedgerService,
    private readonly users: IdentityQueries,
    private readonly wallets: WalletService,
    private readonly invalidations: Invalidations,
    private readonly queries: MerchantQueries,
  ) {}

  /** Runs a change of the merchant's status or users, and tells every gateway once it commits. */
  private async changing<T>(merchantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const value = await this.orm.em.fork().transactional(async (em) => {
      const result = await work(em as EntityManager);
      await merchantChangedWithin(em as EntityManager, merchantId);
      return result;
    });
    this.invalidations.deliver(merchantChangedTopic, merchantId);
    return value;
  }

  /**
   * Creates a merchant PENDING_VERIFICATION with its accounts and users.
   * Errors, in precedence: BAD_USER_INPUT, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, USER_NOT_MERCHANT, MERCHANT_SLUG_TAKEN.
   */
  async create(command: CreateMerchantCommand): Promise<MerchantRow> {
    const name = checkText(command.name, { max: limits.nameLengthMax, field: 'name', allowEmpty: false });
    const slug = checkSlug(command.slug);
    const userIds = [...new Set(command.userIds ?? [])];
    if (userIds.length > merchantUsersMax) throw MerchantError.badInput(`a merchant has at most ${merchantUsersMax} users`, 'userIds');
    const currency = this.wallets.currency(command.defaultCurrency, 'defaultCurrency');
    for (const userId of userIds) await this.checkMerchantUser(userId);
    try {
      return await this.ledger.transaction(this.orm.em, async (tx) => {
        const merchant = tx.em.create(MerchantEntity, { name, slug, defaultCurrency: currency, status: MerchantStatus.PENDING_VERIFICATION, verifiedAt: null } as never) as MerchantRow;
        await tx.em.flush();
        for (const userId of userIds) tx.em.create(MerchantUserEntity, { merchantId: merchant.id, userId } as never);
        await tx.em.flush();
        await this.openAccounts(tx, merchant.id, currency);
        return merchant;
      });
    } catch (error) {
      if (error instanceof UniqueViolation && error.constraint === 'merchant_slug_unique') throw MerchantError.slugTaken(slug);
      throw error;
    }
  }

  /**
   * Opens the merchant's accounts in the currency unless they are open (inside the caller's
   * transaction). Accounts are never deleted, so once a transaction that opened them commits, this
   * process remembers them and a purchase's recording skips the four statements.
   */
  async openAccounts(tx: LedgerTransaction, merchantId: string, currency: string): Promise<void> {
    const cacheKey = `${merchantId}:${currency}`;
    if (this.opened.has(cacheKey)) return;
    for (const account of Object.values(MerchantAccount)) {
      const spec = accountSpecs[account];
      await tx.ensureAccount({
        code: merchantAccountCode(merchantId, account, currency), name: `${spec.name} of merchant ${merchantId} (${currency})`,
        type: spec.type, currency, negativeBalance: spec.negativeBalance, metadata: { merchantId, account },
      });
    }
    tx.afterCommit(() => {
      if (this.opened.size >= limits.merchantAccountCacheMax) this.opened.clear();
      this.opened.add(cacheKey);
    });
  }

  /** Verifies, activates or suspends a merchant (staff). Errors: NOT_FOUND, INVALID_MERCHANT_TRANSITION. */
  async transition(id: string, action: MerchantAction): Promise<MerchantRow> {
    const rule = transitions[action];
    return this.changing(id, async (em) => {
      const merchant = await em.findOne(MerchantEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!merchant) throw MerchantError.notFound(id);
      if (!(rule.from as readonly MerchantStatus[]).includes(merchant.status)) throw MerchantError.invalidTransition(id, merchant.status, rule.to);
      merchant.status = rule.to;
      if (action === 'verify') merchant.verifiedAt = new Date();
      merchant.updatedAt = new Date();
      return merchant as MerchantRow;
    });
  }

  /** Renames a merchant (its own users or staff). Errors: BAD_USER_INPUT, NOT_FOUND. */
  async update(id: string, memberScope: string | undefined, changes: { name?: string | null }): Promise<MerchantRow> {
    if (changes.name === null) throw MerchantError.badInput('name cannot be null: leave it out to keep it', 'name');
    const name = changes.name === undefined ? undefined : checkText(changes.name, { max: limits.nameLengthMax, field: 'name', allowEmpty: false });
    return this.orm.em.fork().transactional(async (em) => {
      const merchant = await em.findOne(MerchantEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!merchant || !(await this.mayActFor(em, memberScope, id))) throw MerchantError.notFound(id);
      if (name !== undefined) merchant.name = name;
      merchant.updatedAt = new Date();
      return merchant as MerchantRow;
    });
  }

  /** Adds a MERCHANT user to a merchant (staff); adding one twice is a no-op. Errors: USER_NOT_MERCHANT, NOT_FOUND, BAD_USER_INPUT (too many users). */
  async addUser(id: string, userId: string): Promise<MerchantRow> {
    await this.checkMerchantUser(userId);
    return this.changing(id, async (em) => {
      // Under the merchant's row lock, so concurrent additions cannot pass the limit together.
      const merchant = await em.findOne(MerchantEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!merchant) throw MerchantError.notFound(id);
      if ((await em.count(MerchantUserEntity, { merchantId: id })) >= merchantUsersMax) throw MerchantError.badInput(`a merchant has at most ${merchantUsersMax} users`, 'userId');
      await sql`insert into merchant_user (merchant_id, user_id) values (${id}::bigint, ${userId}::bigint) on conflict do nothing`
        .execute(em.getKysely() as Kysely<any>);
      return merchant as MerchantRow;
    });
  }

  /**
   * Stops a user acting for a merchant (staff): from the next request on, on every gateway, its
   * tokens and API keys no longer reach the merchant. Removing one that does not act for it is a
   * no-op. Errors: NOT_FOUND.
   */
  async removeUser(id: string, userId: string): Promise<MerchantRow> {
    return this.changing(id, async (em) => {
      const merchant = await em.findOne(MerchantEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!merchant) throw MerchantError.notFound(id);
      await sql`delete from merchant_user where merchant_id = ${id}::bigint and user_id = ${userId}::bigint`.execute(em.getKysely() as Kysely<any>);
      return merchant as MerchantRow;
    });
  }

  /** Whether the user (undefined: staff) acts for the merchant: the standing purchases read, kept until it changes. */
  async mayActFor(em: EntityManager, userId: string | undefined, merchantId: string): Promise<boolean> {
    if (userId === undefined) return true;
    return (await this.queries.statusFor(em, merchantId, userId)) !== undefined;
  }

  private async checkMerchantUser(userId: string): Promise<void> {
    const user = await this.users.userById(userId);
    if (!user || user.role !== Role.MERCHANT || user.status !== UserStatus.ACTIVE) throw MerchantError.userNotMerchant(userId);
  }
}

/** The most users one merchant may have. */
export const merchantUsersMax = 50;

