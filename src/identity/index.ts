// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The identity module's public surface: other modules import it through this file only.
export { IdentityService, type SessionTokens } from './identity.service.js';
export { IdentityError, identityErrorCodes, type IdentityErrorCode } from './identity.errors.js';
export { Authenticator, type Authentication } from './authenticator.js';
export { AccessTokens } from './tokens.js';
export { User } from './user.type.js';
export { UserEntity } from './user.entity.js';
export { UserStatus } from './identity.enums.js';
export { ApiKeyResolver } from './api-key.resolver.js';
export { SessionResolver, UserResolver } from './identity.resolver.js';
export { IdentityQueries, type UserRow } from './identity.queries.js';
export { normaliseEmail } from './email.js';
export { identityModule } from './identity.module.js';
