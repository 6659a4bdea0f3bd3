/** A payer (a student): ACTIVE, or ARCHIVED (its history kept, no new invoices). */
export enum PayerStatus { ACTIVE = 'ACTIVE', ARCHIVED = 'ARCHIVED' }

/** An invoice's stored state. OVERDUE is not one: it is computed, as of the time asked. */
export enum InvoiceStatus { PENDING = 'PENDING', PARTIALLY_PAID = 'PARTIALLY_PAID', PAID = 'PAID', VOID = 'VOID' }

/** How a payment reached the organisation. */
export enum PaymentMethod {
  /** Recorded by the organisation's staff: a bank transfer, cash, a cheque, with its reference. */
  EXTERNAL = 'EXTERNAL',
  /** Paid by a guardian from its Folio wallet. */
  WALLET = 'WALLET',
}

/** The ledger accounts billing posts to, per organisation or payer and currency. */
export enum BillingAccount {
  /** ASSET: what the payer owes the organisation. */
  RECEIVABLE = 'receivable',
  /** REVENUE: the organisation's invoiced income. */
  REVENUE = 'revenue',
  /** ASSET: what the organisation received outside Folio (bank, cash). */
  CASH = 'cash',
}
