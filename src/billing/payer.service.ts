import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { UserStatus, type IdentityQueries } from '../identity/index.js';
import type { MerchantModule } from '../merchants/index.js';
import { Role } from '../platform/auth/roles.js';
import { uniqueViolationOf } from '../platform/db/unique-violation.js';
import { checkText } from '../platform/input.js';
import { billingLimits } from './billing.config.js';
import { GuardianEntity, PayerEntity, type PayerRow } from './billing.entity.js';
import { PayerStatus } from './billing.enums.js';
import { BillingError } from './billing.errors.js';
import { manages, type BillingScope } from './billing-scope.js';

export interface CreatePayerCommand { merchantId: string; name: string; reference?: string | null; guardianIds?: readonly string[] }

/** Payers (students) of organisations, and their guardians: what the organisation's staff manage. */
export class PayerService {
  constructor(private readonly orm: MikroORM, private readonly merchants: MerchantModule, private readonly users: IdentityQueries) {}

  /** Errors, in precedence: BAD_USER_INPUT, USER_NOT_CUSTOMER, NOT_FOUND. A reference another payer of the organisation has is BAD_USER_INPUT. */
  async create(command: CreatePayerCommand, scope: BillingScope): Promise<PayerRow> {
    const name = checkText(command.name, { max: billingLimits.nameLengthMax, field: 'name', allowEmpty: false }).trim();
    const reference = command.reference == null ? null : checkText(command.reference, { max: billingLimits.referenceLengthMax, field: 'reference', allowEmpty: false }).trim();
    const guardianIds = [...new Set(command.guardianIds ?? [])];
    if (guardianIds.length > billingLimits.guardiansPerPayerMax) throw BillingError.badInput(`a payer has at most ${billingLimits.guardiansPerPayerMax} guardians`, 'guardianIds');
    await this.checkCustomers(guardianIds);
    const em = this.orm.em.fork();
    await this.organisation(em, command.merchantId, scope);
    return em.transactional(async (tx) => {
      const payer = tx.create(PayerEntity, { merchantId: command.merchantId, name, reference, status: PayerStatus.ACTIVE } as never) as PayerRow;
      try {
        await tx.flush();
      } catch (error) {
        if (uniqueViolationOf(error)?.constraint === 'billing_payer_reference_unique') throw BillingError.badInput(`another payer of the organisation has the reference "${reference}"`, 'reference');
        throw error;
      }
      for (const userId of guardianIds) tx.create(GuardianEntity, { payerId: payer.id, userId } as never);
      return payer;
    });
  }

  /** Archives a payer: its invoices and statement stay, it takes no new invoice. Archiving twice is a no-op. Errors: BAD_USER_INPUT, NOT_FOUND. */
  async archive(payerId: string, scope: BillingScope): Promise<PayerRow> {
    return this.orm.em.fork().transactional(async (em) => {
      const payer = await this.payerIn(em as EntityManager, payerId, scope, true);
      if (payer.status === PayerStatus.ARCHIVED) return payer;
      Object.assign(payer, { status: PayerStatus.ARCHIVED, archivedAt: new Date() });
      return payer;
    });
  }

  /** Lets a CUSTOMER user see and pay a payer's invoices; adding one twice is a no-op. Errors: BAD_USER_INPUT, USER_NOT_CUSTOMER, NOT_FOUND, PAYER_ARCHIVED. */
  async addGuardian(payerId: string, userId: string, scope: BillingScope): Promise<PayerRow> {
    await this.checkCustomers([userId]);
    return this.orm.em.fork().transactional(async (em) => {
      const payer = await this.payerIn(em as EntityManager, payerId, scope, true);
      if (payer.status === PayerStatus.ARCHIVED) throw BillingError.payerArchived(payerId);
      if (await em.count(GuardianEntity, { payerId, userId }) > 0) return payer;
      if (await em.count(GuardianEntity, { payerId }) >= billingLimits.guardiansPerPayerMax) throw BillingError.badInput(`a payer has at most ${billingLimits.guardiansPerPayerMax} guardians`, 'userId');
      em.create(GuardianEntity, { payerId, userId } as never);
      return payer;
    });
  }

  /** Stops a user seeing a payer; removing one that is not a guardian is a no-op. Errors: BAD_USER_INPUT, NOT_FOUND. */
  async removeGuardian(payerId: string, userId: string, scope: BillingScope): Promise<PayerRow> {
    return this.orm.em.fork().transactional(async (em) => {
      const payer = await this.payerIn(em as EntityManager, payerId, scope, true);
      await em.nativeDelete(GuardianEntity, { payerId, userId });
      return payer;
    });
  }

  /** The payer, if the scope's staff reach it (guardians manage nothing); NOT_FOUND otherwise. `lock`: for update. */
  async payerIn(em: EntityManager, payerId: string, scope: BillingScope, lock = false): Promise<PayerRow> {
    const payer = await em.findOne(PayerEntity, { id: payerId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) as PayerRow | null;
    if (!payer || !manages(scope, String(payer.merchantId))) throw BillingError.notFound('Payer', payerId);
    return payer;
  }

  /** The organisation, if the caller acts for it or is staff; NOT_FOUND otherwise. */
  private async organisation(em: EntityManager, merchantId: string, scope: BillingScope): Promise<void> {
    const status = await this.merchants.queries.statusFor(em, merchantId, undefined);
    if (!status || !manages(scope, merchantId)) throw BillingError.notFound('Merchant', merchantId);
  }

  private async checkCustomers(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    const found = new Map((await this.users.usersByIds(userIds)).map((user) => [String(user.id), user]));
    for (const id of userIds) {
      const user = found.get(id);
      if (!user || user.role !== Role.CUSTOMER || user.status !== UserStatus.ACTIVE) throw BillingError.userNotCustomer(id);
    }
  }
}
