import type { AuthChecker } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { AccessError } from './access.errors.js';
import { hasRole } from './principal.js';
import type { Role } from './roles.js';

/**
 * type-graphql's `@Authorized(...roles)` check. Throws instead of returning false so the two
 * failures stay distinct: no valid credentials is UNAUTHENTICATED, a role that may not is FORBIDDEN.
 * `@Authorized()` with no roles admits any authenticated caller; ownership is checked in services.
 */
export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context, info }, roles) => {
  if (!context.principal) throw AccessError.unauthenticated(context.authFailure);
  if (roles.length === 0 || hasRole(context.principal, ...roles)) return true;
  throw AccessError.forbidden(`${info.parentType.name}.${info.fieldName}`);
};
