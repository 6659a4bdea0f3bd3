import type { MikroORM } from '@mikro-orm/postgresql';
import { parseAmount, requestHash } from '../ledger/index.js';
import { checkText } from '../platform/input.js';
import { limits } from '../platform/limits.js';
import {
  checkClientKey, DisbursementKind, scopedKey, WalletError,
  type DisbursementRow, type DisbursementService, type WalletService,
} from '../wallets/index.js';
import { availableBalanceOf, payoutAmountByKey } from './payout.queries.js';

export interface PayoutRequest {
  userId: string;
  currency: string;
  /** Minor units as a decimal string; omitted: the wallet's whole available balance. */
  amount?: string | null;
  /** Where the processor pays; omitted: "default". */
  destination?: string | null;
  idempotencyKey: string;
}

/** One wallet's payout made by a payout run. */
export interface RunPayoutCommand { runId: string; runKey: string; userId: string; currency: string; amount: bigint }

export interface PayoutResult { row: DisbursementRow; replayed: boolean }

export interface PayoutOptions {
  /** PAYOUT_MINIMUM, in minor units. */
  minimum: bigint;
  /** PAYOUT_CANCEL_WINDOW_SECONDS: how long a payout waits (and can be cancelled) before processing. */
  cancelWindowSeconds: number;
}

/**
 * The idempotency keys of a run's payouts start with this. Client keys may not, so that no client
 * can take (or spoil) the key a run will use for its wallet.
 */
export const runKeyPrefix = 'run:';

const defaultDestination = 'default';

/**
 * Payouts: a user's available funds paid out through the payment processor, after a window in
 * which the user can cancel. The disbursement engine holds the funds at once and does the rest.
 */
export class PayoutService {
  constructor(
    private readonly orm: MikroORM,
    private readonly wallets: WalletService,
    private readonly disbursements: DisbursementService,
    private readonly options: PayoutOptions,
  ) {}

  /** The smallest payout, in minor units. */
  get minimum(): bigint {
    return this.options.minimum;
  }

  /** Checks a currency code and that wallets are kept in it. Errors: INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED. */
  currency(raw: string, field = 'currency'): string {
    return this.wallets.currency(raw, field);
  }

  /**
   * Holds the amount (or the whole available balance) and queues the payout, to be processed once
   * the cancellation window has passed. A replayed key returns the first payout (`replayed: true`),
   * even if the balance has since been paid out.
   * Errors, in precedence: BAD_USER_INPUT (destination, idempotencyKey, a key starting "run:"),
   * INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE, INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED,
   * PAYOUT_BELOW_MINIMUM, IDEMPOTENCY_KEY_REUSED, ACCOUNT_FROZEN, ACCOUNT_CLOSED, INSUFFICIENT_FUNDS.
   */
  async request(command: PayoutRequest): Promise<PayoutResult> {
    const destination = checkText(command.destination ?? defaultDestination, { max: limits.referenceLengthMax, field: 'destination', allowEmpty: false });
    const idempotencyKey = checkClientKey(command.idempotencyKey);
    if (idempotencyKey.startsWith(runKeyPrefix)) throw WalletError.badInput(`idempotencyKey must not start with "${runKeyPrefix}"`, 'idempotencyKey');
    const given = command.amount == null ? null : parseAmount(command.amount, 'amount');
    const currency = this.currency(command.currency);
    const em = this.orm.em.fork();
    const amount = given ?? await availableBalanceOf(em, command.userId, currency);
    const open = (value: bigint) => this.disbursements.open({
      kind: DisbursementKind.PAYOUT, userId: command.userId, currency, amount: value, fee: 0n, destination,
      idempotencyKey, requestHash: requestHash('payout', { currency, amount: given, destination }), readyAt: this.readyAt(),
    });
    if (amount >= this.options.minimum) return open(amount);
    // A replay must still return the first payout, whose hold may have emptied the wallet (or the
    // minimum may have been raised since); the engine compares the request hashes.
    const first = await payoutAmountByKey(em, command.userId, idempotencyKey);
    // Only a true replay gets the first payout: a key reused with another request is still below the
    // minimum, and PAYOUT_BELOW_MINIMUM comes before IDEMPOTENCY_KEY_REUSED (walletErrorCodes).
    if (first !== null) {
      return open(first).catch((error: unknown) => {
        throw error instanceof WalletError && error.code === 'IDEMPOTENCY_KEY_REUSED' ? WalletError.belowMinimum(amount, this.options.minimum) : error;
      });
    }
    throw WalletError.belowMinimum(amount, this.options.minimum);
  }

  /**
   * A payout run's payout of one wallet, keyed `run:<runKey>` for the wallet's owner, so that a run
   * resumed after a restart (or executed twice) replays instead of paying the wallet again. The
   * request hash leaves the amount out for the same reason: the balance a resumed run reads differs.
   * Errors: PAYOUT_BELOW_MINIMUM, INSUFFICIENT_FUNDS, ACCOUNT_FROZEN, ACCOUNT_CLOSED, IDEMPOTENCY_KEY_REUSED.
   */
  async payForRun(command: RunPayoutCommand): Promise<PayoutResult> {
    if (command.amount < this.options.minimum) throw WalletError.belowMinimum(command.amount, this.options.minimum);
    return this.disbursements.open({
      kind: DisbursementKind.PAYOUT, userId: command.userId, currency: command.currency, amount: command.amount, fee: 0n,
      destination: defaultDestination, idempotencyKey: scopedKey('run', command.runKey),
      requestHash: requestHash('run-payout', { runId: command.runId, currency: command.currency }),
      runId: command.runId, readyAt: this.readyAt(),
    });
  }

  /**
   * Cancels a REQUESTED payout inside its window and releases the funds; a replayed key returns the
   * cancelled payout. `ownerScope` is the caller's user id for customers and merchants (another
   * user's payout is NOT_FOUND), undefined for staff.
   * Errors: BAD_USER_INPUT, NOT_FOUND, PAYOUT_NOT_CANCELLABLE.
   */
  cancel(id: string, ownerScope: string | undefined, idempotencyKey: string): Promise<DisbursementRow> {
    return this.disbursements.cancel(id, ownerScope, checkClientKey(idempotencyKey));
  }

  private readyAt(): Date {
    return new Date(Date.now() + this.options.cancelWindowSeconds * 1_000);
  }
}
