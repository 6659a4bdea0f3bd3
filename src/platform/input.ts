import { InputError } from './errors.js';

/** How one text input is checked: its limit, the name clients know it by, and whether it may be blank. */
export interface TextRule {
  /** The most characters (UTF-16 code units, as String.length counts) the text may have. */
  max: number;
  /** The input's name, reported as the error's `details.field`. */
  field: string;
  /** Whether an empty or all-whitespace text is accepted. Default true. */
  allowEmpty?: boolean;
}

/**
 * Checks a text input against its rule and returns it; an absent text (undefined or null) is the
 * empty text. The length is checked before blankness, so a blank text that is also too long is
 * reported as too long. Throws InputError (BAD_USER_INPUT) naming `field`.
 */
export function checkText(value: string | undefined | null, rule: TextRule): string {
  const text = value ?? '';
  if (text.length > rule.max) throw InputError.badInput(`${rule.field} is longer than ${rule.max} characters`, rule.field);
  if (rule.allowEmpty === false && text.trim() === '') throw InputError.badInput(`${rule.field} must not be empty`, rule.field);
  return text;
}

const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A slug (a merchant's, a processor's: it goes into URLs): 1 to 64 lower-case letters, digits and inner hyphens. */
export function checkSlug(value: string | undefined | null, field = 'slug'): string {
  const slug = checkText(value, { max: 64, field, allowEmpty: false });
  if (!slugPattern.test(slug)) throw InputError.badInput(`${field} must be 1 to 64 lower-case letters, digits and inner hyphens`, field);
  return slug;
}
