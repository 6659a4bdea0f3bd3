import { dataDirOf, secretVar } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    /**
     * The key that encrypts processors' webhook signing secrets at rest (they must be read back to
     * verify signatures, so they cannot be hashed): SETTLEMENT_SECRETS_KEY, or a development key
     * under the data dir.
     */
    settlementSecretsKey: string;
  }
}

/** The settlement module's settings: SETTLEMENT_SECRETS_KEY. */
export function settlementConfig(env: NodeJS.ProcessEnv) {
  return { settlementSecretsKey: secretVar(env, 'SETTLEMENT_SECRETS_KEY', dataDirOf(env), 'settlement-secrets-key', 32) };
}

/** The module's limits, units last. */
export const settlementLimits = {
  /** A webhook request's body. */
  webhookBodyBytesMax: 256 * 1024,
  /** How long a processor's previous signing secret stays valid after a rotation. */
  rotationOverlapMs: 24 * 3_600_000,
  /** A processor's name. */
  processorNameLengthMax: 200,
  /** Processors kept in memory per gateway (their decrypted secrets), until they change. */
  processorCacheMax: 1_000,
} as const;
