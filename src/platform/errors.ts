/**
 * The base of every expected, typed failure in Folio. `code` is part of the API (never rename one);
 * `details` go to the client as error extensions; the GraphQL layer maps it in one place (errors.ts).
 */
export class FolioError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'FolioError';
  }
}

/** Every module's code list starts with malformed input, which takes precedence over every other refusal. */
export type ErrorCodeList = readonly ['BAD_USER_INPUT', ...string[]];

/** The constructor a module's error class has: a code from its list, a message, details. */
type ErrorConstructor<Code extends string, E> = new (code: Code, message: string, details?: Record<string, unknown>) => E;

/**
 * The base class of a module's errors: a module lists its codes once, in order of precedence, and
 * extends the class this returns with its factories. The class's constructor takes only codes of
 * the list, and it brings the shared factories (`badInput`, `fromInput`).
 *
 *     export const walletErrorCodes = ['BAD_USER_INPUT', 'SELF_TRANSFER'] as const;
 *     export class WalletError extends errorClass('WalletError', walletErrorCodes) { static selfTransfer() { ... } }
 */
export function errorClass<const Codes extends ErrorCodeList>(name: string, codes: Codes) {
  type Code = Codes[number];
  return class ModuleError extends FolioError {
    /** The module's codes, in order of precedence. */
    static readonly codes: Codes = codes;
    declare readonly code: Code;

    constructor(code: Code, message: string, details: Record<string, unknown> = {}) {
      super(code, message, details);
      this.name = name;
    }

    /** Malformed input (an id, a page size, a text too long); `field` names the input. */
    static badInput<E>(this: ErrorConstructor<Code, E>, message: string, field?: string): E {
      return new this('BAD_USER_INPUT', message, field ? { field } : {});
    }

    /** The module's own error for a platform check's refusal, keeping its message and details. */
    static fromInput<E>(this: ErrorConstructor<Code, E>, error: InputError): E {
      return new this('BAD_USER_INPUT', error.message, error.details);
    }
  };
}

/**
 * Malformed input refused by a platform check (a global id, a cursor, a page size, a text): code
 * BAD_USER_INPUT, `details.field` naming the input. A module that keeps refusals as values (the
 * ledger's batches) turns one into its own error with `fromInput`.
 */
export class InputError extends errorClass('InputError', ['BAD_USER_INPUT'] as const) {}
