import { merchantScope } from '../merchants/index.js';
import { hasRole } from '../platform/auth/principal.js';
import { Role } from '../platform/auth/roles.js';
import type { GraphQLContext } from '../platform/graphql/context.js';

/**
 * What a caller sees of billing: staff everything; a MERCHANT user the organisations it acts for
 * (`merchantIds`); a CUSTOMER the payers it is a guardian of (`guardianId`).
 */
export interface BillingScope { merchantIds?: readonly string[]; guardianId?: string }

export async function billingScope(context: GraphQLContext): Promise<BillingScope> {
  const merchantIds = await merchantScope(context);
  if (merchantIds === undefined) return {};
  if (hasRole(context.principal, Role.MERCHANT)) return { merchantIds };
  return { merchantIds: [], guardianId: context.principal?.userId ?? '0' };
}

/** Whether the scope reaches a payer of `merchantId` whose guardians are `guardianIds`. */
export function reaches(scope: BillingScope, merchantId: string, guardianIds: readonly string[]): boolean {
  if (scope.merchantIds === undefined) return true;
  if (scope.merchantIds.includes(merchantId)) return true;
  return scope.guardianId !== undefined && guardianIds.includes(scope.guardianId);
}
