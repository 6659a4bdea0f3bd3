import { parseAmount, requestHash } from '../ledger/index.js';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import type { DisbursementRow, DisbursementService } from './disbursement.service.js';
import { checkClientKey } from './keys.js';
import type { WalletService } from './wallet.service.js';
import { DisbursementKind } from './wallets.enums.js';

export interface WithdrawalCommand { userId: string; currency: string; amount: string; destination: string; idempotencyKey: string }

/** A withdrawal's fee: WITHDRAWAL_FEE_BPS of the amount, rounded up to a whole minor unit. */
export function withdrawalFee(amount: bigint, feeBps: number): bigint {
  return (amount * BigInt(feeBps) + 9_999n) / 10_000n;
}

/** Withdrawals: a user's money out to its bank through the payment processor (the disbursement engine). */
export class WithdrawalService {
  constructor(
    private readonly wallets: WalletService,
    private readonly disbursements: DisbursementService,
    private readonly feeBps: number,
  ) {}

  /**
   * Holds the amount and its fee at once and queues the withdrawal for the processor.
   * Errors: BAD_USER_INPUT, INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY,
   * CURRENCY_NOT_SUPPORTED, IDEMPOTENCY_KEY_REUSED, ACCOUNT_FROZEN, ACCOUNT_CLOSED, INSUFFICIENT_FUNDS.
   */
  async request(command: WithdrawalCommand): Promise<{ row: DisbursementRow; replayed: boolean }> {
    // In order of precedence: malformed text (BAD_USER_INPUT), then the amount, then the currency.
    const destination = checkText(command.destination, { max: limits.referenceLengthMax, field: 'destination', allowEmpty: false });
    const idempotencyKey = checkClientKey(command.idempotencyKey);
    const amount = parseAmount(command.amount, 'amount');
    const currency = this.wallets.currency(command.currency);
    return this.disbursements.open({
      kind: DisbursementKind.WITHDRAWAL, userId: command.userId, currency, amount, fee: withdrawalFee(amount, this.feeBps), destination,
      idempotencyKey, requestHash: requestHash('withdrawal', { currency, amount, destination }), readyAt: new Date(),
    });
  }

  /** Retries a FAILED withdrawal as a new attempt. Errors: BAD_USER_INPUT, NOT_FOUND, WITHDRAWAL_NOT_RETRYABLE, INSUFFICIENT_FUNDS. */
  retry(id: string, ownerScope: string | undefined, idempotencyKey: string): Promise<DisbursementRow> {
    return this.disbursements.retry(id, ownerScope, checkClientKey(idempotencyKey));
  }
}
