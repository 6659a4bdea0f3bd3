import { access } from '../platform/auth/access-rows.js';
import { defineModule } from '../platform/module.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeyResolver } from './api-key.resolver.js';
import { Authenticator } from './authenticator.js';
import { identityConfig } from './identity.config.js';
import { identityErrorCodes } from './identity.errors.js';
import { identityIdPrefixes } from './identity.ids.js';
import { identityNodes, SessionResolver, UserResolver } from './identity.resolver.js';
import { IdentityService } from './identity.service.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { AccessTokens } from './tokens.js';
import { UserEntity } from './user.entity.js';

declare module '../platform/module.js' {
  interface Services {
    /** Users, sessions and API keys. */
    identity: IdentityService;
  }
}

/** Users, passwords, sessions, API keys; it provides the gateway's credential reader. */
export const identityModule = defineModule({
  name: 'identity',
  dependsOn: [],
  entities: [UserEntity, RefreshTokenEntity, ApiKeyEntity],
  resolvers: [SessionResolver, UserResolver, ApiKeyResolver],
  idPrefixes: identityIdPrefixes,
  nodes: identityNodes,
  errorCodes: identityErrorCodes,
  access: {
    Query: { me: access.signedIn, user: access.staff, users: access.staff, apiKeys: access.adminOnly },
    Mutation: {
      register: access.everyone, login: access.everyone, refreshSession: access.everyone, logout: access.everyone,
      logoutEverywhere: access.signedIn, createUser: access.adminOnly, updateUser: access.adminOnly,
      createApiKey: access.adminOnly, revokeApiKey: access.adminOnly,
    },
  },
  config: identityConfig,
  describes: { query: 'identity (the caller, users, API keys)', mutation: 'identity (sign-up, sessions, users, API keys)' },
  async start({ orm, config }, { loginThrottle, invalidations }) {
    const tokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds);
    return {
      identity: new IdentityService(orm, tokens, loginThrottle, config.refreshTokenTtlSeconds, invalidations),
      authenticator: new Authenticator(orm.em.fork().getKysely(), tokens, invalidations),
    };
  },
});
