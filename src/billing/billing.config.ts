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
  /** Lines of a statement in GraphQL (its totals and balances always cover the whole period; the CSV has every line). */
  statementLinesMax: 5_000,
} as const;
