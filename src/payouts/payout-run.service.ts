import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import { LedgerError, parseAmount, requestHash } from '../ledger/index.js';
import type { UnitsOfWork } from '../platform/db/unit-of-work.js';
import { replayOf } from '../platform/idempotency.js';
import { publishWithin } from '../platform/events/outbox.js';
import { limits } from '../platform/limits.js';
import { logger } from '../platform/logger.js';
import { checkClientKey, WalletError } from '../wallets/index.js';
import { PayoutRunEntity, PayoutRunState, type PayoutRunRow } from './payout-run.entity.js';
import { payableWallets, runTotals, type PayableWallet } from './payout.queries.js';
import type { PayoutService } from './payout.service.js';

/** The outbox event a run publishes after each page it commits, and when it ends. */
export const payoutRunProgressType = 'PAYOUT_RUN_PROGRESS';

export interface StartPayoutRunCommand {
  /** The run's idempotency key: starting again with it returns the same run. */
  runKey: string;
  currency: string;
  /** Minor units as a decimal string; omitted: PAYOUT_MINIMUM. */
  threshold?: string | null;
  /** The staff user who started it; null for an API key without a user. */
  startedById: string | null;
}

export interface PayoutRunOptions {
  /** PAYOUT_MINIMUM: the default threshold, and its floor. */
  minimum: bigint;
}

/** What one page did beyond the payouts themselves (those are counted from the disbursement table). */
interface PageTally { scanned: number; skipped: number; lastWalletId: string | undefined; done: boolean }

/**
 * Refusals a run expects from a wallet whose balance or account changed after the page was read:
 * the wallet is skipped and the run goes on. Anything else is a bug or an outage and fails the run.
 */
const skippedCodes = new Set(['INSUFFICIENT_FUNDS', 'ACCOUNT_FROZEN', 'ACCOUNT_CLOSED', 'PAYOUT_BELOW_MINIMUM']);

function isExpectedRefusal(error: unknown): boolean {
  return (error instanceof LedgerError || error instanceof WalletError) && skippedCodes.has(error.code);
}

/** A run's progress as one event carries it: what a subscriber sees of the run at that moment. */
export type PayoutRunProgressPayload = {
  runId: string; state: PayoutRunState; walletsScanned: number; payoutsCreated: number; walletsSkipped: number;
  totalAmount: string; error: string | null; finishedAt: string | null;
};

function progressOf(run: PayoutRunRow): PayoutRunProgressPayload {
  return {
    runId: run.id, state: run.state, walletsScanned: run.walletsScanned, payoutsCreated: run.payoutsCreated,
    walletsSkipped: run.walletsSkipped, totalAmount: String(run.totalAmount), error: run.error ?? null,
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
  };
}

/**
 * Payout runs: a payout of the whole available balance for every wallet of a currency that has at
 * least the threshold. A run executes in the background, one page of wallets at a time; each page
 * commits its counts and cursor with a progress event, so a run cut off by a restart resumes at the
 * page it was in, and the run-scoped payout keys make the redone part replay instead of paying twice.
 * Each process executes a run at most once at a time; two gateways executing the same run (each
 * resumed it at start) are safe: the payouts replay, and only one of them may commit each page.
 */
export class PayoutRunService {
  private readonly executions = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly work: UnitsOfWork,
    private readonly payouts: PayoutService,
    private readonly options: PayoutRunOptions,
  ) {}

  /**
   * Starts a run and returns it RUNNING at once, or returns the run already started with this key
   * (in whatever state it is now). Concurrent starts with one key make one run.
   * Errors, in precedence: BAD_USER_INPUT (runKey), INVALID_AMOUNT, AMOUNT_NOT_POSITIVE, AMOUNT_OUT_OF_RANGE,
   * INVALID_CURRENCY, CURRENCY_NOT_SUPPORTED, PAYOUT_BELOW_MINIMUM, IDEMPOTENCY_KEY_REUSED.
   */
  async start(command: StartPayoutRunCommand): Promise<PayoutRunRow> {
    const runKey = checkClientKey(command.runKey, 'runKey');
    const given = command.threshold == null ? null : parseAmount(command.threshold, 'threshold');
    const currency = this.payouts.currency(command.currency);
    // The hash is of what the client sent, so a replay stays a replay if PAYOUT_MINIMUM changes.
    const hash = requestHash('payout-run', { currency, threshold: given });
    const threshold = given ?? this.options.minimum;
    const belowMinimum = threshold < this.options.minimum;
    const existing = await this.orm.em.fork().findOne(PayoutRunEntity, { runKey });
    // A true replay stays one if PAYOUT_MINIMUM was raised since; a reused key with another request
    // below the minimum is PAYOUT_BELOW_MINIMUM, which comes before IDEMPOTENCY_KEY_REUSED.
    if (existing && !(belowMinimum && existing.requestHash !== hash)) return this.replayed(existing, hash);
    if (belowMinimum) throw WalletError.belowMinimum(threshold, this.options.minimum);
    const { rows } = await sql<{ id: string }>`insert into payout_run (run_key, request_hash, currency, threshold, state, started_by_id)
      values (${runKey}, ${hash}, ${currency}, ${String(threshold)}::bigint, ${PayoutRunState.RUNNING}::payout_run_state, ${command.startedById}::bigint)
      on conflict (run_key) do nothing returning id::text`.execute(this.orm.em.fork().getKysely() as Kysely<any>);
    const run = (await this.orm.em.fork().findOne(PayoutRunEntity, { runKey }))!;
    // No row returned: a concurrent start with the same key inserted first.
    if (rows.length === 0) return this.replayed(run, hash);
    this.launch(run.id);
    return run;
  }

  /**
   * Continues every RUNNING run from its cursor: call once at gateway start. Never rejects (a
   * failure is logged; the runs stay RUNNING and resume at the next start).
   */
  async resume(): Promise<void> {
    try {
      const runs = await this.orm.em.fork().find(PayoutRunEntity, { state: PayoutRunState.RUNNING }, { orderBy: { id: 'asc' } });
      for (const run of runs) this.launch(run.id);
      if (runs.length > 0) logger.info({ runIds: runs.map((run) => run.id) }, 'payout runs resumed');
    } catch (error) {
      logger.error({ err: error }, 'payout runs could not be resumed; they resume at the next start');
    }
  }

  /** Stops taking new pages and waits for each execution to commit the page it is in (shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.executions.values()]);
  }

  private replayed(run: PayoutRunRow, hash: string): PayoutRunRow {
    return replayOf(run, hash, () => WalletError.keyReused(run.runKey))!;
  }

  /** Executes the run in the background unless this process already does (or is stopping). */
  private launch(runId: string): void {
    if (this.stopping || this.executions.has(runId)) return;
    this.executions.set(runId, this.execute(runId).finally(() => this.executions.delete(runId)));
  }

  /** Pages until the run ends, another executor takes over, or the process stops. Never rejects. */
  private async execute(runId: string): Promise<void> {
    try {
      let run = await this.orm.em.fork().findOne(PayoutRunEntity, { id: runId });
      while (run?.state === PayoutRunState.RUNNING && !this.stopping) {
        const next = await this.commitPage(run, await this.payPage(run));
        if (!next) logger.info({ runId }, 'payout run moved on elsewhere; this gateway stops executing it');
        run = next;
      }
    } catch (error) {
      await this.fail(runId, error);
    }
  }

  /** Pays each wallet of the next page; returns what the page commits. */
  private async payPage(run: PayoutRunRow): Promise<PageTally> {
    const wallets = await payableWallets(this.orm.em.fork(), {
      runId: run.id, currency: run.currency.trim(), threshold: BigInt(run.threshold), afterWalletId: run.cursorWalletId, limit: limits.payoutRunPageSize,
    });
    let skipped = 0;
    for (const wallet of wallets) if (!(await this.pay(run, wallet))) skipped += 1;
    return { scanned: wallets.length, skipped, lastWalletId: wallets.at(-1)?.walletId, done: wallets.length < limits.payoutRunPageSize };
  }

  /** Pays one wallet; false when it is skipped for an expected refusal. */
  private async pay(run: PayoutRunRow, wallet: PayableWallet): Promise<boolean> {
    // Paid before a restart cut the page off: the payout is already counted from the table.
    if (wallet.paidByRun) return true;
    try {
      await this.payouts.payForRun({ runId: run.id, runKey: run.runKey, userId: wallet.userId, currency: run.currency.trim(), amount: wallet.available });
      return true;
    } catch (error) {
      if (!isExpectedRefusal(error)) throw error;
      logger.debug({ runId: run.id, walletId: wallet.walletId, code: (error as WalletError | LedgerError).code }, 'payout run skipped a wallet');
      return false;
    }
  }

  /**
   * Commits the page's counts and cursor, and the progress event, in one transaction (the event is
   * published only if it commits). Returns the run as committed, or null when the run is no longer
   * this executor's to move: another executor committed this page first, or the run ended.
   */
  private async commitPage(seen: PayoutRunRow, tally: PageTally): Promise<PayoutRunRow | null> {
    return this.work.run(async (tx) => {
      const run = await tx.em.findOne(PayoutRunEntity, { id: seen.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!run || run.state !== PayoutRunState.RUNNING || run.cursorWalletId !== seen.cursorWalletId) return null;
      const totals = await runTotals(tx.em, run.id);
      const now = new Date();
      Object.assign(run, {
        walletsScanned: run.walletsScanned + tally.scanned, walletsSkipped: run.walletsSkipped + tally.skipped,
        payoutsCreated: totals.count, totalAmount: String(totals.total), cursorWalletId: tally.lastWalletId ?? seen.cursorWalletId, updatedAt: now,
        ...(tally.done && { state: PayoutRunState.COMPLETED, finishedAt: now }),
      });
      await tx.em.flush();
      await publishWithin(tx.em, payoutRunProgressType, progressOf(run));
      return run;
    });
  }

  /** Marks the run FAILED with the error's message and publishes it; an error doing so is logged (the run resumes at the next start). */
  private async fail(runId: string, error: unknown): Promise<void> {
    logger.error({ err: error, runId }, 'payout run failed');
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    try {
      await this.work.run(async (tx) => {
        const run = await tx.em.findOne(PayoutRunEntity, { id: runId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!run || run.state !== PayoutRunState.RUNNING) return;
        const now = new Date();
        Object.assign(run, { state: PayoutRunState.FAILED, error: message, finishedAt: now, updatedAt: now });
        await tx.em.flush();
        await publishWithin(tx.em, payoutRunProgressType, progressOf(run));
      });
    } catch (second) {
      logger.error({ err: second, runId }, 'payout run could not be marked FAILED; it resumes at the next start');
    }
  }
}
