export interface RetryOptions {
  /** Tries in all, the first one included; the error of the last is thrown. */
  attempts: number;
  /** Whether an error is worth another try (a deadlock, a serialisation failure); any other is thrown at once. */
  isRetryable: (error: unknown) => boolean;
  /** The wait before try n + 1 is a random time from 0 to `baseDelayMs × n`: linear backoff with full jitter. */
  baseDelayMs: number;
  /** How to wait; tests replace it. */
  sleep?: (ms: number) => Promise<void>;
}

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` until it succeeds, retrying errors `isRetryable` accepts up to `attempts` tries in
 * all, with a jittered wait between tries so that two transactions that deadlocked do not meet
 * again in step. `work` gets the number of the try, from 1.
 */
export async function retry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? sleepMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!options.isRetryable(error) || attempt >= options.attempts) throw error;
      await sleep(Math.random() * options.baseDelayMs * attempt);
    }
  }
}
