import { intVar } from '../platform/config.js';

declare module '../platform/config.js' {
  interface Config {
    /** Lines of one report (a trial balance, a section of a balance sheet or income statement) in GraphQL at most. */
    reportsLinesMax: number;
  }
}

/** The reports module's settings: REPORTS_LINES_MAX. */
export function reportsConfig(env: NodeJS.ProcessEnv) {
  return { reportsLinesMax: intVar(env, 'REPORTS_LINES_MAX', 5_000, 1, 100_000) };
}
