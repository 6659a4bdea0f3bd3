import { intVar } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    /** Lines of a statement in GraphQL at most, and lines read a page at a time for the CSV. */
    billingStatementLinesMax: number;
  }
}

/** The billing module's settings: BILLING_STATEMENT_LINES_MAX. */
export function billingConfig(env: NodeJS.ProcessEnv) {
  return { billingStatementLinesMax: intVar(env, 'BILLING_STATEMENT_LINES_MAX', 5_000, 1, 50_000) };
}

/** The billing module's limits, units last. */
export const billingLimits = {
  /** A payer's name, and an invoice line's description. */
  nameLengthMax: 200,
  /** A payer's own reference (a student number). */
  referenceLengthMax: 100,
  /** An invoice's number. */
  invoiceNumberLengthMax: 64,
  /** An invoice's memo, and a payment's reference. */
  memoLengthMax: 500,
  /** Lines on one invoice. */
  linesPerInvoiceMax: 100,
  /** One line's quantity. */
  quantityMax: 1_000_000,
  /** Guardians of one payer. */
  guardiansPerPayerMax: 10,
} as const;
