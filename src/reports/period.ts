import { ReportsError } from './reports.errors.js';

/** How the books are divided into periods (REPORTS_PERIOD), in UTC. */
export type PeriodKind = 'month' | 'quarter' | 'year';

/** An accounting period: [start, end), named `2026-11` (month), `2026-Q4` (quarter) or `2026` (year). */
export interface Period { name: string; start: Date; end: Date }

const monthsOf: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };
const patterns: Record<PeriodKind, RegExp> = { month: /^(\d{4})-(0[1-9]|1[0-2])$/, quarter: /^(\d{4})-Q([1-4])$/, year: /^(\d{4})$/ };
const examples: Record<PeriodKind, string> = { month: '2026-11', quarter: '2026-Q4', year: '2026' };

/** The period that starts at month `month0` (0-based) of `year`. */
function periodAt(kind: PeriodKind, year: number, month0: number): Period {
  const start = new Date(Date.UTC(year, month0, 1));
  const end = new Date(Date.UTC(year, month0 + monthsOf[kind], 1));
  const name = kind === 'year' ? String(year) : kind === 'quarter' ? `${year}-Q${month0 / 3 + 1}` : `${year}-${String(month0 + 1).padStart(2, '0')}`;
  return { name, start, end };
}

/** Parses a period's name; BAD_USER_INPUT naming the form REPORTS_PERIOD expects. */
export function parsePeriod(kind: PeriodKind, name: string): Period {
  const match = patterns[kind].exec(name);
  if (!match) throw ReportsError.badInput(`period "${name.slice(0, 20)}" is not a ${kind} written like "${examples[kind]}" (REPORTS_PERIOD=${kind})`, 'period');
  const year = Number(match[1]);
  if (year < 1970) throw ReportsError.badInput('a period starts in 1970 or later', 'period');
  const part = kind === 'year' ? 0 : Number(match[2]) - 1;
  return periodAt(kind, year, kind === 'quarter' ? part * 3 : part);
}

/** The period an instant falls in. */
export function periodOf(kind: PeriodKind, at: Date): Period {
  const month0 = at.getUTCMonth();
  return periodAt(kind, at.getUTCFullYear(), month0 - (month0 % monthsOf[kind]));
}

/** The period just before `period`. */
export function previousPeriod(kind: PeriodKind, period: Period): Period {
  return periodOf(kind, new Date(period.start.getTime() - 1));
}
