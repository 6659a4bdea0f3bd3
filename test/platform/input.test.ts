import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/platform/errors.js';
import { checkText, type TextRule } from '../../src/platform/input.js';

/** The text checkText returned, or the refusal's message. */
function outcome(value: string | undefined | null, rule: TextRule): string {
  try {
    return `OK ${JSON.stringify(checkText(value, rule))}`;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details).toEqual({ field: rule.field });
    return error.message;
  }
}

const memo = { max: 5, field: 'memo' };
const reference = { max: 5, field: 'reference', allowEmpty: false };

describe('checkText', () => {
  it.each([
    ['a text within the limit', 'hello', memo, 'OK "hello"'],
    ['a text one over the limit', 'hello!', memo, 'memo is longer than 5 characters'],
    ['an empty text, blank allowed (the default)', '', memo, 'OK ""'],
    ['a blank text, blank allowed', '   ', memo, 'OK "   "'],
    ['an absent text, blank allowed', undefined, memo, 'OK ""'],
    ['a null text, blank allowed', null, memo, 'OK ""'],
    ['a blank allowed explicitly', '', { ...memo, allowEmpty: true }, 'OK ""'],
    ['an empty text, blank refused', '', reference, 'reference must not be empty'],
    ['a blank text, blank refused', ' \t ', reference, 'reference must not be empty'],
    ['an absent text, blank refused', undefined, reference, 'reference must not be empty'],
    ['a text with spaces around, blank refused', ' ab ', reference, 'OK " ab "'],
    ['a blank text over the limit: the limit is reported', '      ', reference, 'reference is longer than 5 characters'],
    ['a limit counted in UTF-16 code units', '💶💶💶', memo, 'memo is longer than 5 characters'],
  ] as const)('%s', (_label, value, rule, expected) => {
    expect(outcome(value, rule)).toBe(expected);
  });
});
