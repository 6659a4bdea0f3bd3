import { Role } from './roles.js';

/** Who is calling: a logged-in user (JWT access token) or a service (API key). */
export interface Principal {
  kind: 'user' | 'apiKey';
  /** The user id, or the API key id. */
  id: string;
  /** The user this principal acts for: the user itself, or the key's owner; null for an unowned key. */
  userId: string | null;
  roles: ReadonlySet<Role>;
}

/** How a principal appears in logs and metrics: never a token or a secret. */
export function principalLabel(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'user' ? `user:${principal.id}` : `apiKey:${principal.id}`;
}

export function hasRole(principal: Principal | undefined, ...roles: Role[]): boolean {
  return !!principal && roles.some((role) => principal.roles.has(role));
}

/** Staff (admin, finance) see everything. */
export function isStaff(principal: Principal | undefined): boolean {
  return hasRole(principal, Role.ADMIN, Role.FINANCE);
}

/**
 * The owner a caller's reads are limited to: undefined for staff (no limit), else the caller's user
 * id. A principal with neither (an unowned key without a staff role) owns nothing: '0' matches no row.
 */
export function ownerScope(principal: Principal | undefined): string | undefined {
  if (isStaff(principal)) return undefined;
  return principal?.userId ?? '0';
}
