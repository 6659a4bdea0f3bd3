import { choiceVar, intVar } from '../platform/config.js';
import type { PeriodKind } from './period.js';

declare module '../platform/config.js' {
  interface Config {
    /** Lines of one report (a trial balance, a section of a balance sheet or income statement) in GraphQL at most. */
    reportsLinesMax: number;
    /** How the books are divided into periods that close: months, quarters or years (UTC). */
    reportsPeriod: PeriodKind;
  }
}

/** The reports module's settings: REPORTS_LINES_MAX, REPORTS_PERIOD. */
export function reportsConfig(env: NodeJS.ProcessEnv) {
  return {
    reportsLinesMax: intVar(env, 'REPORTS_LINES_MAX', 5_000, 1, 100_000),
    reportsPeriod: choiceVar<PeriodKind>(env, 'REPORTS_PERIOD', ['month', 'quarter', 'year'], 'month'),
  };
}

/** The reports module's limits. */
export const reportsLimits = {
  /** A reopening's reason. */
  reasonLengthMax: 500,
  /** Periods listed by accountingPeriods at most. */
  periodsListedMax: 120,
} as const;
