import { describe, expect, it } from 'vitest';
import { loginEmail, normaliseEmail } from '../../src/identity/email.js';
import { IdentityError } from '../../src/identity/identity.errors.js';
import { checkPasswordPolicy, hashPassword, passwordNeedsRehash, verifyPassword } from '../../src/identity/passwords.js';
import { limits } from '../../src/platform/limits.js';

const email = 'alice.smith@example.test';

function ruleOf(password: string, forEmail = email): string | undefined {
  try {
    checkPasswordPolicy(password, forEmail);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(IdentityError);
    return (error as IdentityError).details.rule as string;
  }
}

describe('password policy', () => {
  it.each([
    ['11 characters', 'abcdefghijk', 'TOO_SHORT'],
    ['12 characters', 'abcdefghijkl', undefined],
    ['12 characters of 2 bytes each', 'éééééééééééa', undefined],
    ['256 bytes', `${'ab'.repeat(128)}`, undefined],
    ['257 bytes', `${'ab'.repeat(128)}c`, 'TOO_LONG'],
    ['one character repeated', '7'.repeat(20), 'ONE_CHARACTER'],
    ['one emoji repeated', '🔑'.repeat(12), 'ONE_CHARACTER'],
    ['the email', email, 'CONTAINS_EMAIL'],
    ['the email in capitals', email.toUpperCase(), 'CONTAINS_EMAIL'],
    ['the email with more around it', `xx${email}xx`, 'CONTAINS_EMAIL'],
    ['the local part inside', 'my-Alice.Smith-2026', 'CONTAINS_EMAIL'],
    ['a fine passphrase', 'correct horse battery staple', undefined],
  ])('%s → %s', (_what, password, rule) => {
    expect(ruleOf(password)).toBe(rule);
  });

  it('checks a short local part for equality only, or it would forbid most passwords', () => {
    expect(ruleOf('jo-and-more-words', 'jo@example.test')).toBeUndefined();
    expect(ruleOf('jojojojojojo', 'jojojojojojo@example.test')).toBe('CONTAINS_EMAIL');
  });

  it('has the documented bounds', () => {
    expect(limits.passwordCharsMin).toBe(12);
    expect(limits.passwordBytesMax).toBe(256);
  });
});

describe('emails', () => {
  it.each([
    ['  Alice@Example.TEST ', 'alice@example.test'],
    ['a.b+tag@sub.example.test', 'a.b+tag@sub.example.test'],
  ])('stores %j as %j', (raw, stored) => {
    expect(normaliseEmail(raw)).toBe(stored);
  });

  it.each(['', 'plain', 'a@b', '@example.test', 'a b@example.test', 'a@exa mple.test', `${'x'.repeat(65)}@example.test`, `a@${'d'.repeat(250)}.test`, 'a\u0000@example.test'])(
    'refuses %j with INVALID_EMAIL', (raw) => {
      expect(() => normaliseEmail(raw)).toThrow(expect.objectContaining({ code: 'INVALID_EMAIL' }));
      expect(loginEmail(raw)).toBeUndefined();
    },
  );
});

describe('password hashes', () => {
  it('are argon2id with the configured parameters, verify the right password only, and salt each hash', async () => {
    const hash = await hashPassword('correct horse battery staple');
    const [, algorithm, version, parameters] = hash.split('$');
    expect([algorithm, version]).toEqual(['argon2id', 'v=19']);
    expect(Object.fromEntries(parameters.split(',').map((pair) => pair.split('=')))).toEqual({
      m: String(limits.passwordHashMemoryKib), t: String(limits.passwordHashIterations), p: String(limits.passwordHashParallelism),
    });
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapl')).toBe(false);
    expect(passwordNeedsRehash(hash)).toBe(false);
  });

  it('treat the same password composed differently (NFC, NFD) as one', async () => {
    const hash = await hashPassword('Zoë-Zoë-Zoë-2026'.normalize('NFC'));
    expect(await verifyPassword(hash, 'Zoë-Zoë-Zoë-2026'.normalize('NFD'))).toBe(true);
  });

  it('never match without a hash, nor a password over the byte limit, nor an unreadable hash', async () => {
    expect(await verifyPassword(undefined, 'anything at all here')).toBe(false);
    const long = 'x'.repeat(limits.passwordBytesMax) + 'y';
    expect(await verifyPassword(await hashPassword(long.slice(0, limits.passwordBytesMax)), long)).toBe(false);
    expect(await verifyPassword('not a hash', 'anything at all here')).toBe(false);
  });
});
