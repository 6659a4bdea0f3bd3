import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { limits } from '../platform/limits.js';
import { IdentityError } from './identity.errors.js';

/**
 * argon2id with explicit parameters (OWASP's minimum: 19 MiB, 2 passes, 1 lane), so a library
 * upgrade never changes them silently. A hash made with other parameters is re-made at the next
 * successful login (`needsRehash`).
 */
const hashOptions = {
  type: argon2.argon2id,
  memoryCost: limits.passwordHashMemoryKib,
  timeCost: limits.passwordHashIterations,
  parallelism: limits.passwordHashParallelism,
} as const;

/**
 * The form of a password that is checked and hashed: Unicode NFKC (NIST SP 800-63B), so the same
 * password typed on two keyboards that compose characters differently is the same password.
 */
function prepare(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Checks a new password against the policy; throws WEAK_PASSWORD naming the rule it breaks.
 * Rules: 12 to 256 bytes long (at least 12 characters), not one character repeated, and neither the
 * email address nor its local part (when 3 characters or more: a shorter one would forbid most
 * passwords), compared without letter case.
 */
export function checkPasswordPolicy(password: string, email: string): void {
  const prepared = prepare(password);
  const chars = [...prepared];
  if (chars.length < limits.passwordCharsMin) {
    throw IdentityError.weakPassword('TOO_SHORT', `the password must have at least ${limits.passwordCharsMin} characters`);
  }
  if (Buffer.byteLength(prepared) > limits.passwordBytesMax) {
    throw IdentityError.weakPassword('TOO_LONG', `the password must be at most ${limits.passwordBytesMax} bytes long`);
  }
  if (chars.every((char) => char === chars[0])) {
    throw IdentityError.weakPassword('ONE_CHARACTER', 'the password must not be one character repeated');
  }
  const lower = prepared.toLowerCase();
  const local = email.split('@')[0];
  if (lower.includes(email) || lower === local || (local.length >= 3 && lower.includes(local))) {
    throw IdentityError.weakPassword('CONTAINS_EMAIL', 'the password must not contain your email address or its name part');
  }
}

/** The argon2id hash (PHC string: algorithm, parameters, salt, hash) of a password. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(prepare(password), hashOptions);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password, made once per process with the same parameters as real ones, so a
 * login for an unknown email can spend the same time as one with a wrong password.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}

/**
 * Whether the password matches the hash. Without a hash (unknown email) it verifies against the
 * dummy hash and answers false, spending the same time. A password over the byte limit cannot match
 * (no stored password is that long) but is verified too, cut to the limit, so time stays bounded.
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  let prepared = prepare(password);
  const tooLong = Buffer.byteLength(prepared) > limits.passwordBytesMax;
  if (tooLong) prepared = Buffer.from(prepared).subarray(0, limits.passwordBytesMax).toString();
  const digest = hash && !tooLong ? hash : await dummyPasswordHash();
  try {
    return (await argon2.verify(digest, prepared)) && digest === hash;
  } catch {
    // A stored hash argon2 cannot read: a bug or a tampered row; never a successful login.
    return false;
  }
}

/** Whether a stored hash was made with other parameters than today's. */
export function passwordNeedsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, hashOptions);
  } catch {
    return true;
  }
}
