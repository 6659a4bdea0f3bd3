import { errorClass } from '../platform/errors.js';
import { toGlobalId } from './identity.ids.js';

/**
 * Every expected failure of identity (users, sessions, API keys), with its stable code. Codes are
 * part of the API: never rename one. No message says whether an email address has an account:
 * registration answers the same either way and every failed login is INVALID_CREDENTIALS.
 */
export const identityErrorCodes = [
  /** Malformed input: an id, a page size, a name, a role list. */
  'BAD_USER_INPUT',
  /** Not an email address Folio accepts (shape or length). */
  'INVALID_EMAIL',
  /** The password breaks the policy; `details.rule` says which rule. */
  'WEAK_PASSWORD',
  /** Wrong email or password, or a disabled user: the same answer for each. */
  'INVALID_CREDENTIALS',
  /** The refresh token is unknown, expired, used before or revoked. */
  'INVALID_REFRESH_TOKEN',
  /** Admin operations only: another user already has the email. */
  'EMAIL_TAKEN',
  /** Admin operations only: no user has the id. */
  'USER_NOT_FOUND',
  /** Admin operations only: no API key has the id. */
  'API_KEY_NOT_FOUND',
] as const;

export type IdentityErrorCode = (typeof identityErrorCodes)[number];

/** The rules of the password policy, reported as `details.rule` of WEAK_PASSWORD. */
export type PasswordRule = 'TOO_SHORT' | 'TOO_LONG' | 'CONTAINS_EMAIL' | 'ONE_CHARACTER';

export class IdentityError extends errorClass('IdentityError', identityErrorCodes) {
  static invalidEmail(field = 'email') {
    return new IdentityError('INVALID_EMAIL', 'not a valid email address (at most 254 characters, local part at most 64)', { field });
  }
  static weakPassword(rule: PasswordRule, message: string, field = 'password') {
    return new IdentityError('WEAK_PASSWORD', message, { field, rule });
  }
  static invalidCredentials() {
    return new IdentityError('INVALID_CREDENTIALS', 'the email or password is wrong');
  }
  static invalidRefreshToken() {
    return new IdentityError('INVALID_REFRESH_TOKEN', 'the refresh token is invalid, expired or revoked: log in again');
  }
  static emailTaken() {
    return new IdentityError('EMAIL_TAKEN', 'another user already has this email address', { field: 'email' });
  }
  /** `rowId` is the database id; the message and details show the global id the client sent. */
  static userNotFound(rowId: string, field = 'id') {
    const id = toGlobalId('User', rowId);
    return new IdentityError('USER_NOT_FOUND', `user ${id} not found`, { id, field });
  }
  static apiKeyNotFound(rowId: string) {
    const id = toGlobalId('ApiKey', rowId);
    return new IdentityError('API_KEY_NOT_FOUND', `API key ${id} not found`, { id, field: 'id' });
  }
}
