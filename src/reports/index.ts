// type-graphql's decorators need the metadata polyfill before this module's classes are defined.
import 'reflect-metadata';
// The reports module's public surface.
import type { PeriodService } from './period.service.js';
import type { PeriodKind } from './period.js';
import type { ReportService } from './report.service.js';

/** The reports module's long-lived services, as resolvers reach them (`context.reports`). */
export interface ReportsModule {
  /** Trial balance, balance sheet and income statement, from the ledger's postings. */
  reports: ReportService;
  /** Lines of one report shown in GraphQL at most (REPORTS_LINES_MAX). */
  linesMax: number;
  /** Closing and reopening accounting periods. */
  periods: PeriodService;
  /** How the books are divided into periods (REPORTS_PERIOD). */
  periodKind: PeriodKind;
}

export { reportsModule } from './reports.module.js';
export { retainedEarningsCode } from './period.service.js';
