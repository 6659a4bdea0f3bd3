import { limits } from '../platform/limits.js';
import { IdentityError } from './identity.errors.js';

/** A local part of 1 to 64 printable characters, an @, and a domain with a dot; no spaces or controls. */
const emailPattern = /^[^\s@\p{Cc}]{1,64}@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

/**
 * The stored form of an email address: trimmed, NFC, lower-case. Folio compares emails in this form
 * only, so `Alice@Example.com` and `alice@example.com` are one user. Throws INVALID_EMAIL.
 */
export function normaliseEmail(raw: string, field = 'email'): string {
  const email = raw.trim().normalize('NFC').toLowerCase();
  if (email.length > limits.emailLengthMax || !emailPattern.test(email)) throw IdentityError.invalidEmail(field);
  return email;
}

/**
 * The same form for a login attempt, which never says INVALID_EMAIL (that would be a second kind of
 * answer): undefined when the address cannot belong to any user.
 */
export function loginEmail(raw: string): string | undefined {
  try {
    return normaliseEmail(raw);
  } catch {
    return undefined;
  }
}
