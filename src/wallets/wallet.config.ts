import { boolVar, choiceVar, currenciesVar, intVar } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    /** The currencies wallets are kept in; their system accounts are opened at start. */
    walletCurrencies: string[];
    /**
     * Whether customers and merchants may deposit (simulated funding) into their own wallets. Off by
     * default in production, where money comes in only through staff (or, later, the bank's webhook).
     */
    selfDeposits: boolean;
    /** A withdrawal's fee in basis points of its amount (rounded up), credited to fee revenue. */
    withdrawalFeeBps: number;
    /** The simulated payment processor's answer: succeed, fail, or delay (then succeed). */
    paymentProcessorMode: 'succeed' | 'fail' | 'delay';
    /** How long the simulated processor keeps a delayed payment pending. */
    paymentProcessorDelayMs: number;
  }
}

/** The wallets module's settings: WALLET_CURRENCIES, SELF_DEPOSITS, WITHDRAWAL_FEE_BPS, PAYMENT_PROCESSOR_*. */
export function walletConfig(env: NodeJS.ProcessEnv) {
  return {
    walletCurrencies: currenciesVar(env, 'WALLET_CURRENCIES', 'USD,EUR,GBP'),
    selfDeposits: boolVar(env, 'SELF_DEPOSITS', env.NODE_ENV !== 'production'),
    withdrawalFeeBps: intVar(env, 'WITHDRAWAL_FEE_BPS', 0, 0, 1_000),
    paymentProcessorMode: choiceVar(env, 'PAYMENT_PROCESSOR_MODE', ['succeed', 'fail', 'delay'] as const, 'succeed'),
    paymentProcessorDelayMs: intVar(env, 'PAYMENT_PROCESSOR_DELAY_MS', 2_000, 0, 3_600_000),
  };
}
