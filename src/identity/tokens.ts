import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../platform/auth/roles.js';

const issuer = 'folio';
const audience = 'folio-api';
/** The one algorithm Folio signs and accepts: a token naming any other (or none) is refused. */
const algorithm = 'HS256';

export interface AccessClaims {
  userId: string;
  role: Role;
  tokenVersion: number;
  expiresAt: Date;
}

/** Short-lived JWT access tokens (jose), signed with the configured key. */
export class AccessTokens {
  constructor(private readonly secret: Uint8Array, readonly ttlSeconds: number) {}

  async sign(user: { id: string; role: Role; tokenVersion: number }): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date((Math.floor(Date.now() / 1000) + this.ttlSeconds) * 1000);
    const token = await new SignJWT({ role: user.role, ver: user.tokenVersion })
      .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
      .setSubject(user.id).setIssuer(issuer).setAudience(audience)
      .setIssuedAt().setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.secret);
    return { token, expiresAt };
  }

  /** The token's claims; throws an Error whose message is safe to show the caller. */
  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: [algorithm], issuer, audience });
      if (typeof payload.sub !== 'string' || !/^\d{1,19}$/.test(payload.sub) || typeof payload.ver !== 'number' || typeof payload.role !== 'string') {
        throw new Error('claims');
      }
      return { userId: payload.sub, role: payload.role as Role, tokenVersion: payload.ver, expiresAt: new Date(payload.exp! * 1000) };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new Error('access token has expired: refresh it', { cause: error });
      throw new Error('access token is invalid', { cause: error });
    }
  }
}

/** SHA-256 of a high-entropy secret (refresh tokens, API key secrets), hex. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A new opaque refresh token: 256 random bits. */
export function newRefreshToken(): string {
  return `frt_${randomBytes(32).toString('base64url')}`;
}

const apiKeyPattern = /^folio_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

/** A new API key and its parts: shown once, then only `publicId` and the secret's hash are kept. */
export function newApiKey(): { key: string; publicId: string; secretHash: string } {
  const publicId = randomBytes(10).toString('hex').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  return { key: `folio_${publicId}_${secret}`, publicId, secretHash: secretHash(secret) };
}

/** Splits an API key into its lookup id and secret; undefined when it does not have the shape. */
export function parseApiKey(key: string): { publicId: string; secret: string } | undefined {
  const match = apiKeyPattern.exec(key);
  return match ? { publicId: match[1], secret: match[2] } : undefined;
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith('folio_');
}
