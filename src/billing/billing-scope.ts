import { merchantScope } from '../merchants/index.js';
import { hasRole, isStaff, type Principal } from '../platform/auth/principal.js';
import { Role } from '../platform/auth/roles.js';
import type { GraphQLContext } from '../platform/graphql/context.js';

/**
 * What a caller sees of billing: staff everything; a MERCHANT user the organisations it acts for
 * (`merchantIds`); a CUSTOMER the payers it is a guardian of (`guardianId`).
 */
export interface BillingScope { merchantIds?: readonly string[]; guardianId?: string }

/** The scope of a principal; `merchantIdsOf` reads the merchants a user acts for. */
export async function scopeOf(principal: Principal | undefined, merchantIdsOf: (userId: string) => Promise<string[]>): Promise<BillingScope> {
  if (isStaff(principal)) return {};
  const userId = principal?.userId ?? '0';
  if (hasRole(principal, Role.MERCHANT)) return { merchantIds: await merchantIdsOf(userId) };
  return { merchantIds: [], guardianId: userId };
}

export async function billingScope(context: GraphQLContext): Promise<BillingScope> {
  return scopeOf(context.principal, async () => (await merchantScope(context)) ?? []);
}

/** Whether the scope manages the organisation: staff, or a MERCHANT user acting for it (a guardian manages none). */
export function manages(scope: BillingScope, merchantId: string): boolean {
  return scope.merchantIds === undefined || scope.merchantIds.includes(merchantId);
}

/** Whether the scope reaches a payer of `merchantId` whose guardians are `guardianIds`: it manages the organisation, or guards the payer. */
export function reaches(scope: BillingScope, merchantId: string, guardianIds: readonly string[]): boolean {
  return manages(scope, merchantId) || (scope.guardianId !== undefined && guardianIds.includes(scope.guardianId));
}
