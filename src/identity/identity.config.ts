import { dataDirOf, intVar, jwtSecretVar } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    /** HMAC key (HS256) that signs access tokens: JWT_SECRET, or a development key under the data dir. */
    jwtSecret: Uint8Array;
    /** Lifetime of an access token. */
    accessTokenTtlSeconds: number;
    /** Lifetime of a refresh token (each refresh issues a new one). */
    refreshTokenTtlSeconds: number;
  }
}

/** The identity module's settings: JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS. */
export function identityConfig(env: NodeJS.ProcessEnv) {
  return {
    jwtSecret: jwtSecretVar(env, dataDirOf(env)),
    accessTokenTtlSeconds: intVar(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86_400),
    refreshTokenTtlSeconds: intVar(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400),
  };
}
