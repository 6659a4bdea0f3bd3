/** PENDING_VERIFICATION → ACTIVE (verified by staff) ⇄ SUSPENDED. */
export enum MerchantStatus {
  PENDING_VERIFICATION = 'PENDING_VERIFICATION',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}

/** The ledger accounts every merchant has per currency, named `merchant:<id>:<account>:<currency>`. */
export enum MerchantAccount {
  /** What the merchant owes the platform for the cashback it funds (an asset of the platform). */
  CASHBACK_RECEIVABLE = 'cashback-receivable',
  /** What the platform owes the merchant (a liability; settlement credits it). */
  PAYABLE = 'payable',
}
